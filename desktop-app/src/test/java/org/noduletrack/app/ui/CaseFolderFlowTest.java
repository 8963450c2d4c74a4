package org.noduletrack.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.noduletrack.app.ui.ViewerLayoutsTest.writeSeries;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
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
import org.noduletrack.app.viewmodel.TimelineItem;
import org.noduletrack.archive.index.PatientRecord;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.iod.EncapsulatedPdf;
import org.noduletrack.render.engine.RenderEngines;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The case folder on the patient timeline: an Encapsulated PDF report imported with the study, a note, an attached
 * consult letter and the clinical history, written through the workstation and read back from the library; reports
 * open in the workstation's own viewer, checked by the rendered page's pixels (a black box drawn at a known place).
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class CaseFolderFlowTest {
    @TempDir
    static Path temp;
    static App app;
    static Path letter;

    @BeforeAll
    static void openApp() throws Exception {
        Path src = temp.resolve("src");
        writeSeries(src.resolve("a"), "2.25.7101", "2.25.7101.9", "20260105", 1, 10, 2.0, 0, z -> -100);
        DicomDataset study = DicomDataset.builder()
                .putString(Tags.PatientID, Vr.LO, ViewerLayoutsTest.PATIENT)
                .putString(Tags.PatientName, Vr.PN, "Layout^Test")
                .putString(Tags.StudyInstanceUID, Vr.UI, "2.25.7101")
                .putString(Tags.StudyDate, Vr.DA, "20260105")
                .build();
        EncapsulatedPdf.write(EncapsulatedPdf.build(study, pdfWithBox("Radiology report"), "CT chest report",
                LocalDateTime.of(2026, 1, 7, 10, 0), "2.25.7101.90", "2.25.7101.90.1"), src.resolve("report.dcm"));
        letter = temp.resolve("Outside consult.pdf");
        Files.write(letter, pdfWithBox("Consult letter"));
        SourceChooser chooser = new SourceChooser() {
            @Override
            public Optional<Path> chooseFolder(Window owner, String title) { return Optional.of(src); }

            @Override
            public Optional<Path> chooseZip(Window owner, String title) { return Optional.empty(); }

            @Override
            public Optional<Path> chooseReport(Window owner, String title) { return Optional.of(letter); }
        };
        app = App.open(new App.Options(temp.resolve("library"), false, RenderEngines.Preference.CPU,
                temp.resolve("settings.properties"), chooser));
    }

    /** A 200 × 100 pt page, white, with a black box from (20, 20) to (80, 80) pt (PDF origin bottom left). */
    static byte[] pdfWithBox(String title) throws Exception {
        try (PDDocument doc = new PDDocument(); var out = new java.io.ByteArrayOutputStream()) {
            PDPage page = new PDPage(new PDRectangle(200, 100));
            doc.addPage(page);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                cs.setNonStrokingColor(0f, 0f, 0f);
                cs.addRect(20, 20, 60, 60);
                cs.fill();
            }
            doc.getDocumentInformation().setTitle(title);
            doc.save(out);
            return out.toByteArray();
        }
    }

    @AfterAll
    static void closeApp() {
        if (app != null) {
            app.close();
        }
    }

    @Start
    void start(Stage stage) {
        stage.setX(0);
        stage.setY(0);
        app.show(stage);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void notesReportsAndHistoryOnTheTimeline(FxRobot robot) throws Exception {
        robot.clickOn("#toolbar-import");
        Label status = robot.lookup("#import-status").queryAs(Label.class);
        waitFor(() -> status.getText().startsWith("Import finished"), 60, "import report");
        assertThat(status.getText()).contains("11 images imported");
        @SuppressWarnings("unchecked")
        ListView<PatientRecord> patients = robot.lookup("#patient-list").queryAs(ListView.class);
        waitFor(() -> patients.getItems().size() == 1, 20, "patient listed");
        FxSnapshots.onFx(() -> patients.getSelectionModel().select(0));
        @SuppressWarnings("unchecked")
        ListView<TimelineItem> timeline = robot.lookup("#study-timeline").queryAs(ListView.class);
        waitFor(() -> timeline.getItems().size() == 2, 10, "study and its DICOM report on the timeline");
        assertThat(timeline.getItems().get(0)).isInstanceOf(TimelineItem.Study.class);
        TimelineItem.Report dicomReport = (TimelineItem.Report) timeline.getItems().get(1);
        assertThat(dicomReport.date()).isEqualTo("20260107");
        assertThat(dicomReport.report().title()).isEqualTo("CT chest report");
        waitFor(() -> robot.lookup("#series-table .table-row-cell").match((javafx.scene.control.TableRow<?> r) ->
                r.getItem() != null).tryQuery().isPresent(), 10, "the newest study's series listed");

        // a note
        robot.clickOn("#case-add-note");
        waitFor(() -> robot.lookup("#note-text").tryQuery().isPresent(), 5, "note dialog");
        robot.clickOn("#note-text").write("Smoker, 30 pack-years.\nMother: lung cancer.");
        robot.clickOn("#note-ok");
        waitFor(() -> timeline.getItems().size() == 3, 10, "note on the timeline");
        TimelineItem.Note note = (TimelineItem.Note) timeline.getItems().get(2);
        assertThat(note.note().text()).isEqualTo("Smoker, 30 pack-years.\nMother: lung cancer.");
        assertThat(note.date()).isEqualTo(LocalDate.now().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
        assertThat(cellText(robot, note)).contains("Smoker, 30 pack-years.").doesNotContain("Mother");

        // an outside consult letter, dated between the study and the DICOM report
        robot.clickOn("#case-attach-report");
        waitFor(() -> robot.lookup("#report-title").tryQuery().isPresent(), 5, "attach dialog");
        assertThat(robot.lookup("#report-title").queryAs(TextField.class).getText()).isEqualTo("Outside consult");
        FxSnapshots.onFx(() -> robot.lookup("#report-date").queryAs(DatePicker.class).setValue(LocalDate.of(2026, 1, 6)));
        robot.clickOn("#report-ok");
        waitFor(() -> timeline.getItems().size() == 4, 10, "attached report on the timeline");
        List<String> order = FxSnapshots.onFx(() -> timeline.getItems().stream().map(i -> i.getClass().getSimpleName()
                + " " + i.date()).toList());
        assertThat(order).containsExactly("Study 20260105", "Report 20260106", "Report 20260107",
                "Note " + note.date());
        var stored = app.library().library().caseFolders().reports(patients.getItems().getFirst().key());
        assertThat(stored).extracting(r -> r.title()).containsExactly("Outside consult", "CT chest report");
        assertThat(Files.readAllBytes(app.library().library().file(stored.getFirst().filePath().orElseThrow())))
                .as("the library holds a copy of the letter").isEqualTo(Files.readAllBytes(letter));

        // both reports open in the workstation's viewer: the black box where the page has it
        for (int index : new int[] {1, 2}) {
            TimelineItem item = FxSnapshots.onFx(() -> timeline.getItems().get(index));
            robot.doubleClickOn(cell(robot, item));
            waitFor(() -> robot.lookup("#report-page").tryQuery().isPresent(), 20, "report page rendered");
            ImageView page = robot.lookup("#report-page").queryAs(ImageView.class);
            var img = page.getImage();
            // 200 × 100 pt at 110 dpi
            assertThat(img.getWidth()).isEqualTo(Math.round(200 * 110 / 72.0), org.assertj.core.data.Offset.offset(1.0));
            assertThat(img.getHeight()).isEqualTo(Math.round(100 * 110 / 72.0), org.assertj.core.data.Offset.offset(1.0));
            double s = 110 / 72.0;
            int inside = img.getPixelReader().getArgb((int) (50 * s), (int) ((100 - 50) * s)) & 0xFF;
            int outside = img.getPixelReader().getArgb((int) (150 * s), (int) ((100 - 50) * s)) & 0xFF;
            assertThat(inside).as("inside the box").isLessThan(30);
            assertThat(outside).as("beside the box").isGreaterThan(225);
            assertThat(robot.lookup("#report-status").queryAs(Label.class).getText()).isEqualTo("1 page(s)");
            FxSnapshots.onFx(() -> ((Stage) page.getScene().getWindow()).close());
        }

        // a note opens in full
        robot.doubleClickOn(cell(robot, note));
        waitFor(() -> robot.lookup("#note-shown").tryQuery().isPresent(), 5, "note shown");
        assertThat(robot.lookup("#note-shown").queryAs(javafx.scene.control.TextArea.class).getText()).contains("Mother: lung cancer.");
        FxSnapshots.onFx(() -> ((Stage) robot.lookup("#note-shown").query().getScene().getWindow()).close());

        // the clinical history, stored in the library
        Button history = robot.lookup("#case-history").queryAs(Button.class);
        assertThat(history.getText()).isEqualTo("History…");
        robot.clickOn(history);
        waitFor(() -> robot.lookup("#history-text").tryQuery().isPresent(), 5, "history dialog");
        robot.clickOn("#history-text").write("Incidental 6 mm RUL nodule on CT 2026-01-05.");
        robot.clickOn("#history-save");
        waitFor(() -> history.getText().equals("History ✓…"), 10, "history written");
        assertThat(app.library().library().caseFolders().clinicalHistory(patients.getItems().getFirst().key()).orElseThrow().text())
                .isEqualTo("Incidental 6 mm RUL nodule on CT 2026-01-05.");

        // selecting a report or note keeps the study's series listed; the study stays the one opened
        robot.clickOn(cell(robot, note));
        assertThat(robot.lookup("#series-table .table-row-cell").match((javafx.scene.control.TableRow<?> r) ->
                r.getItem() != null).queryAll()).hasSize(1);
    }

    static void waitFor(BooleanSupplier condition, int seconds, String what) throws Exception {
        UiWaits.waitFor(app, condition, seconds, what);
    }

    static Node cell(FxRobot robot, TimelineItem item) throws Exception { return UiWaits.timelineCell(app, robot, item); }

    static String cellText(FxRobot robot, TimelineItem item) throws Exception {
        return FxSnapshots.onFx(() -> ((ListCell<?>) cell(robot, item)).getText());
    }

}
