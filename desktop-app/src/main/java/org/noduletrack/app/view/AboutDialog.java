package org.noduletrack.app.view;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Window;
import org.noduletrack.app.Messages;

/** Help ▸ About: version, purpose, and the attribution of the bundled LIDC-IDRI data (CC BY 3.0). */
public final class AboutDialog {
    private AboutDialog() {}

    public static Alert create(Window owner, Messages msg, String version, String attribution, String renderer) {
        Alert a = new Alert(Alert.AlertType.NONE, "", ButtonType.CLOSE);
        if (owner != null) {
            a.initOwner(owner);
        }
        a.initModality(Modality.NONE);
        a.setTitle(msg.get("about.title"));
        a.setHeaderText(msg.get("about.header", version));
        TextArea text = new TextArea(attribution);
        text.setId("about-attribution");
        text.setEditable(false);
        text.setWrapText(true);
        text.setPrefSize(760, 300);
        Label intro = new Label(msg.get("about.text"));
        intro.setWrapText(true);
        Label render = new Label(msg.get("about.renderer", renderer));
        VBox box = new VBox(8, intro, render, new Label(msg.get("about.dataAttribution")), text);
        box.setPrefWidth(780);
        a.getDialogPane().setContent(box);
        a.getDialogPane().setId("about-dialog");
        return a;
    }
}
