package org.noduletrack.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.app.FxSnapshots;
import org.noduletrack.app.Messages;
import org.noduletrack.app.pacs.PacsProfile;
import org.noduletrack.app.pacs.PacsProfiles;
import org.noduletrack.app.view.PacsServersDialog;
import org.noduletrack.app.viewmodel.PacsServersViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The servers dialog as a user fills it: typed fields reach the profile store; the secret never shows. */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class PacsServersDialogTest {
    @TempDir
    static Path tmp;
    static PacsProfiles profiles;
    static PacsServersDialog dialog;

    @Start
    void start(Stage owner) {
        profiles = new PacsProfiles(tmp.resolve("config"));
        owner.setScene(new javafx.scene.Scene(new javafx.scene.layout.StackPane(), 200, 100));
        owner.show();
        dialog = new PacsServersDialog(owner, new PacsServersViewModel(profiles, Runnable::run, Runnable::run),
                new Messages(Locale.ENGLISH));
        dialog.stage().show();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aServerTypedIntoTheDialogIsSaved(FxRobot robot) throws Exception {
        robot.clickOn("#pacs-servers-name").write("radiology");
        robot.clickOn("#pacs-servers-url").write("https://pacs.example.org/dicom-web");
        FxSnapshots.onFx(() -> robot.lookup("#pacs-servers-auth").queryComboBox().getSelectionModel()
                .select(PacsProfile.AuthKind.BEARER));
        robot.clickOn("#pacs-servers-secret").write("s3cret-token");
        robot.clickOn("#pacs-servers-save");
        ListView<String> list = robot.lookup("#pacs-servers-list").queryListView();
        FxSnapshots.await(() -> list.getItems().contains("radiology"), 10_000, "saved profile listed");
        PacsProfile p = profiles.require("radiology");
        assertThat(p.auth()).isEqualTo(PacsProfile.AuthKind.BEARER);
        assertThat(p.url().toString()).isEqualTo("https://pacs.example.org/dicom-web");
        assertThat(profiles.hasSecret("radiology")).isTrue();
        Label status = robot.lookup("#pacs-servers-status").queryAs(Label.class);
        assertThat(status.getText()).isEqualTo("Saved \"radiology\".");
        FxSnapshots.onFx(() -> list.getSelectionModel().select("radiology"));
        FxSnapshots.settle(300);
        FxSnapshots.savePng(dialog.stage().getScene(), Path.of("target/ui-pacs-servers.png"));
        assertThat(FxSnapshots.onFx(() -> robot.lookup("#pacs-servers-secret").queryTextInputControl().getText()))
                .isEmpty();
    }
}
