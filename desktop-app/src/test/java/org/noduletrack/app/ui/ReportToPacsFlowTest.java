package org.noduletrack.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.noduletrack.app.ui.ViewerLayoutsTest.writeSeries;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.app.App;
import org.noduletrack.app.FxSnapshots;
import org.noduletrack.app.pacs.PacsProfile;
import org.noduletrack.app.pacs.PacsProfiles;
import org.noduletrack.app.viewmodel.TimelineItem;
import org.noduletrack.archive.dicomweb.OrthancExtension;
import org.noduletrack.archive.dicomweb.OrthancServer;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.importer.ImportListener;
import org.noduletrack.archive.index.PatientRecord;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.dict.Uids;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.dicom.web.DicomWebClient;
import org.noduletrack.dicom.web.QidoQuery;
import org.noduletrack.render.engine.RenderEngines;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A PDF report of the case folder sent to a real Orthanc through the timeline's "Send to PACS…": after the user's
 * confirmation it is stored as an Encapsulated PDF in the study it reads, with the patient's data, and the document
 * retrieved back equals the file; a refused password says so and sends nothing.
 */
@Tag("ui")
@ExtendWith({OrthancExtension.class, ApplicationExtension.class})
class ReportToPacsFlowTest {
    static final String STUDY = "2.25.7201";
    @TempDir
    static Path temp;
    static App app;
    static String previousConfig;
    static Path letter;

    @BeforeAll
    static void openApp() throws Exception {
        previousConfig = System.getProperty("noduletrack.config");
        System.setProperty("noduletrack.config", temp.resolve("config").toString());
        Path src = temp.resolve("src");
        writeSeries(src, STUDY, STUDY + ".9", "20260105", 1, 4, 2.0, 0, z -> -100);
        letter = temp.resolve("Consult.pdf");
        Files.write(letter, CaseFolderFlowTest.pdfWithBox("Consult letter"));
        app = App.open(new App.Options(temp.resolve("library"), false, RenderEngines.Preference.CPU,
                temp.resolve("settings.properties"), new NoSourceChooser()));
        app.library().importPaths(List.of(src), ImportListener.NONE, new CancelToken()).get(60, TimeUnit.SECONDS);
        PatientRecord p = app.library().patients().get().getFirst();
        app.library().library().caseFolders().attachReport(p.key(), letter, "Outside consult", "20260110");
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
    void theReportIsStoredInItsStudyOnlyAfterConfirmation(FxRobot robot, OrthancServer server) throws Exception {
        PacsProfiles profiles = new PacsProfiles(PacsProfiles.defaultDir());
        profiles.put(PacsProfile.of("orthanc-test", server.dicomWebRoot(), PacsProfile.AuthKind.BASIC, OrthancServer.USER,
                Optional.empty()), Optional.of(server.password()), false);
        profiles.put(PacsProfile.of("wrong-password", server.dicomWebRoot(), PacsProfile.AuthKind.BASIC, OrthancServer.USER,
                Optional.empty()), Optional.of("not-" + server.password()), false);

        @SuppressWarnings("unchecked")
        ListView<PatientRecord> patients = robot.lookup("#patient-list").queryAs(ListView.class);
        UiWaits.waitFor(app, () -> patients.getItems().size() == 1, 20, "patient listed");
        FxSnapshots.onFx(() -> patients.getSelectionModel().select(0));
        @SuppressWarnings("unchecked")
        ListView<TimelineItem> timeline = robot.lookup("#study-timeline").queryAs(ListView.class);
        UiWaits.waitFor(app, () -> timeline.getItems().size() == 2, 10, "study and report on the timeline");
        TimelineItem report = FxSnapshots.onFx(() -> timeline.getItems().get(1));
        Label status = robot.lookup("#case-status").queryAs(Label.class);
        try (DicomWebClient c = new DicomWebClient(server.endpoint())) {
            // cancelled: nothing leaves
            robot.rightClickOn(UiWaits.timelineCell(app, robot, report)).clickOn("#timeline-send-pacs");
            UiWaits.waitFor(app, () -> robot.lookup("#send-ok").tryQuery().isPresent(), 10, "send dialog");
            robot.clickOn("Cancel");
            FxSnapshots.settle(500);
            assertThat(c.searchInstances(STUDY, null, QidoQuery.all())).isEmpty();

            // a refused password: the reason, nothing stored
            robot.rightClickOn(UiWaits.timelineCell(app, robot, report)).clickOn("#timeline-send-pacs");
            UiWaits.waitFor(app, () -> robot.lookup("#send-server").tryQuery().isPresent(), 10, "send dialog");
            FxSnapshots.onFx(() -> robot.lookup("#send-server").queryAs(javafx.scene.control.ChoiceBox.class)
                    .setValue("wrong-password"));
            robot.clickOn("#send-ok");
            UiWaits.waitFor(app, () -> status.getText().startsWith("Not sent"), 30, "refusal: " + status.getText());
            assertThat(status.getText()).contains("401");
            assertThat(c.searchInstances(STUDY, null, QidoQuery.all())).isEmpty();

            // sent: an Encapsulated PDF in the study, with the patient's ID, holding the file's bytes
            robot.rightClickOn(UiWaits.timelineCell(app, robot, report)).clickOn("#timeline-send-pacs");
            UiWaits.waitFor(app, () -> robot.lookup("#send-ok").tryQuery().isPresent(), 10, "send dialog");
            robot.clickOn("#send-ok");
            UiWaits.waitFor(app, () -> status.getText().contains("stored on orthanc-test"), 30, "sent: " + status.getText());
            List<DicomDataset> found = c.searchInstances(STUDY, null, QidoQuery.all());
            assertThat(found).hasSize(1);
            DicomDataset hit = found.getFirst();
            assertThat(hit.string(Tags.SOPClassUID)).contains(Uids.EncapsulatedPDFStorage);
            byte[][] back = new byte[1][];
            c.retrieve(STUDY, hit.string(Tags.SeriesInstanceUID).orElseThrow(), hit.string(Tags.SOPInstanceUID).orElseThrow(),
                    (part, body) -> back[0] = body.readAllBytes(), () -> false);
            DicomDataset stored = new DicomReader(ReadOptions.everythingInMemory())
                    .read(new java.io.ByteArrayInputStream(back[0]), back[0].length).dataset();
            byte[] pdf = Files.readAllBytes(letter);
            byte[] doc = stored.readBinary(Tags.EncapsulatedDocument).orElseThrow();
            assertThat(java.util.Arrays.copyOf(doc, pdf.length)).isEqualTo(pdf);
            assertThat(stored.string(Tags.PatientID)).contains(ViewerLayoutsTest.PATIENT);
            assertThat(stored.string(Tags.StudyInstanceUID)).contains(STUDY);
            assertThat(stored.string(Tags.DocumentTitle)).contains("Outside consult");
            assertThat(stored.string(Tags.Modality)).contains("DOC");
            server.deleteInstance(hit.string(Tags.SOPInstanceUID).orElseThrow());
        }
    }

}
