package org.noduletrack.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
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
import org.noduletrack.app.view.SourceChooser;
import org.noduletrack.archive.index.PatientRecord;
import org.noduletrack.archive.media.MediaScanner;
import org.noduletrack.archive.media.MountPoint;
import org.noduletrack.render.engine.RenderEngines;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A CD is inserted while the workstation is open: a bar offers it, one click imports it through its DICOMDIR, the bar
 * goes and stays gone while the disc stays in; ejecting and inserting it again offers it again. The "disc" is the
 * read-only shared pydicom DICOMDIR folder listed in a mount table the test controls. What its DICOMDIR holds is
 * established apart with the import used by {@code noduletrack import} (into another library): the click must give
 * exactly that.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class MediaInsertFlowTest {
    static final Path DISC = Path.of(System.getProperty("noduletrack.shared.data", "../../shared/data"),
            "pydicom-dicomdir");
    static final AtomicReference<List<MountPoint>> MOUNTS = new AtomicReference<>(List.of());

    @TempDir
    static Path temp;
    static App app;
    static long EXPECTED_IMAGES;
    static int EXPECTED_PATIENTS;

    @BeforeAll
    static void openApp() throws Exception {
        assertThat(Files.isRegularFile(DISC.resolve("DICOMDIR"))).as("test data " + DISC).isTrue();
        SourceChooser none = new SourceChooser() {
            @Override
            public Optional<Path> chooseFolder(Window owner, String title) { return Optional.empty(); }

            @Override
            public Optional<Path> chooseZip(Window owner, String title) { return Optional.empty(); }
        };
        try (org.noduletrack.archive.Library reference = org.noduletrack.archive.Library.open(temp.resolve("reference"))) {
            var r = reference.importer(org.noduletrack.archive.importer.ImportOptions.defaults()).importPaths(
                    List.of(DISC), org.noduletrack.archive.importer.ImportListener.NONE,
                    new org.noduletrack.archive.importer.CancelToken());
            EXPECTED_IMAGES = r.imported();
            EXPECTED_PATIENTS = reference.store().patients().size();
        }
        assertThat(EXPECTED_IMAGES).isPositive();
        MediaScanner scanner = new MediaScanner(MOUNTS::get, List.of(temp.resolve("no-media-folder")));
        app = App.open(new App.Options(temp.resolve("library"), false, RenderEngines.Preference.CPU,
                temp.resolve("settings.properties"), none, scanner));
    }

    @AfterAll
    static void closeApp() {
        if (app != null) {
            app.close();
        }
    }

    @Start
    void start(Stage stage) {
        app.show(stage);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void anInsertedDiscIsOfferedImportedOnceAndOfferedAgainAfterReinsertion(FxRobot robot) throws Exception {
        javafx.scene.Node banner = robot.lookup("#media-banner").query();
        FxSnapshots.settle(500);
        assertThat(banner.isVisible()).as("nothing inserted yet").isFalse();

        MOUNTS.set(List.of(new MountPoint("/dev/sr0", DISC, "iso9660", true)));
        FxSnapshots.await(banner::isVisible, 15_000, "the inserted disc offered");
        Label text = robot.lookup("#media-text").queryAs(Label.class);
        assertThat(text.getText()).contains("CD/DVD").contains("pydicom-dicomdir").contains("DICOMDIR");
        FxSnapshots.savePng(app.stage().getScene(), Path.of("target/ui-media-inserted.png"));

        robot.clickOn("#media-import");
        @SuppressWarnings("unchecked")
        ListView<PatientRecord> patients = robot.lookup("#patient-list").queryAs(ListView.class);
        Label status = robot.lookup("#import-status").queryAs(Label.class);
        try {
            FxSnapshots.await(() -> status.getText().startsWith("Import finished")
                            && patients.getItems().size() == EXPECTED_PATIENTS,
                    60_000, "the disc imported through its DICOMDIR");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("status: " + status.getText() + ", patients: " + patients.getItems().size(), e);
        }
        assertThat(status.getText()).contains(EXPECTED_IMAGES + " images imported");
        assertThat(banner.isVisible()).isFalse();

        FxSnapshots.settle(4000); // more than one poll with the disc still in: not offered again
        assertThat(banner.isVisible()).as("an imported disc is not offered again while it stays in").isFalse();

        MOUNTS.set(List.of());
        FxSnapshots.settle(4000);
        MOUNTS.set(List.of(new MountPoint("/dev/sr0", DISC, "iso9660", true)));
        FxSnapshots.await(banner::isVisible, 15_000, "the re-inserted disc offered again");
        robot.clickOn("#media-dismiss");
        FxSnapshots.await(() -> !banner.isVisible(), 5_000, "dismissed");
    }
}
