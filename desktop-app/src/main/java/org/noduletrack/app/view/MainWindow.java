package org.noduletrack.app.view;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.noduletrack.app.Messages;
import org.noduletrack.app.viewmodel.BrowserViewModel;
import org.noduletrack.app.viewmodel.ImportViewModel;
import org.noduletrack.app.viewmodel.Layout;
import org.noduletrack.app.viewmodel.WindowPreset;
import org.noduletrack.app.viewmodel.WindowPresets;

/** The main window's scene: menu, toolbar, browser on the left, viewer, import strip and status bar. */
public final class MainWindow {
    /** What the window asks of the application. */
    public interface Actions {
        void showAbout();

        void setLanguage(Locale locale);

        void quit();

        /** Opens the PACS (DICOMweb) search and import dialog. */
        default void importFromPacs() { }

        /** Imports an inserted CD/DVD/USB medium (asks which when several are inserted). */
        default void importFromMedia() { }

        /** Opens the settings dialog. */
        default void openSettings() { }
    }

    private final BorderPane root = new BorderPane();
    private final Scene scene;
    private final BrowserView browser;
    private final ViewerArea viewer;
    private final ImportPanel importPanel;
    private final Label renderIndicator = new Label();
    private final VBox bottom = new VBox();

    public MainWindow(Stage stage, Messages msg, BrowserViewModel browserVm, ImportViewModel importVm, ViewerArea viewer,
                      SourceChooser chooser, Actions actions, String libraryPath, String backendName,
                      String backendDescription, Optional<String> fallbackReason,
                      javafx.beans.value.ObservableValue<WindowPresets> presets) {
        this.viewer = viewer;
        this.browser = new BrowserView(browserVm, msg, r -> viewer.open(r.patient(), r.study().study(), r.series(), r.timeline()),
                r -> viewer.showInSecondViewport(r.patient(), r.study().study(), r.series()), chooser);
        viewer.acceptSeriesDrops(browser::requestFor);
        viewer.setReportDestinations(browser.timeline()::sendToPacs, browserVm::refresh);
        this.importPanel = new ImportPanel(importVm, msg);

        Runnable importFolder = () -> chooser.chooseFolder(stage, msg.get("import.chooseFolder"))
                .ifPresent(p -> startImport(importVm, browserVm, p));
        Runnable importZip = () -> chooser.chooseZip(stage, msg.get("import.chooseZip"))
                .ifPresent(p -> startImport(importVm, browserVm, p));

        MenuItem miFolder = item(msg.get("menu.importFolder"), "menu-import-folder", importFolder);
        miFolder.setAccelerator(KeyCombination.keyCombination("Shortcut+I"));
        MenuItem miZip = item(msg.get("menu.importZip"), "menu-import-zip", importZip);
        MenuItem miPacs = item(msg.get("menu.importPacs"), "menu-import-pacs", actions::importFromPacs);
        MenuItem miMedia = item(msg.get("menu.importMedia"), "menu-import-media", actions::importFromMedia);
        MenuItem miSettings = item(msg.get("menu.settings"), "menu-settings", actions::openSettings);
        miSettings.setAccelerator(KeyCombination.keyCombination("Shortcut+Comma"));
        MenuItem miQuit = item(msg.get("menu.quit"), "menu-quit", actions::quit);
        miQuit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        Menu file = new Menu(msg.get("menu.file"), null, miFolder, miZip, miMedia, miPacs, new javafx.scene.control.SeparatorMenuItem(),
                miSettings, new javafx.scene.control.SeparatorMenuItem(), miQuit);

        Menu view = new Menu(msg.get("menu.view"));
        ToggleGroup layoutMenuGroup = new ToggleGroup();
        for (Layout l : Layout.values()) {
            RadioMenuItem ri = new RadioMenuItem(msg.get(l.messageKey()));
            ri.setToggleGroup(layoutMenuGroup);
            ri.setSelected(viewer.layoutProperty().get() == l);
            ri.setOnAction(e -> viewer.layoutProperty().set(l));
            viewer.layoutProperty().addListener((o, a, b) -> ri.setSelected(b == l));
            view.getItems().add(ri);
        }
        view.getItems().add(new javafx.scene.control.SeparatorMenuItem());
        // bound, not listened to: a window rebuilt in another language must not stay reachable from the presets
        javafx.beans.property.ObjectProperty<WindowPresets> shownPresets = new javafx.beans.property.SimpleObjectProperty<>();
        shownPresets.bind(presets);
        int presetMenuStart = view.getItems().size();
        List<MenuItem> presetItems = new java.util.ArrayList<>();
        // the user's presets, rebuilt when Settings changes them
        java.util.function.Consumer<WindowPresets> showPresetItems = ps -> {
            view.getItems().removeAll(presetItems);
            presetItems.clear();
            int n = 1;
            for (WindowPreset p : ps.list()) {
                presetItems.add(item(p.displayName(msg::get) + "  (" + n + ")", "menu-preset-" + n,
                        () -> viewer.axialView().apply(new org.noduletrack.app.viewmodel.ViewerCommand.ApplyPreset(p))));
                n++;
            }
            view.getItems().addAll(presetMenuStart, presetItems);
        };
        showPresetItems.accept(shownPresets.get());
        shownPresets.addListener((o, a, b) -> showPresetItems.accept(b));
        Menu language = new Menu(msg.get("menu.language"));
        ToggleGroup langGroup = new ToggleGroup();
        for (Locale l : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            RadioMenuItem ri = new RadioMenuItem(new Messages(l).get("language.name"));
            ri.setId("menu-language-" + l.toLanguageTag());
            ri.setToggleGroup(langGroup);
            ri.setSelected(msg.locale().getLanguage().equals(l.getLanguage()));
            ri.setOnAction(e -> actions.setLanguage(l));
            language.getItems().add(ri);
        }
        Menu help = new Menu(msg.get("menu.help"), null, item(msg.get("menu.shortcuts"), "menu-shortcuts",
                () -> showShortcuts(stage, msg)), item(msg.get("menu.about"), "menu-about", actions::showAbout));
        MenuBar menuBar = new MenuBar(file, view, language, help);

        // One split button for the local sources (the main part imports a folder, the most common case) keeps the
        // viewing tools visible at 1400 px; PACS stays apart: a network source with its own dialog.
        javafx.scene.control.SplitMenuButton tbImport = new javafx.scene.control.SplitMenuButton(
                item(msg.get("toolbar.importZip"), "toolbar-import-zip", importZip),
                item(msg.get("menu.importMedia"), "toolbar-import-media", actions::importFromMedia));
        tbImport.setText(msg.get("toolbar.import"));
        tbImport.setId("toolbar-import");
        tbImport.setTooltip(new Tooltip(msg.get("menu.importFolder")));
        tbImport.setOnAction(e -> importFolder.run());
        Button tbPacs = new Button(msg.get("toolbar.importPacs"));
        tbPacs.setId("toolbar-import-pacs");
        tbPacs.setTooltip(new Tooltip(msg.get("menu.importPacs")));
        tbPacs.setOnAction(e -> actions.importFromPacs());
        ToolBar toolBar = new ToolBar(tbImport, tbPacs, new Separator());
        ToggleGroup layoutGroup = new ToggleGroup();
        for (Layout l : Layout.values()) {
            ToggleButton b = new ToggleButton(msg.get(l.messageKey()));
            b.setId("layout-" + l.name().toLowerCase(Locale.ROOT));
            b.setToggleGroup(layoutGroup);
            b.setSelected(viewer.layoutProperty().get() == l);
            b.setOnAction(e -> {
                viewer.layoutProperty().set(l);
                b.setSelected(true);
            });
            viewer.layoutProperty().addListener((o, a, now) -> b.setSelected(now == l));
            toolBar.getItems().add(b);
        }
        Button compareWithPrior = new Button(msg.get("toolbar.compareWithPrior"));
        compareWithPrior.setId("toolbar-compare-prior");
        compareWithPrior.setFocusTraversable(false);
        compareWithPrior.setTooltip(new Tooltip(msg.get("toolbar.compareWithPrior.tip")));
        compareWithPrior.setOnAction(e -> viewer.compareWithPrior());
        toolBar.getItems().add(compareWithPrior);
        toolBar.getItems().add(new Separator());
        HBox presetButtons = new HBox(4);
        presetButtons.setId("toolbar-presets");
        presetButtons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        java.util.function.Consumer<WindowPresets> showPresetButtons = ps -> {
            presetButtons.getChildren().clear();
            int n = 1;
            for (WindowPreset p : ps.list()) {
                Button b = new Button(n + " " + p.displayName(msg::get));
                b.setId("preset-" + n);
                b.setFocusTraversable(false);
                b.setOnAction(e -> viewer.axialView().apply(new org.noduletrack.app.viewmodel.ViewerCommand.ApplyPreset(p)));
                presetButtons.getChildren().add(b);
                n++;
            }
        };
        showPresetButtons.accept(shownPresets.get());
        shownPresets.addListener((o, a, b) -> showPresetButtons.accept(b));
        toolBar.getItems().add(presetButtons);

        toolBar.getItems().add(new Separator());
        ToggleGroup toolGroup = new ToggleGroup();
        var measures = viewer.measurements();
        for (var t : org.noduletrack.app.viewmodel.MeasurementTool.values()) {
            ToggleButton b = new ToggleButton(msg.get(t.messageKey()));
            b.setId("tool-" + t.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            b.setToggleGroup(toolGroup);
            b.setFocusTraversable(false);
            b.setTooltip(new Tooltip(msg.get(t.messageKey() + ".tip")));
            b.setSelected(measures.toolProperty().get() == t);
            b.setOnAction(e -> {
                measures.toolProperty().set(t);
                b.setSelected(true);
                viewer.activeView().requestFocus();
            });
            measures.toolProperty().addListener((o, a, now) -> b.setSelected(now == t));
            toolBar.getItems().add(b);
        }
        toolBar.getItems().add(new Separator());
        ToggleButton cineButton = new ToggleButton(msg.get("cine.play"));
        cineButton.setId("cine-toggle");
        cineButton.setFocusTraversable(false);
        Tooltip cineTip = new Tooltip(msg.get("cine.tip", String.format(Locale.ROOT, "%.0f", viewer.cineFps())));
        cineTip.setOnShowing(e -> cineTip.setText(msg.get("cine.tip", String.format(Locale.ROOT, "%.0f", viewer.cineFps()))));
        cineButton.setTooltip(cineTip); // the rate may change in Settings
        cineButton.setOnAction(e -> {
            viewer.setCinePlaying(cineButton.isSelected());
            viewer.activeView().requestFocus();
        });
        viewer.cinePlayingProperty().addListener((o, a, now) -> {
            cineButton.setSelected(now);
            cineButton.setText(msg.get(now ? "cine.pause" : "cine.play"));
        });
        toolBar.getItems().add(cineButton);
        toolBar.getItems().add(new Separator());
        javafx.scene.control.ComboBox<String> slabMode = new javafx.scene.control.ComboBox<>(
                javafx.collections.FXCollections.observableArrayList("thin", "mip", "minip", "mean"));
        slabMode.setId("slab-mode");
        slabMode.setFocusTraversable(false);
        slabMode.setTooltip(new Tooltip(msg.get("slab.tip")));
        slabMode.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String k) { return k == null ? "" : msg.get("slab." + k); }

            @Override
            public String fromString(String s) { return s; }
        });
        slabMode.setValue("thin");
        javafx.scene.control.ComboBox<Integer> slabThickness = new javafx.scene.control.ComboBox<>(
                javafx.collections.FXCollections.observableArrayList(3, 5, 10, 15, 20, 30, 50));
        slabThickness.setId("slab-thickness");
        slabThickness.setFocusTraversable(false);
        slabThickness.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer k) { return k == null ? "" : k + " mm"; }

            @Override
            public Integer fromString(String s) { return Integer.valueOf(s.replace("mm", "").trim()); }
        });
        slabThickness.setValue(10);
        slabThickness.setDisable(true);
        boolean[] syncing = {false};
        Runnable applySlab = () -> {
            if (syncing[0]) {
                return;
            }
            String m = slabMode.getValue();
            slabThickness.setDisable("thin".equals(m));
            viewer.activeView().viewModel().slabProperty().set("thin".equals(m) ? org.noduletrack.render.api.SlabSpec.THIN
                    : new org.noduletrack.render.api.SlabSpec(slabThickness.getValue(),
                    org.noduletrack.render.api.SlabMode.valueOf(m.toUpperCase(Locale.ROOT))));
        };
        slabMode.valueProperty().addListener((o, a, b) -> applySlab.run());
        slabThickness.valueProperty().addListener((o, a, b) -> applySlab.run());
        viewer.activeViewProperty().addListener((o, a, v) -> {
            if (v == null) {
                return;
            }
            var spec = v.viewModel().slabProperty().get();
            syncing[0] = true;
            slabMode.setValue(spec.thin() ? "thin" : spec.mode().name().toLowerCase(Locale.ROOT));
            if (!spec.thin()) {
                slabThickness.setValue((int) Math.round(spec.thicknessMm()));
            }
            slabThickness.setDisable(spec.thin());
            syncing[0] = false;
        });
        Label slabLabel = new Label(msg.get("slab.label"));
        toolBar.getItems().addAll(slabLabel, slabMode, slabThickness);

        renderIndicator.setId("render-indicator");
        boolean software = !"gl".equals(backendName);
        String d = backendDescription.toLowerCase(Locale.ROOT);
        boolean softwareGl = !software && (d.contains("llvmpipe") || d.contains("softpipe") || d.contains("swrast"));
        renderIndicator.setText(software ? msg.get("status.software") : softwareGl ? msg.get("status.softwareGl")
                : msg.get("status.gpu"));
        software |= softwareGl;
        renderIndicator.setTooltip(new Tooltip(backendDescription));
        renderIndicator.setStyle(software ? "-fx-text-fill: #8a4b00; -fx-font-weight: bold;" : "-fx-text-fill: #2d6a2d;");
        fallbackReason.ifPresent(r -> renderIndicator.setTooltip(new Tooltip(msg.get("status.fallback", r))));
        Label lib = new Label(msg.get("status.library", libraryPath));
        lib.setId("status-library");
        Label hint = new Label(msg.get("status.hint"));
        hint.setStyle("-fx-text-fill: #555555;");
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox status = new HBox(12, lib, spring, hint, renderIndicator);
        status.setPadding(new Insets(3, 8, 3, 8));
        status.setStyle("-fx-background-color: #f0f0f0; -fx-border-color: #c8c8c8; -fx-border-width: 1 0 0 0;");

        SplitPane split = new SplitPane(browser, viewer);
        split.setDividerPositions(0.29);
        SplitPane.setResizableWithParent(browser, false);
        root.setTop(new VBox(menuBar, toolBar));
        root.setCenter(split);
        root.setBottom(bottom);
        bottom.getChildren().addAll(importPanel, status);
        scene = new Scene(root, 1400, 860);
        acceptDroppedFiles(scene, importVm, browserVm);
        browserVm.refresh();
    }

    /** Shows a bar (a medium inserted, say) above the import strip. */
    public void addNotice(javafx.scene.Node notice) {
        bottom.getChildren().addFirst(notice);
    }

    /**
     * Files dragged from the desktop or a file manager onto the window are imported like Import… (folders, a CD's
     * DICOMDIR, zips, single files); an import already running keeps the drop from being accepted.
     */
    private static void acceptDroppedFiles(Scene scene, ImportViewModel importVm, BrowserViewModel browserVm) {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles() && !importVm.runningProperty().get()) {
                e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles() && !importVm.runningProperty().get();
            if (ok) {
                List<Path> paths = e.getDragboard().getFiles().stream().map(java.io.File::toPath).toList();
                importVm.start(paths).whenComplete((r, x) -> javafx.application.Platform.runLater(browserVm::refresh));
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    private static void startImport(ImportViewModel importVm, BrowserViewModel browserVm, Path p) {
        importVm.start(List.of(p)).whenComplete((r, e) -> javafx.application.Platform.runLater(browserVm::refresh));
    }

    private static MenuItem item(String text, String id, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (id != null) {
            m.setId(id);
        }
        m.setOnAction(e -> action.run());
        return m;
    }

    private static void showShortcuts(Stage owner, Messages msg) {
        javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION);
        a.initOwner(owner);
        a.initModality(javafx.stage.Modality.NONE);
        a.setTitle(msg.get("menu.shortcuts"));
        a.setHeaderText(null);
        a.setContentText(msg.get("shortcuts.text"));
        a.show();
    }

    public Scene scene() { return scene; }

    public BrowserView browser() { return browser; }

    public ViewerArea viewer() { return viewer; }

    public ImportPanel importPanel() { return importPanel; }

    public Label renderIndicator() { return renderIndicator; }
}
