package org.noduletrack.app.view;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.noduletrack.app.Messages;
import org.noduletrack.app.viewmodel.PacsViewModel;
import org.noduletrack.app.viewmodel.PacsViewModel.StudyRow;

/**
 * The PACS section of the import dialog: profile, search fields (patient ID, name, modality, date), the studies found,
 * and Import for the selected one. Searches and imports run in the background; the import strip shows progress and
 * cancel. Non-modal, so the workstation stays usable while a search runs.
 */
public final class PacsImportDialog {
    private final Stage stage = new Stage();
    private final TableView<StudyRow> table = new TableView<>();

    public PacsImportDialog(Window owner, PacsViewModel vm, Messages msg) {
        this(owner, vm, msg, null);
    }

    /** @param manageServers opens the servers dialog (blocking until it closes), or null for no Servers… button */
    public PacsImportDialog(Window owner, PacsViewModel vm, Messages msg, java.util.function.Consumer<Stage> manageServers) {
        stage.initOwner(owner);
        stage.setTitle(msg.get("pacs.title"));

        ComboBox<String> profile = new ComboBox<>(vm.profileNames());
        profile.setId("pacs-profile");
        profile.valueProperty().bindBidirectional(vm.profileProperty());
        profile.setPrefWidth(200);
        TextField id = field("pacs-patient-id", vm.patientIdProperty());
        TextField name = field("pacs-patient-name", vm.patientNameProperty());
        name.setPromptText(msg.get("pacs.namePrompt"));
        TextField modality = field("pacs-modality", vm.modalityProperty());
        modality.setPromptText("CT");
        modality.setPrefColumnCount(5);
        TextField date = field("pacs-date", vm.studyDateProperty());
        date.setPromptText(msg.get("pacs.datePrompt"));
        Button search = new Button(msg.get("pacs.search"));
        search.setId("pacs-search");
        search.setDefaultButton(true);
        search.disableProperty().bind(vm.searchingProperty().or(vm.profileProperty().isEmpty()));
        search.setOnAction(e -> vm.search());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.searchingProperty());

        Button servers = new Button(msg.get("pacsServers.manage"));
        servers.setId("pacs-servers");
        servers.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        servers.setVisible(manageServers != null);
        servers.managedProperty().bind(servers.visibleProperty());
        servers.setOnAction(e -> {
            manageServers.accept(stage);
            vm.reloadProfiles();
        });
        GridPane form = new GridPane(8, 6);
        form.addRow(0, new Label(msg.get("pacs.profile")), new HBox(6, profile, servers),
                new Label(msg.get("pacs.patientId")), id);
        form.addRow(1, new Label(msg.get("pacs.patientName")), name, new Label(msg.get("pacs.modality")), modality);
        form.addRow(2, new Label(msg.get("pacs.date")), date, new HBox(6, search, busy));
        for (TextField f : new TextField[] {id, name, date}) {
            f.setPrefColumnCount(20);
        }

        table.setId("pacs-results");
        table.setItems(vm.results());
        table.getColumns().add(column(msg.get("pacs.col.patientName"), StudyRow::patientName, 170));
        table.getColumns().add(column(msg.get("pacs.col.patientId"), StudyRow::patientId, 130));
        table.getColumns().add(column(msg.get("pacs.col.date"), r -> msg.date(r.studyDate()), 90));
        table.getColumns().add(column(msg.get("pacs.col.modalities"), StudyRow::modalities, 100));
        table.getColumns().add(column(msg.get("pacs.col.description"), StudyRow::description, 170));
        table.getColumns().add(column(msg.get("pacs.col.instances"), StudyRow::instances, 70));
        table.setPlaceholder(new Label(msg.get("pacs.noResults")));
        VBox.setVgrow(table, Priority.ALWAYS);

        Label status = new Label();
        status.setId("pacs-status");
        status.setWrapText(true);
        status.setStyle("-fx-text-fill: #a02020;");
        status.textProperty().bind(Bindings.createStringBinding(() -> vm.errorProperty().get().isEmpty()
                ? vm.profileNames().isEmpty() ? msg.get("pacs.noProfiles") : ""
                : msg.get("pacs.failed", vm.errorProperty().get()), vm.errorProperty(), vm.profileNames()));
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);
        Button importButton = new Button(msg.get("pacs.import"));
        importButton.setId("pacs-import");
        importButton.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        importButton.setOnAction(e -> {
            StudyRow row = table.getSelectionModel().getSelectedItem();
            if (row != null) {
                vm.importStudy(row);
                stage.close();
            }
        });
        importButton.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        Button close = new Button(msg.get("import.close"));
        close.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        Button more = new Button(msg.get("pacs.more"));
        more.setId("pacs-more");
        more.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        more.visibleProperty().bind(vm.moreAvailableProperty());
        more.managedProperty().bind(more.visibleProperty());
        more.disableProperty().bind(vm.searchingProperty());
        more.setOnAction(e -> vm.searchMore());
        HBox buttons = new HBox(8, status, more, importButton, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        BorderPane root = new BorderPane(new VBox(8, table), form, null, buttons, null);
        BorderPane.setMargin(form, new Insets(0, 0, 8, 0));
        BorderPane.setMargin(buttons, new Insets(8, 0, 0, 0));
        root.setPadding(new Insets(10));
        stage.setScene(new Scene(root, 820, 480));
        vm.reloadProfiles();
    }

    private static TextField field(String id, javafx.beans.property.StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    private static TableColumn<StudyRow, String> column(String title, java.util.function.Function<StudyRow, String> value,
                                                        double width) {
        TableColumn<StudyRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    public Stage stage() { return stage; }

    public TableView<StudyRow> table() { return table; }

    public void show() {
        stage.show();
        stage.toFront();
    }
}
