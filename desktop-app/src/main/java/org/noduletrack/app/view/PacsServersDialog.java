package org.noduletrack.app.view;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.noduletrack.app.Messages;
import org.noduletrack.app.pacs.PacsProfile;
import org.noduletrack.app.viewmodel.PacsServersViewModel;

/** PACS servers: add, edit, test and delete DICOMweb connection profiles without the command line. */
public final class PacsServersDialog {
    private final Stage stage = new Stage();

    public PacsServersDialog(Window owner, PacsServersViewModel vm, Messages msg) {
        stage.initOwner(owner);
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(msg.get("pacsServers.title"));

        ListView<String> list = new ListView<>(vm.names());
        list.setId("pacs-servers-list");
        list.setPrefWidth(180);
        list.setPlaceholder(new Label(msg.get("pacsServers.none")));
        list.getSelectionModel().selectedItemProperty().addListener((o, a, n) -> {
            if (n != null) {
                vm.select(n);
            }
        });
        Button add = new Button(msg.get("pacsServers.new"));
        add.setId("pacs-servers-new");
        add.setOnAction(e -> {
            list.getSelectionModel().clearSelection();
            vm.startNew();
        });
        add.setMaxWidth(Double.MAX_VALUE);
        VBox left = new VBox(6, list, add);
        VBox.setVgrow(list, Priority.ALWAYS);

        TextField name = bound("pacs-servers-name", vm.nameProperty());
        name.disableProperty().bind(vm.existingProperty());
        name.setPromptText("orthanc");
        TextField url = bound("pacs-servers-url", vm.urlProperty());
        url.setPromptText("https://pacs.example.org/dicom-web");
        url.setPrefColumnCount(30);
        ComboBox<PacsProfile.AuthKind> auth = new ComboBox<>();
        auth.setId("pacs-servers-auth");
        auth.getItems().setAll(PacsProfile.AuthKind.values());
        auth.valueProperty().bindBidirectional(vm.authProperty());
        auth.setButtonCell(authCell(msg));
        auth.setCellFactory(l -> authCell(msg));
        TextField user = bound("pacs-servers-user", vm.userProperty());
        user.disableProperty().bind(vm.authProperty().isNotEqualTo(PacsProfile.AuthKind.BASIC));
        PasswordField secret = new PasswordField();
        secret.setId("pacs-servers-secret");
        secret.textProperty().bindBidirectional(vm.secretProperty());
        secret.disableProperty().bind(vm.authProperty().isEqualTo(PacsProfile.AuthKind.NONE));
        secret.promptTextProperty().bind(Bindings.when(vm.secretStoredProperty())
                .then(msg.get("pacsServers.secretKept")).otherwise(""));
        TextField ca = bound("pacs-servers-ca", vm.caFileProperty());
        ca.setPromptText(msg.get("pacsServers.caPrompt"));
        Button browse = new Button(msg.get("pacsServers.browse"));
        browse.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setTitle(msg.get("pacsServers.ca"));
            java.io.File f = fc.showOpenDialog(stage);
            if (f != null) {
                vm.caFileProperty().set(f.getPath());
            }
        });

        GridPane form = new GridPane(8, 8);
        form.addRow(0, new Label(msg.get("pacsServers.name")), name);
        form.addRow(1, new Label(msg.get("pacsServers.url")), url);
        form.addRow(2, new Label(msg.get("pacsServers.auth")), auth);
        form.addRow(3, new Label(msg.get("pacsServers.user")), user);
        form.addRow(4, new Label(msg.get("pacsServers.secret")), secret);
        form.addRow(5, new Label(msg.get("pacsServers.ca")), new HBox(6, ca, browse));
        HBox.setHgrow(ca, Priority.ALWAYS);
        GridPane.setHgrow(url, Priority.ALWAYS);

        Label status = new Label();
        status.setId("pacs-servers-status");
        status.setWrapText(true);
        status.setMaxWidth(Double.MAX_VALUE);
        vm.statusProperty().addListener((o, a, s) -> {
            status.setText(s == null ? "" : msg.get(s.messageKey(), s.detail()));
            status.setStyle(s != null && !s.ok() ? "-fx-text-fill: #a02020;" : "-fx-text-fill: #1d6b2a;");
        });
        Button test = new Button(msg.get("pacsServers.test"));
        test.setId("pacs-servers-test");
        test.setOnAction(e -> vm.testConnection());
        Button save = new Button(msg.get("pacsServers.save"));
        save.setId("pacs-servers-save");
        save.setDefaultButton(true);
        save.setOnAction(e -> vm.save());
        Button delete = new Button(msg.get("pacsServers.delete"));
        delete.setId("pacs-servers-delete");
        delete.disableProperty().bind(vm.existingProperty().not().or(vm.busyProperty()));
        delete.setOnAction(e -> vm.delete());
        Button close = new Button(msg.get("import.close"));
        close.setCancelButton(true);
        close.setOnAction(e -> stage.close());
        for (Button b : new Button[] {test, save}) {
            b.disableProperty().bind(vm.busyProperty());
        }
        for (Button b : new Button[] {test, save, delete, close}) {
            b.setMinWidth(javafx.scene.control.Control.USE_PREF_SIZE);
        }
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox buttons = new HBox(8, status, test, save, delete, close);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        Label note = new Label(msg.get("pacsServers.note"));
        note.setWrapText(true);
        note.setStyle("-fx-text-fill: #555555;");
        VBox right = new VBox(10, form, note);
        BorderPane root = new BorderPane(right, null, null, buttons, left);
        BorderPane.setMargin(left, new Insets(0, 12, 0, 0));
        BorderPane.setMargin(buttons, new Insets(10, 0, 0, 0));
        root.setPadding(new Insets(10));
        stage.setScene(new Scene(root, 760, 380));
        vm.reload();
        vm.startNew();
    }

    private static TextField bound(String id, javafx.beans.property.StringProperty p) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    private static ListCell<PacsProfile.AuthKind> authCell(Messages msg) {
        return new ListCell<>() {
            @Override
            protected void updateItem(PacsProfile.AuthKind item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? "" : msg.get("pacsServers.auth." + item.name().toLowerCase(Locale.ROOT)));
            }
        };
    }

    public Stage stage() { return stage; }

    public void showAndWait() {
        stage.showAndWait();
    }
}
