package org.noduletrack.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.app.App;
import org.noduletrack.app.FxSnapshots;
import org.noduletrack.app.Messages;
import org.noduletrack.app.pacs.PacsProfile;
import org.noduletrack.app.pacs.PacsProfiles;
import org.noduletrack.app.view.PacsImportDialog;
import org.noduletrack.app.view.SourceChooser;
import org.noduletrack.app.viewmodel.PacsViewModel;
import org.noduletrack.archive.dicomweb.OrthancExtension;
import org.noduletrack.archive.dicomweb.OrthancServer;
import org.noduletrack.render.engine.RenderEngines;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The PACS import dialog on JavaFX's headless platform against a real Orthanc: search by patient ID, the results table,
 * import of the selected study with the import strip's report. Screenshots go to target/screenshots.
 */
@Tag("ui")
@ExtendWith({OrthancExtension.class, ApplicationExtension.class})
class PacsImportFlowTest {
    @TempDir
    static Path temp;
    static App app;
    static String previousConfig;

    @BeforeAll
    static void openApp() throws Exception {
        previousConfig = System.getProperty("noduletrack.config");
        System.setProperty("noduletrack.config", temp.resolve("config").toString());
        SourceChooser none = new SourceChooser() {
            @Override
            public Optional<Path> chooseFolder(Window owner, String title) { return Optional.empty(); }

            @Override
            public Optional<Path> chooseZip(Window owner, String title) { return Optional.empty(); }
        };
        app = App.open(new App.Options(temp.resolve("library"), false, RenderEngines.Preference.CPU,
                temp.resolve("settings.properties"), none));
    }

    @AfterAll
    static void closeApp() {
        if (app != null) {
            app.close();
        }
        if (previousConfig == null) {
            System.clearProperty("noduletrack.config");
        } else {
            System.setProperty("noduletrack.config", previousConfig);
        }
    }

    @Start
    void start(Stage stage) {
        app.show(stage);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void searchShowsTheStudyAndImportBringsItIntoTheLibrary(FxRobot robot, OrthancServer server) throws Exception {
        PacsProfiles profiles = new PacsProfiles(PacsProfiles.defaultDir());
        profiles.put(PacsProfile.of("orthanc-test", server.dicomWebRoot(), PacsProfile.AuthKind.BASIC, OrthancServer.USER,
                Optional.empty()), Optional.of(server.password()), false);

        robot.clickOn("#toolbar-import-pacs");
        FxSnapshots.await(() -> robot.lookup("#pacs-search").tryQuery().isPresent(), 10_000, "PACS dialog");
        robot.clickOn("#pacs-patient-id").write("LIDC-IDRI-*");
        robot.clickOn("#pacs-search");
        @SuppressWarnings("unchecked")
        TableView<PacsViewModel.StudyRow> table = robot.lookup("#pacs-results").queryAs(TableView.class);
        FxSnapshots.await(() -> table.getItems().size() == 1, 20_000, "one study found");
        PacsViewModel.StudyRow row = table.getItems().getFirst();
        assertThat(row.patientId()).isEqualTo("LIDC-IDRI-0001");
        assertThat(row.instances()).isEqualTo("133");
        assertThat(row.modalities()).isEqualTo("CT");
        FxSnapshots.onFx(() -> table.getSelectionModel().select(0));
        FxSnapshots.settle(300);
        FxSnapshots.savePng(table.getScene(), Path.of("target/screenshots/pacs-import-en.png"));

        robot.clickOn("#pacs-import");
        Label status = robot.lookup("#import-status").queryAs(Label.class);
        FxSnapshots.await(() -> status.getText().startsWith("Import finished"), 60_000, "import report");
        assertThat(status.getText()).contains("133 images imported").contains("0 failed");
        assertThat(app.library().library().store().instanceCount()).isEqualTo(133);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void chineseDialogWithAClearErrorForAWrongPassword(FxRobot robot, OrthancServer server) throws Exception {
        PacsProfiles profiles = new PacsProfiles(temp.resolve("config-zh"));
        profiles.put(PacsProfile.of("wrong", URI.create(server.dicomWebRoot().toString()), PacsProfile.AuthKind.BASIC,
                OrthancServer.USER, Optional.empty()), Optional.of("not-the-password"), false);
        PacsImportDialog dialog = FxSnapshots.onFx(() -> {
            PacsViewModel vm = new PacsViewModel(profiles, null, Runnable::run, javafx.application.Platform::runLater);
            PacsImportDialog d = new PacsImportDialog(null, vm, new Messages(Locale.SIMPLIFIED_CHINESE));
            d.show();
            return d;
        });
        FxSnapshots.await(() -> robot.lookup("#pacs-profile").queryAll().stream()
                .anyMatch(n -> "wrong".equals(((javafx.scene.control.ComboBox<?>) n).getValue())), 10_000, "profile");
        FxSnapshots.onFx(() -> dialog.stage().getScene().lookup("#pacs-search").fireEvent(
                new javafx.event.ActionEvent()));
        Label status = (Label) dialog.stage().getScene().lookup("#pacs-status");
        FxSnapshots.await(() -> status.getText().startsWith("搜索失败"), 20_000, "error shown");
        assertThat(status.getText()).contains("HTTP 401").doesNotContain("not-the-password");
        FxSnapshots.savePng(dialog.stage().getScene(), Path.of("target/screenshots/pacs-import-zh-CN-401.png"));
        FxSnapshots.onFx(() -> dialog.stage().close());
    }
}
