package org.noduletrack.app.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.noduletrack.app.Messages;
import org.noduletrack.app.Settings;
import org.noduletrack.app.viewmodel.Layout;
import org.noduletrack.app.viewmodel.SettingsViewModel;
import org.noduletrack.app.viewmodel.SettingsViewModel.PresetRow;
import org.noduletrack.app.viewmodel.WindowPresets;
import org.noduletrack.render.engine.RenderEngines;

/**
 * File ▸ Settings…: window presets, language, default layout, cine rate, library location and renderer. Modeless, so
 * the images stay in reach while it is open; OK stays disabled while anything typed is invalid, with the reason shown.
 */
public final class SettingsDialog {
    private static final String ERROR_STYLE = "-fx-text-fill: #a02020;";
    private static final String INVALID_FIELD = "-fx-border-color: #c03030; -fx-border-width: 1.5;";

    private final Stage stage = new Stage();
    private final SettingsViewModel vm;
    private final Messages msg;
    private final GridPane presetGrid = new GridPane(8, 6);
    private final List<TextField> presetFields = new ArrayList<>();

    /**
     * @param chooser     the folder chooser for the library location (tests replace it)
     * @param rendererNow what renders now, for the renderer note
     */
    public SettingsDialog(Window owner, SettingsViewModel vm, Messages msg, SourceChooser chooser, String rendererNow) {
        this.vm = vm;
        this.msg = msg;
        stage.initOwner(owner);
        stage.initModality(Modality.NONE);
        stage.setTitle(msg.get("settings.title"));

        // window presets
        presetGrid.setId("settings-presets");
        presetGrid.getColumnConstraints().addAll(new ColumnConstraints(), grow(), new ColumnConstraints(),
                new ColumnConstraints(), new ColumnConstraints());
        vm.presets().addListener((ListChangeListener<PresetRow>) c -> {
            boolean structural = false;
            while (c.next()) {
                structural |= c.wasAdded() || c.wasRemoved() || c.wasPermutated();
            }
            if (structural) { // not on typing: the field being typed in must stay
                rebuildPresetRows();
            }
        });
        rebuildPresetRows();
        Button add = new Button(msg.get("settings.presets.add"));
        add.setId("settings-preset-add");
        add.disableProperty().bind(javafx.beans.binding.Bindings.size(vm.presets()).greaterThanOrEqualTo(WindowPresets.MAX));
        add.setOnAction(e -> vm.addPreset().ifPresent(r -> focusLastName()));
        Button reset = new Button(msg.get("settings.presets.reset"));
        reset.setId("settings-preset-reset");
        reset.setOnAction(e -> vm.resetPresets());
        Label problem = new Label();
        problem.setId("settings-presets-problem");
        problem.setWrapText(true);
        problem.setStyle(ERROR_STYLE);
        vm.problemProperty().addListener((o, a, p) -> showProblem(problem, p));
        showProblem(problem, vm.problemProperty().get());
        VBox presetsBox = new VBox(8, section("settings.presets"), note(msg.get("settings.presets.note", WindowPresets.MAX)),
                presetGrid, new HBox(8, add, reset), problem);

        // general
        ComboBox<Locale> language = new ComboBox<>(FXCollections.observableArrayList(SettingsViewModel.LANGUAGES));
        language.setId("settings-language");
        language.setConverter(converter(l -> new Messages(l).get("language.name"))); // each in its own language
        language.valueProperty().bindBidirectional(vm.languageProperty());
        List<Optional<Layout>> layouts = new ArrayList<>();
        layouts.add(Optional.empty());
        for (Layout l : Layout.values()) {
            layouts.add(Optional.of(l));
        }
        ComboBox<Optional<Layout>> layout = new ComboBox<>(FXCollections.observableArrayList(layouts));
        layout.setId("settings-default-layout");
        layout.setConverter(converter(l -> l.map(x -> msg.get(x.messageKey())).orElse(msg.get("settings.layout.lastUsed"))));
        layout.valueProperty().bindBidirectional(vm.defaultLayoutProperty());
        Spinner<Integer> cine = new Spinner<>();
        cine.setId("settings-cine-fps");
        SpinnerValueFactory.IntegerSpinnerValueFactory fps = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                (int) Settings.MIN_CINE_FPS, (int) Settings.MAX_CINE_FPS, vm.cineFpsProperty().get());
        cine.setValueFactory(fps);
        cine.setEditable(true);
        cine.setPrefWidth(90);
        fps.valueProperty().bindBidirectional(vm.cineFpsProperty());
        GridPane general = form();
        general.addRow(0, new Label(msg.get("settings.language")), language, note(msg.get("settings.language.note")));
        general.addRow(1, new Label(msg.get("settings.layout")), layout, note(msg.get("settings.layout.note")));
        general.addRow(2, new Label(msg.get("settings.cine")), new HBox(6, cine, centred(new Label(msg.get("settings.cine.unit")))),
                note(msg.get("settings.cine.note")));

        // library
        TextField path = new TextField();
        path.setId("settings-library-path");
        path.setEditable(false);
        path.setPrefColumnCount(34);
        path.textProperty().bind(vm.libraryProperty().map(Object::toString));
        Button choose = new Button(msg.get("settings.library.choose"));
        choose.setId("settings-library-choose");
        choose.setOnAction(e -> chooser.chooseFolder(stage, msg.get("settings.library.chooseTitle"))
                .ifPresent(vm::chooseLibrary));
        Button keep = new Button(msg.get("settings.library.keep"));
        keep.setId("settings-library-keep");
        keep.visibleProperty().bind(vm.libraryStatusProperty().isNotEqualTo(SettingsViewModel.LibraryStatus.CURRENT));
        keep.managedProperty().bind(keep.visibleProperty());
        keep.setOnAction(e -> vm.keepCurrentLibrary());
        choose.disableProperty().bind(vm.busyProperty());
        keep.disableProperty().bind(vm.busyProperty());
        Label libraryStatus = new Label();
        libraryStatus.setId("settings-library-status");
        libraryStatus.setWrapText(true);
        Runnable showLibrary = () -> {
            SettingsViewModel.LibraryStatus s = vm.libraryStatusProperty().get();
            libraryStatus.setText(msg.get(s.messageKey(), vm.libraryFailureProperty().get()));
            boolean bad = !s.usable() && s != SettingsViewModel.LibraryStatus.CHECKING;
            libraryStatus.setStyle(bad ? ERROR_STYLE : "-fx-text-fill: #444444;");
            fitLater();
        };
        vm.libraryStatusProperty().addListener((o, a, b) -> showLibrary.run());
        vm.libraryFailureProperty().addListener((o, a, b) -> showLibrary.run());
        showLibrary.run();
        HBox.setHgrow(path, Priority.ALWAYS);
        VBox libraryBox = new VBox(6, section("settings.library"), new HBox(6, path, choose, keep), libraryStatus,
                note(msg.get("settings.library.note")));

        // rendering
        ComboBox<RenderEngines.Preference> renderer = new ComboBox<>(
                FXCollections.observableArrayList(RenderEngines.Preference.values()));
        renderer.setId("settings-renderer");
        renderer.setConverter(converter(p -> msg.get(p == RenderEngines.Preference.CPU ? "settings.renderer.cpu"
                : "settings.renderer.gpu")));
        renderer.valueProperty().bindBidirectional(vm.rendererProperty());
        GridPane rendering = form();
        rendering.addRow(0, new Label(msg.get("settings.renderer")), renderer,
                note(msg.get("settings.renderer.note", rendererNow)));

        // buttons
        Button ok = new Button(msg.get("settings.ok"));
        ok.setId("settings-ok");
        ok.setDefaultButton(true);
        ok.disableProperty().bind(vm.canApplyProperty().not());
        ok.setOnAction(e -> apply());
        Button cancel = new Button(msg.get("settings.cancel"));
        cancel.setId("settings-cancel");
        cancel.setCancelButton(true);
        cancel.setOnAction(e -> stage.close());
        for (Button b : new Button[] {ok, cancel}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.setPrefWidth(90);
        }
        HBox buttons = new HBox(8, ok, cancel);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        buttons.setPadding(new Insets(6, 0, 0, 0));

        VBox root = new VBox(12, presetsBox, new Separator(), section("settings.general"), general, new Separator(),
                libraryBox, new Separator(), section("settings.rendering"), rendering, buttons);
        root.setPadding(new Insets(14));
        root.setPrefWidth(780);
        stage.setScene(new Scene(root));
    }

    private void apply() {
        vm.apply().whenComplete((applied, e) -> {
            if (e != null) {
                return; // the library status says why; the dialog stays open
            }
            stage.close();
            if (applied.newLibrary().isPresent()) {
                askReopen(applied);
            } else {
                vm.finish(applied, false);
            }
        });
    }

    /** The new library is what the next start opens; the user may reopen on it at once. */
    private void askReopen(SettingsViewModel.Applied applied) {
        ButtonType now = new ButtonType(msg.get("settings.library.reopenNow"), ButtonBar.ButtonData.OK_DONE);
        ButtonType later = new ButtonType(msg.get("settings.library.later"), ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, msg.get("settings.library.reopenText",
                applied.newLibrary().orElseThrow()), now, later);
        a.initOwner(stage.getOwner());
        a.initModality(Modality.WINDOW_MODAL);
        a.setTitle(msg.get("settings.title"));
        a.setHeaderText(msg.get("settings.library.reopenHeader"));
        a.getDialogPane().setId("settings-reopen");
        a.getDialogPane().lookupButton(now).setId("settings-reopen-now");
        a.getDialogPane().lookupButton(later).setId("settings-reopen-later");
        a.setOnHidden(e -> vm.finish(applied, a.getResult() == now));
        a.show();
    }

    private void rebuildPresetRows() {
        presetGrid.getChildren().clear();
        presetFields.clear();
        presetGrid.addRow(0, header("settings.presets.key"), header("settings.presets.name"),
                header("settings.presets.level"), header("settings.presets.width"));
        int n = 1;
        for (PresetRow r : vm.presets()) {
            String id = "settings-preset-" + n;
            Label key = new Label(Integer.toString(n));
            key.setStyle("-fx-font-weight: bold;");
            GridPane.setHalignment(key, HPos.CENTER);
            TextField name = field(id + "-name", r.nameProperty(), 16);
            name.setPromptText(msg.get("settings.presets.namePrompt"));
            TextField level = field(id + "-level", r.levelProperty(), 6);
            TextField width = field(id + "-width", r.widthProperty(), 6);
            Button remove = new Button(msg.get("settings.presets.remove"));
            remove.setId(id + "-remove");
            remove.setDisable(vm.presets().size() <= 1);
            remove.setOnAction(e -> vm.removePreset(r));
            presetGrid.addRow(n, key, name, level, width, remove);
            presetFields.addAll(List.of(name, level, width));
            n++;
        }
        markInvalid(vm.problemProperty().get());
        fitLater();
    }

    private void focusLastName() {
        presetFields.get(presetFields.size() - 3).requestFocus();
    }

    private void showProblem(Label label, SettingsViewModel.Problem p) {
        label.setText(p == null ? "" : msg.get(p.messageKey(), p.args().toArray()));
        if (label.isManaged() != (p != null)) {
            label.setVisible(p != null);
            label.setManaged(p != null);
            fitLater();
        }
        markInvalid(p);
    }

    /** Grows (or shrinks) the window to a message shown or hidden, so nothing else gets cut short. */
    private void fitLater() {
        javafx.application.Platform.runLater(() -> {
            if (stage.isShowing()) {
                stage.sizeToScene();
            }
        });
    }

    private void markInvalid(SettingsViewModel.Problem p) {
        presetFields.forEach(f -> f.setStyle(""));
        if (p != null && p.row() != null) {
            int i = vm.presets().indexOf(p.row());
            if (i >= 0) {
                presetFields.get(i * 3 + p.field().ordinal()).setStyle(INVALID_FIELD);
            }
        }
    }

    private static TextField field(String id, javafx.beans.property.StringProperty p, int columns) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(columns);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    private Label section(String key) {
        Label l = new Label(msg.get(key));
        l.setStyle("-fx-font-weight: bold; -fx-font-size: 13px;");
        return l;
    }

    private Label header(String key) {
        Label l = new Label(msg.get(key));
        l.setStyle("-fx-text-fill: #444444;");
        return l;
    }

    private static Label note(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setStyle("-fx-text-fill: #555555;");
        return l;
    }

    private static Node centred(Label l) {
        l.setMaxHeight(Double.MAX_VALUE);
        l.setAlignment(Pos.CENTER_LEFT);
        return l;
    }

    /** Label, control, note: the note wraps, label and control keep their width. */
    private static GridPane form() {
        GridPane g = new GridPane(10, 8);
        g.getColumnConstraints().addAll(fixed(), fixed(), grow());
        return g;
    }

    private static ColumnConstraints fixed() {
        ColumnConstraints c = new ColumnConstraints();
        c.setMinWidth(Region.USE_PREF_SIZE);
        return c;
    }

    private static ColumnConstraints grow() {
        ColumnConstraints c = new ColumnConstraints();
        c.setHgrow(Priority.ALWAYS);
        return c;
    }

    private static <T> StringConverter<T> converter(java.util.function.Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) { return t == null ? "" : text.apply(t); }

            @Override
            public T fromString(String s) { throw new UnsupportedOperationException("not editable"); }
        };
    }

    public Stage stage() { return stage; }

    public void show() {
        stage.show();
        stage.toFront();
    }
}
