package org.noduletrack.app.view;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.noduletrack.app.Messages;
import org.noduletrack.archive.casefolder.ClinicalHistory;
import org.noduletrack.archive.casefolder.Note;

/**
 * The case folder's small dialogs: write a note, edit the clinical history, name and date an attached report, read a
 * note. They are shown without waiting (the caller continues; the answer arrives through the callback).
 */
final class CaseFolderDialogs {
    private final Messages msg;

    CaseFolderDialogs(Messages msg) {
        this.msg = msg;
    }

    /** A new note; {@code onOk} gets the text (never blank). */
    void writeNote(Window owner, Consumer<String> onOk) {
        TextArea text = new TextArea();
        text.setId("note-text");
        text.setWrapText(true);
        text.setPrefRowCount(8);
        Dialog<String> d = textDialog(owner, msg.get("case.note.title"), msg.get("case.note.header"), text, "note-ok");
        d.setResultConverter(b -> b != null && b.getButtonData() == ButtonBar.ButtonData.OK_DONE ? text.getText().strip() : null);
        d.setOnHidden(e -> {
            if (d.getResult() != null && !d.getResult().isBlank()) {
                onOk.accept(d.getResult());
            }
        });
        d.show();
        text.requestFocus();
    }

    /** The clinical history, editable; {@code onSave} gets the new text. */
    void editHistory(Window owner, ClinicalHistory current, Consumer<String> onSave) {
        TextArea text = new TextArea(current == null ? "" : current.text());
        text.setId("history-text");
        text.setWrapText(true);
        text.setPrefRowCount(12);
        String header = current == null ? msg.get("case.history.header")
                : msg.get("case.history.updated", DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(msg.locale()).format(current.updatedAt().atZone(ZoneId.systemDefault())), current.updatedBy());
        Dialog<String> d = textDialog(owner, msg.get("case.history.title"), header, text, "history-save");
        d.setResultConverter(b -> b != null && b.getButtonData() == ButtonBar.ButtonData.OK_DONE ? text.getText().strip() : null);
        d.setOnHidden(e -> {
            if (d.getResult() != null) {
                onSave.accept(d.getResult());
            }
        });
        d.show();
    }

    /** Title and date of a report being attached; {@code onOk} gets (title, DA date). */
    void describeReport(Window owner, Path file, BiConsumer<String, String> onOk) {
        TextField title = new TextField(stripExtension(file.getFileName().toString()));
        title.setId("report-title");
        DatePicker date = new DatePicker(LocalDate.now());
        date.setId("report-date");
        GridPane grid = new GridPane(8, 8);
        grid.addRow(0, new Label(msg.get("case.report.name")), title);
        grid.addRow(1, new Label(msg.get("case.report.date")), date);
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.initModality(Modality.WINDOW_MODAL);
        d.setTitle(msg.get("case.report.title"));
        d.setHeaderText(msg.get("case.report.header", file.getFileName().toString()));
        d.getDialogPane().setContent(grid);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(ButtonType.OK).setId("report-ok");
        d.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(
                javafx.beans.binding.Bindings.createBooleanBinding(() -> title.getText() == null || title.getText().isBlank()
                        || date.getValue() == null, title.textProperty(), date.valueProperty()));
        d.setOnHidden(e -> {
            if (d.getResult() == ButtonType.OK) {
                onOk.accept(title.getText().strip(), date.getValue().format(DateTimeFormatter.BASIC_ISO_DATE));
            }
        });
        d.show();
    }

    /**
     * Which server to send a report to, and the user's go-ahead: the dialog says what leaves the computer.
     * {@code onSend} gets the server's name.
     */
    void confirmSend(Window owner, String what, List<String> servers, Consumer<String> onSend) {
        javafx.scene.control.ChoiceBox<String> server = new javafx.scene.control.ChoiceBox<>(
                javafx.collections.FXCollections.observableArrayList(servers));
        server.setId("send-server");
        server.getSelectionModel().selectFirst();
        GridPane grid = new GridPane(8, 8);
        grid.addRow(0, new Label(msg.get("case.send.server")), server);
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.initModality(Modality.WINDOW_MODAL);
        d.setTitle(msg.get("case.send.title"));
        d.setHeaderText(msg.get("case.send.header", what));
        d.getDialogPane().setContent(grid);
        ButtonType send = new ButtonType(msg.get("case.send.ok"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(send, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(send).setId("send-ok");
        d.setOnHidden(e -> {
            if (d.getResult() == send && server.getValue() != null) {
                onSend.accept(server.getValue());
            }
        });
        d.show();
    }

    /** A note in full. */
    void showNote(Window owner, Note note) {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(owner);
        a.initModality(Modality.NONE);
        a.setTitle(msg.get("case.note.title"));
        a.setHeaderText(msg.get("case.note.by", note.author(), DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM,
                FormatStyle.SHORT).withLocale(msg.locale()).format(note.createdAt().atZone(ZoneId.systemDefault()))));
        TextArea text = new TextArea(note.text());
        text.setId("note-shown");
        text.setEditable(false);
        text.setWrapText(true);
        a.getDialogPane().setContent(text);
        a.show();
    }

    private Dialog<String> textDialog(Window owner, String title, String header, TextArea text, String okId) {
        Dialog<String> d = new Dialog<>();
        d.initOwner(owner);
        d.initModality(Modality.WINDOW_MODAL);
        d.setTitle(title);
        d.setHeaderText(header);
        d.getDialogPane().setContent(text);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        d.getDialogPane().lookupButton(ButtonType.OK).setId(okId);
        d.setResizable(true);
        return d;
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
