package org.noduletrack.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.VerticalDirection;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableRow;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
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
import org.noduletrack.app.view.SecondViewport;
import org.noduletrack.app.view.SliceView;
import org.noduletrack.app.view.SourceChooser;
import org.noduletrack.app.viewmodel.Layout;
import org.noduletrack.archive.index.SeriesRecord;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.dict.Uids;
import org.noduletrack.dicom.io.DicomWriter;
import org.noduletrack.dicom.io.TransferSyntax;
import org.noduletrack.archive.index.PatientRecord;
import org.noduletrack.render.engine.RenderEngines;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The 1×2 and 2×2 layouts on generated CT whose values are known everywhere: every slice is a uniform disc whose HU is
 * a linear function of the table position, so the grey level at the view centre says which position a view shows,
 * independently of the viewer's own bookkeeping. Series A (1 mm) and B (2 mm, +50 HU, same frame of reference) form
 * one study; an earlier study C has its own frame of reference 100 mm up the table.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class ViewerLayoutsTest {
    static final int SIZE = 96;
    static final String PATIENT = "LAYOUT-TEST-1";

    @TempDir
    static Path temp;
    static App app;

    /** HU of series A at table position z (mm, 0 at the top slice, negative towards the feet). */
    static double huA(double z) { return -100 - 5 * z; }

    static double huB(double z) { return huA(z) + 50; }

    @BeforeAll
    static void openApp() throws Exception {
        Path src = temp.resolve("src");
        writeSeries(src.resolve("a"), "2.25.7001", "2.25.7001.9", "20260105", 1, 40, 1.0, 0, ViewerLayoutsTest::huA);
        writeSeries(src.resolve("b"), "2.25.7001", "2.25.7001.9", "20260105", 2, 20, 2.0, 0, ViewerLayoutsTest::huB);
        writeSeries(src.resolve("c"), "2.25.7002", "2.25.7002.9", "20250105", 1, 40, 1.0, 100, z -> huA(z - 100));
        SourceChooser chooser = new SourceChooser() {
            @Override
            public Optional<Path> chooseFolder(Window owner, String title) { return Optional.of(src); }

            @Override
            public Optional<Path> chooseZip(Window owner, String title) { return Optional.empty(); }
        };
        app = App.open(new App.Options(temp.resolve("library"), false, RenderEngines.Preference.CPU,
                temp.resolve("settings.properties"), chooser));
    }

    @AfterAll
    static void closeApp() {
        if (app != null) {
            app.close();
        }
    }

    @Start
    void start(Stage stage) {
        stage.setX(0); // headless glass places wheel events at the pointer's screen position
        stage.setY(0);
        app.show(stage);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void sideBySideAndGridLinkSeriesOfOneFrameOfReference(FxRobot robot) throws Exception {
        robot.clickOn("#toolbar-import");
        Label status = robot.lookup("#import-status").queryAs(Label.class);
        waitFor(() -> status.getText().startsWith("Import finished"), 60, "import report");
        assertThat(status.getText()).contains("100 images imported");
        @SuppressWarnings("unchecked")
        ListView<PatientRecord> patients = robot.lookup("#patient-list").queryAs(ListView.class);
        waitFor(() -> patients.getItems().size() == 1, 20, "patient listed");
        waitFor(() -> robot.lookup("#patient-list .list-cell")
                .match((javafx.scene.control.ListCell<?> c) -> c.getItem() != null).tryQuery().isPresent(), 10, "patient cell");
        robot.clickOn(robot.lookup("#patient-list .list-cell")
                .match((javafx.scene.control.ListCell<?> c) -> c.getItem() != null).<Node>query());
        waitFor(() -> seriesRow(robot, 1).isPresent() && seriesRow(robot, 2).isPresent(), 20, "series A and B listed");
        robot.doubleClickOn(seriesRow(robot, 1).orElseThrow());
        SliceView main = app.window().viewer().axialView();
        waitRendered(main);

        // 1×2: the second viewport starts on the same series in the mediastinal window, same slice
        robot.clickOn("#layout-side_by_side");
        SecondViewport second = app.window().viewer().secondViewport();
        SliceView sv = second.view();
        waitRendered(sv);
        Label title = robot.lookup("#second-viewport-title").queryAs(Label.class);
        assertThat(title.getText()).contains("linked (same frame of reference)");
        assertThat(robot.from(sv).lookup("#overlay-bottom-right").queryAs(Label.class).getText()).startsWith("W 400  L 40");
        assertThat(robot.from(sv).lookup("#overlay-top-left").queryAs(Label.class).getText())
                .contains(PATIENT).contains("Axial").doesNotContain("!");
        double z0 = position(main);
        assertThat(centreGrey(main)).as("main, lung window, z %.1f", z0).isCloseTo(grey(huA(z0), 1500, -600), within(1));
        assertThat(centreGrey(sv)).as("second, mediastinal window").isCloseTo(grey(huA(z0), 400, 40), within(1));

        // scrolling the main view moves the second to the same table position
        robot.moveTo(main).scroll(6, VerticalDirection.DOWN);
        waitFor(() -> Math.abs(pos(main) - (z0 - 6)) < 1e-6, 10, "main scrolled 6 slices");
        waitRendered(main);
        waitRendered(sv);
        assertThat(position(sv)).isCloseTo(z0 - 6, within(1e-6));
        assertThat(centreGrey(sv)).isCloseTo(grey(huA(z0 - 6), 400, 40), within(1));

        // measurements belong to the series: one drawn on the second viewport (same series) shows on the main view too
        var measures = app.window().viewer().measurements();
        robot.clickOn(sv).type(KeyCode.L);
        javafx.geometry.Point2D c2 = FxSnapshots.onFx(() -> sv.localToScreen(sv.getWidth() / 2, sv.getHeight() / 2));
        robot.moveTo(c2.getX() - 30, c2.getY()).drag(MouseButton.PRIMARY).moveBy(60, 0).drop();
        waitFor(() -> measures.measurements().size() == 1, 5, "length drawn on the second viewport");
        waitFor(() -> robot.from(main).lookup("#measurement-length").tryQuery().isPresent(), 5, "shown on the main view");


        robot.rightClickOn(seriesRow(robot, 2).orElseThrow()).clickOn("#series-menu-second");
        waitFor(() -> title.getText().startsWith("#2") && title.getText().contains("linked"), 20, "B in the second viewport");
        waitFor(() -> sv.hasVolume() && sv.viewModel().sliceCount() == 20, 10, "B's 20 slices");
        waitRendered(sv);
        double z1 = position(main);
        assertThat(position(sv)).as("same table position as the main view").isCloseTo(z1, within(1e-6));
        assertThat(centreGrey(sv)).as("B's values at z %.1f (between its 2 mm slices)", z1)
                .isCloseTo(grey(huB(z1), 400, 40), within(2));
        // another series: the main series' measurement is not drawn there, and none can be drawn on it
        assertThat(robot.from(sv).lookup("#measurement-length").tryQuery()).isEmpty();
        robot.moveTo(c2.getX() - 30, c2.getY() + 20).drag(MouseButton.PRIMARY).moveBy(60, 0).drop();
        FxSnapshots.settle(300);
        assertThat(FxSnapshots.onFx(() -> measures.measurements().size())).isEqualTo(1);
        robot.type(KeyCode.ESCAPE);
        // windows stay apart: a preset on the second view leaves the main view's window
        robot.clickOn(sv).type(KeyCode.DIGIT3);
        waitFor(() -> sv.viewModel().windowProperty().get().width() == 1500
                && sv.viewModel().windowProperty().get().center() == 300, 5, "bone preset on the second view");
        assertThat(FxSnapshots.onFx(() -> main.viewModel().windowProperty().get().center())).isEqualTo(-600);
        // the link works both ways: the wheel on the second view moves the main view (B's step: 2 mm)
        robot.moveTo(sv).scroll(2, VerticalDirection.UP);
        waitFor(() -> Math.abs(pos(sv) - pos(main)) < 1e-6 && pos(main) > z1 + 3, 10,
                "main follows the second view: " + pos(main) + " vs " + pos(sv));
        // zoom follows too
        double mm0 = FxSnapshots.onFx(() -> main.viewModel().mmPerPixelProperty().get());
        robot.drag(sv, MouseButton.SECONDARY).moveBy(0, -60).drop();
        waitFor(() -> main.viewModel().mmPerPixelProperty().get() < mm0 * 0.95, 5, "zoom on the second zooms the main view");
        assertThat(FxSnapshots.onFx(() -> sv.viewModel().mmPerPixelProperty().get()))
                .isCloseTo(FxSnapshots.onFx(() -> main.viewModel().mmPerPixelProperty().get()), within(1e-9));
        robot.clickOn(main).type(KeyCode.R);

        // 2×2: axial top left, coronal top right, sagittal bottom left, the second viewport (still B) bottom right
        robot.clickOn("#layout-grid");
        SliceView coronal = app.window().viewer().coronalView(), sagittal = app.window().viewer().sagittalView();
        waitRendered(coronal);
        waitRendered(sagittal);
        waitRendered(sv);
        Bounds a = bounds(main), c = bounds(coronal), s = bounds(sagittal), b = bounds(second);
        assertThat(c.getMinX()).isGreaterThan(a.getMaxX() - 1);
        assertThat(s.getMinY()).isGreaterThan(a.getMaxY() - 1);
        assertThat(b.getMinX()).isGreaterThan(s.getMaxX() - 1);
        assertThat(b.getMinY()).isGreaterThan(c.getMaxY() - 1);
        assertThat(Math.abs(a.getWidth() - b.getWidth())).isLessThan(3);
        assertThat(title.getText()).startsWith("#2");
        // the crosshair moves with a click on the axial view; the second viewport follows the axial position
        robot.moveTo(main).scroll(4, VerticalDirection.DOWN);
        waitFor(() -> Math.abs(pos(sv) - pos(main)) < 1e-6, 10, "second follows in 2×2");
        waitRendered(sv);
        double z2 = position(main);
        assertThat(centreGrey(sv)).isCloseTo(grey(huB(z2), 1500, 300), within(2));
        // the coronal view shows the disc column: its centre is the crosshair's height, so the same HU as the axial
        waitRendered(coronal);
        assertThat(FxSnapshots.onFx(() -> app.window().viewer().mpr().crosshairProperty().get().z())).isCloseTo(z2, within(1e-6));

        // a series of another frame of reference (study C, 100 mm up the table): table position only, and said so
        robot.clickOn(robot.lookup("#study-timeline .list-cell").match((javafx.scene.control.ListCell<?> cell) ->
                cell.getItem() instanceof org.noduletrack.app.viewmodel.TimelineItem.Study st
                && st.date().equals("20250105")).<Node>query());
        waitFor(() -> seriesRow(robot, 1).map(r -> r.getItem().frameOfReferenceUid().equals("2.25.7002.9")).orElse(false),
                10, "study C's series listed");
        robot.rightClickOn(seriesRow(robot, 1).orElseThrow()).clickOn("#series-menu-second");
        waitFor(() -> title.getText().contains("table position only"), 20, "C: " + title.getText());
        waitRendered(sv);
        assertThat(second.linkedByFrameOfReference()).isFalse();
        // C spans z 100 … 61: the main view's position lies below it, so C stays at its nearest end
        assertThat(position(sv)).isCloseTo(61, within(1e-6));
        assertThat(FxSnapshots.onFx(() -> app.window().viewer().layoutProperty().get())).isEqualTo(Layout.GRID);

        // a new main series empties the second viewport and starts it again on that series
        robot.clickOn(robot.lookup("#study-timeline .list-cell").match((javafx.scene.control.ListCell<?> cell) ->
                cell.getItem() instanceof org.noduletrack.app.viewmodel.TimelineItem.Study st
                && st.date().equals("20260105")).<Node>query());
        waitFor(() -> seriesRow(robot, 2).isPresent(), 10, "study A/B listed again");
        robot.doubleClickOn(seriesRow(robot, 2).orElseThrow());
        waitFor(() -> title.getText().startsWith("#2") && title.getText().contains("linked"), 20, "second on the new series");
        waitRendered(sv);
        assertThat(centreGrey(sv)).isCloseTo(grey(huB(position(sv)), 400, 40), within(2));

        // (dragging a series row onto a view is not exercised: the headless platform has no drag-and-drop clipboard)
    }

    static org.assertj.core.data.Offset<Double> within(double d) { return org.assertj.core.data.Offset.offset(d); }

    static Optional<TableRow<SeriesRecord>> seriesRow(FxRobot robot, int number) {
        return robot.lookup("#series-table .table-row-cell").<TableRow<SeriesRecord>>match(r -> r.getItem() != null
                && r.getItem().number().isPresent() && r.getItem().number().getAsInt() == number).tryQuery();
    }

    static double position(SliceView v) throws Exception { return FxSnapshots.onFx(() -> pos(v)); }

    /** The view's table position; on the FX thread (conditions of {@link #waitFor} run there). */
    static double pos(SliceView v) { return v.viewModel().positionMm(); }

    static void waitFor(java.util.function.BooleanSupplier condition, int seconds, String what) throws Exception {
        UiWaits.waitFor(app, condition, seconds, what);
    }

    static void waitRendered(SliceView v) throws Exception { UiWaits.waitRendered(app, v); }

    static Bounds bounds(Node n) throws Exception { return FxSnapshots.onFx(() -> n.localToScene(n.getBoundsInLocal())); }

    /** The grey (red channel) at the centre of the view's image. */
    static double centreGrey(SliceView v) throws Exception {
        return FxSnapshots.onFx(() -> {
            var img = v.image();
            int argb = img.getPixelReader().getArgb((int) img.getWidth() / 2, (int) img.getHeight() / 2);
            return (double) (argb >> 16 & 0xFF);
        });
    }

    /** DICOM linear window of {@code hu} to 8 bits (the reslicers' mapping). */
    static double grey(double hu, double width, double level) {
        double t = (hu - (level - width / 2)) / width;
        return Math.round(Math.clamp(t, 0, 1) * 255);
    }

    /**
     * Writes an axial series: a disc of radius 40 px whose value is {@code hu(z)}, air outside; slices from table
     * position {@code top} down by {@code spacing}.
     */
    static void writeSeries(Path dir, String study, String frame, String date, int number, int slices, double spacing,
                            double top, java.util.function.DoubleUnaryOperator hu) throws IOException {
        Files.createDirectories(dir);
        String series = study + "." + number;
        for (int k = 0; k < slices; k++) {
            double z = top - k * spacing;
            short inside = (short) Math.round(hu.applyAsDouble(z) + 1024);
            ByteBuffer px = ByteBuffer.allocate(SIZE * SIZE * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < SIZE; r++) {
                for (int col = 0; col < SIZE; col++) {
                    double dx = col - SIZE / 2.0 + 0.5, dy = r - SIZE / 2.0 + 0.5;
                    px.putShort(dx * dx + dy * dy <= 40 * 40 ? inside : 24);
                }
            }
            DicomDataset ds = DicomDataset.builder()
                    .putString(Tags.SOPClassUID, Vr.UI, Uids.CTImageStorage)
                    .putString(Tags.SOPInstanceUID, Vr.UI, series + "." + (k + 1))
                    .putString(Tags.ImageType, Vr.CS, "ORIGINAL", "PRIMARY", "AXIAL")
                    .putString(Tags.Modality, Vr.CS, "CT")
                    .putString(Tags.PatientID, Vr.LO, PATIENT)
                    .putString(Tags.PatientName, Vr.PN, "Layout^Test")
                    .putString(Tags.StudyInstanceUID, Vr.UI, study)
                    .putString(Tags.StudyDate, Vr.DA, date)
                    .putString(Tags.SeriesInstanceUID, Vr.UI, series)
                    .putString(Tags.SeriesNumber, Vr.IS, Integer.toString(number))
                    .putString(Tags.SeriesDescription, Vr.LO, "Chest " + spacing + " mm")
                    .putString(Tags.FrameOfReferenceUID, Vr.UI, frame)
                    .putString(Tags.InstanceNumber, Vr.IS, Integer.toString(k + 1))
                    .putString(Tags.ImagePositionPatient, Vr.DS, "-48", "-48", String.format(Locale.ROOT, "%.3f", z))
                    .putString(Tags.ImageOrientationPatient, Vr.DS, "1", "0", "0", "0", "1", "0")
                    .putString(Tags.PixelSpacing, Vr.DS, "1", "1")
                    .putString(Tags.SliceThickness, Vr.DS, String.format(Locale.ROOT, "%.3f", spacing))
                    .putInts(Tags.SamplesPerPixel, Vr.US, 1)
                    .putString(Tags.PhotometricInterpretation, Vr.CS, "MONOCHROME2")
                    .putInts(Tags.Rows, Vr.US, SIZE)
                    .putInts(Tags.Columns, Vr.US, SIZE)
                    .putInts(Tags.BitsAllocated, Vr.US, 16)
                    .putInts(Tags.BitsStored, Vr.US, 12)
                    .putInts(Tags.HighBit, Vr.US, 11)
                    .putInts(Tags.PixelRepresentation, Vr.US, 0)
                    .putString(Tags.RescaleIntercept, Vr.DS, "-1024")
                    .putString(Tags.RescaleSlope, Vr.DS, "1")
                    .putOwned(Tags.PixelData, Vr.OW, px.array())
                    .build();
            new DicomWriter().write(dir.resolve(String.format(Locale.ROOT, "IM%04d.dcm", k)), DicomDataset.empty(), ds,
                    TransferSyntax.EXPLICIT_VR_LE);
        }
    }
}
