package org.noduletrack.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.geometry.Point2D;
import javafx.geometry.VerticalDirection;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
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
import org.noduletrack.app.view.SliceView;
import org.noduletrack.app.view.SourceChooser;
import org.noduletrack.app.viewmodel.Layout;
import org.noduletrack.app.viewmodel.Measurement;
import org.noduletrack.app.viewmodel.MeasurementTool;
import org.noduletrack.dicom.geom.SliceGeometry;
import org.noduletrack.dicom.geom.Vec3;
import javafx.scene.input.MouseButton;
import org.noduletrack.archive.index.PatientRecord;
import org.noduletrack.render.engine.RenderEngines;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The workstation end to end on JavaFX's headless platform with real data: import LIDC-IDRI-0001 through the import
 * action, find the patient, open the series, scroll, window preset, MPR and crosshair, checking rendered pixels.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class WorkstationFlowTest {
    static final Path LIDC = Path.of(System.getProperty("noduletrack.shared.data", "../../shared/data"), "lidc-idri-0001");

    @TempDir
    static Path temp;
    static App app;

    @BeforeAll
    static void openApp() throws Exception {
        SourceChooser chooser = new SourceChooser() {
            @Override
            public Optional<Path> chooseFolder(Window owner, String title) { return Optional.of(LIDC); }

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
        stage.setX(0); // headless glass places wheel events at the pointer's screen position: keep window = screen
        stage.setY(0);
        app.show(stage);
    }

    @Test
    @Timeout(value = 170, unit = TimeUnit.SECONDS)
    void importOpenScrollPresetMprCrosshair(FxRobot robot) throws Exception {
        assertThat(Files.isDirectory(LIDC)).as("test data " + LIDC).isTrue();
        // import through the toolbar action (the folder chooser is replaced)
        robot.clickOn("#toolbar-import");
        Label status = robot.lookup("#import-status").queryAs(Label.class);
        waitFor(() -> status.getText().startsWith("Import finished"), 60, "import report");
        assertThat(status.getText()).contains("133 images imported").contains("0 failed");

        // the patient appears; search narrows the list
        @SuppressWarnings("unchecked")
        ListView<PatientRecord> patients = robot.lookup("#patient-list").queryAs(ListView.class);
        waitFor(() -> patients.getItems().size() == 1, 20, "patient in the list");
        robot.clickOn("#patient-search").write("nobody");
        waitFor(() -> patients.getItems().isEmpty(), 5, "search filters out");
        robot.doubleClickOn("#patient-search").eraseText(6).write("lidc-idri");
        waitFor(() -> patients.getItems().size() == 1, 5, "search by patient ID");
        robot.clickOn(robot.lookup("#patient-list .list-cell")
                .match((javafx.scene.control.ListCell<?> c) -> c.getItem() != null).<javafx.scene.Node>query());
        waitFor(() -> patients.getSelectionModel().getSelectedItem() != null, 5, "patient selected");

        // the timeline selects the study; double-click the series
        waitFor(() -> robot.lookup("#series-table .table-row-cell")
                .match((javafx.scene.control.TableRow<?> r) -> r.getItem() != null).tryQuery().isPresent(), 20, "series row");
        robot.doubleClickOn(robot.lookup("#series-table .table-row-cell")
                .match((javafx.scene.control.TableRow<?> r) -> r.getItem() != null).<javafx.scene.Node>query());

        assertThat(FxSnapshots.onFx(() -> app.window().browser().seriesTable().getItems().getFirst().kernel()))
                .as("kernel column").isEqualTo("STANDARD");
        SliceView axial = app.window().viewer().axialView();
        waitRendered(axial);
        Label index = robot.from(axial).lookup("#overlay-bottom-left").queryAs(Label.class);
        assertThat(index.getText()).startsWith("Im 67 / 133");
        int[] before = pixels(axial);
        assertThat(distinctGreys(before)).as("a CT image, not a flat frame").isGreaterThan(50);

        // wheel: 10 slices towards the feet
        robot.moveTo(axial).scroll(10, VerticalDirection.DOWN);
        waitFor(() -> index.getText().startsWith("Im 77 / 133"), 10, "index after 10 wheel notches: " + index.getText());
        waitRendered(axial);
        int[] after = pixels(axial);
        assertThat(changedFraction(before, after)).as("pixels after scrolling 10 slices").isGreaterThan(0.05);
        assertThat(index.getText()).contains("Pos");

        // preset 2 = mediastinum 40/400
        robot.type(KeyCode.DIGIT2);
        Label wl = robot.from(axial).lookup("#overlay-bottom-right").queryAs(Label.class);
        waitFor(() -> wl.getText().startsWith("W 400  L 40"), 5, "mediastinal window: " + wl.getText());
        waitRendered(axial);
        int[] mediastinal = pixels(axial);
        assertThat(changedFraction(after, mediastinal)).as("pixels after the window preset").isGreaterThan(0.2);

        // keys: Page Down = 10 slices, Home = first; mouse: left drag = W/L, right drag = zoom, middle drag = pan
        robot.type(KeyCode.PAGE_DOWN);
        waitFor(() -> index.getText().startsWith("Im 87 / 133"), 5, "Page Down: " + index.getText());
        robot.type(KeyCode.HOME);
        waitFor(() -> index.getText().startsWith("Im 1 / 133"), 5, "Home: " + index.getText());
        robot.type(KeyCode.END);
        waitFor(() -> index.getText().startsWith("Im 133 / 133"), 5, "End: " + index.getText());
        robot.type(KeyCode.R);
        waitFor(() -> index.getText().startsWith("Im 67 / 133") && wl.getText().startsWith("W 1500  L -600"), 5,
                "R resets slice and window");
        String zoomBefore = wl.getText();
        robot.drag(axial, javafx.scene.input.MouseButton.SECONDARY).moveBy(0, -80).drop();
        waitFor(() -> !wl.getText().equals(zoomBefore) && wl.getText().startsWith("W 1500  L -600"), 5, "right drag zooms");
        var centreBeforePan = FxSnapshots.onFx(() -> axial.viewModel().centerProperty().get());
        robot.drag(axial, javafx.scene.input.MouseButton.MIDDLE).moveBy(40, 0).drop();
        waitFor(() -> axial.viewModel().centerProperty().get().x() < centreBeforePan.x() - 5, 5, "middle drag pans");
        robot.drag(axial, javafx.scene.input.MouseButton.PRIMARY).moveBy(60, 30).drop();
        waitFor(() -> !wl.getText().startsWith("W 1500  L -600"), 5, "left drag changes the window: " + wl.getText());
        robot.type(KeyCode.F);
        robot.type(KeyCode.DIGIT2);
        waitFor(() -> wl.getText().startsWith("W 400  L 40"), 5, "preset again");
        waitRendered(axial);

        measureEllipseSlabAndCine(robot, axial, index);

        // MPR: coronal and sagittal render; a click in the axial view moves the crosshair and both other planes
        robot.clickOn("#layout-mpr");
        SliceView coronal = app.window().viewer().coronalView(), sagittal = app.window().viewer().sagittalView();
        waitRendered(coronal);
        waitRendered(sagittal);
        assertThat(FxSnapshots.onFx(() -> app.window().viewer().layoutProperty().get())).isEqualTo(Layout.MPR);
        int[] cor0 = pixels(coronal), sag0 = pixels(sagittal);
        double corPos0 = FxSnapshots.onFx(() -> coronal.viewModel().positionMm());
        double sagPos0 = FxSnapshots.onFx(() -> sagittal.viewModel().positionMm());
        Point2D centre = FxSnapshots.onFx(() -> axial.localToScreen(axial.getWidth() / 2, axial.getHeight() / 2));
        robot.clickOn(centre.getX() + 45, centre.getY() - 55);
        waitFor(() -> coronal.viewModel().positionMm() != corPos0 && sagittal.viewModel().positionMm() != sagPos0, 10,
                "crosshair moved the coronal and sagittal planes");
        waitRendered(coronal);
        waitRendered(sagittal);
        assertThat(changedFraction(cor0, pixels(coronal))).as("coronal pixels after the crosshair moved").isGreaterThan(0.02);
        assertThat(changedFraction(sag0, pixels(sagittal))).as("sagittal pixels after the crosshair moved").isGreaterThan(0.02);
        // the crosshair point is where the user clicked: the axial view's pixel maps back to it
        var cross = FxSnapshots.onFx(() -> app.window().viewer().mpr().crosshairProperty().get());
        var plane = FxSnapshots.onFx(() -> axial.viewModel().plane());
        var p = plane.lpsToPlane(cross);
        assertThat(p.x()).isCloseTo(axial.getWidth() / 2 + 45 - 0.5, org.assertj.core.data.Offset.offset(1.5));
        assertThat(p.y()).isCloseTo(axial.getHeight() / 2 - 55 - 0.5, org.assertj.core.data.Offset.offset(1.5));

        // no prior for a single-study patient: the comparison says so in place of the image
        robot.clickOn("#layout-compare");
        Label banner = robot.lookup("#compare-banner").queryAs(Label.class);
        assertThat(banner.getText()).contains("aligned by table position");
        SliceView prior = app.window().viewer().priorView();
        waitFor(() -> robot.from(prior).lookup("#view-message").queryAs(Label.class).getText().startsWith("No earlier study"),
                5, "no-prior message");

        // Help ▸ About shows the data attribution (a non-modal dialog)
        robot.clickOn("Help").clickOn("About NoduleTrack");
        waitFor(() -> robot.lookup("#about-attribution").tryQuery().isPresent(), 5, "About box");
        javafx.scene.control.TextArea attribution = robot.lookup("#about-attribution").queryAs(javafx.scene.control.TextArea.class);
        assertThat(attribution.getText()).contains("LIDC-IDRI").contains("CC BY 3.0");
        FxSnapshots.onFx(() -> ((Stage) attribution.getScene().getWindow()).close());

        // files gone behind the library's back: an error in place of the image, and the window keeps working
        robot.clickOn("#layout-single");
        var series = FxSnapshots.onFx(() -> app.window().browser().seriesTable().getItems().getFirst());
        for (Path f : app.library().instanceFiles(series)) {
            Files.delete(f);
        }
        robot.doubleClickOn(robot.lookup("#series-table .table-row-cell")
                .match((javafx.scene.control.TableRow<?> r) -> r.getItem() != null).<javafx.scene.Node>query());
        Label message = robot.from(axial).lookup("#view-message").queryAs(Label.class);
        waitFor(() -> message.getText().startsWith("Cannot open this series"), 20, "error in place of the image");
        assertThat(FxSnapshots.onFx(() -> axial.image())).isNull();
        robot.clickOn("#layout-mpr");
        assertThat(FxSnapshots.onFx(() -> app.window().viewer().layoutProperty().get())).isEqualTo(Layout.MPR);
    }

    /**
     * Length (L) and ellipse (E) on the axial view, checked against the DICOM file's own geometry and decoded pixels;
     * restored after reopening the series; Delete removes the selected one; a 10 mm MIP changes the pixels; cine plays.
     */
    static void measureEllipseSlabAndCine(FxRobot robot, SliceView axial, Label index) throws Exception {
        var measures = app.window().viewer().measurements();
        Point2D c = FxSnapshots.onFx(() -> axial.localToScreen(axial.getWidth() / 2, axial.getHeight() / 2));
        double mmPerPixel = FxSnapshots.onFx(() -> axial.viewModel().mmPerPixelProperty().get());
        robot.type(KeyCode.L);
        assertThat(FxSnapshots.onFx(() -> measures.toolProperty().get())).isEqualTo(MeasurementTool.LENGTH);
        robot.moveTo(c.getX() - 80, c.getY() + 40).drag(MouseButton.PRIMARY).moveBy(60, 80).drop(); // 100 px
        waitFor(() -> measures.measurements().size() == 1, 5, "length measurement added");
        Measurement line = FxSnapshots.onFx(() -> measures.measurements().getFirst());
        Label lengthLabel = robot.from(axial).lookup("#measurement-length").queryAs(Label.class);
        double shownMm = Double.parseDouble(lengthLabel.getText().replace("mm", "").trim());
        // the file's geometry: pixel distance between the end points × Pixel Spacing
        var series = FxSnapshots.onFx(() -> app.window().browser().seriesTable().getItems().getFirst());
        var slice = sliceAt(app.library().instanceFiles(series), line.a().z());
        SliceGeometry sg = slice.geometry();
        double dc = line.b().minus(line.a()).dot(sg.rowDirection()) / sg.columnSpacingMm();
        double dr = line.b().minus(line.a()).dot(sg.columnDirection()) / sg.rowSpacingMm();
        double fromPixels = Math.hypot(dc * sg.columnSpacingMm(), dr * sg.rowSpacingMm());
        assertThat(shownMm).as("displayed length vs pixel spacing × pixel distance").isCloseTo(fromPixels, offset(0.051));
        assertThat(shownMm).as("100 screen pixels at %.4f mm/px", mmPerPixel).isCloseTo(100 * mmPerPixel, offset(0.06));

        // ellipse: mean HU against the decoded slice
        robot.type(KeyCode.E);
        robot.moveTo(c.getX() - 20, c.getY() - 70).drag(MouseButton.PRIMARY).moveBy(50, 36).drop();
        waitFor(() -> measures.measurements().size() == 2, 5, "ellipse added");
        Measurement ellipse = FxSnapshots.onFx(() -> measures.measurements().get(1));
        waitFor(() -> robot.from(axial).lookup("#measurement-ellipse").tryQuery().map(n -> ((Label) n).getText()
                .startsWith("Mean")).orElse(false), 10, "ellipse statistics shown");
        String ellipseText = robot.from(axial).lookup("#measurement-ellipse").queryAs(Label.class).getText();
        java.util.regex.Matcher mm = java.util.regex.Pattern.compile("Mean (-?[0-9.]+) HU").matcher(ellipseText);
        assertThat(mm.find()).as(ellipseText).isTrue();
        double shownMean = Double.parseDouble(mm.group(1));
        double rx = ellipse.radiusRowMm(), ry = ellipse.radiusColumnMm();
        Vec3 centre = ellipse.center();
        double sum = 0;
        int n = 0;
        for (int r = 0; r < sg.rows(); r++) {
            for (int col = 0; col < sg.columns(); col++) {
                Vec3 d = sg.pixelToLps(col, r).minus(centre);
                double u = d.dot(ellipse.rowDirection()) / rx, w = d.dot(ellipse.columnDirection()) / ry;
                if (u * u + w * w <= 1 + 1e-9) {
                    sum += slice.lut().apply(slice.frame().sample(col, r, 0));
                    n++;
                }
            }
        }
        assertThat(n).isGreaterThan(20);
        assertThat(shownMean).as("ROI mean vs the decoded DICOM slice (%d pixels)", n).isCloseTo(sum / n, offset(0.051));
        assertThat(ellipseText).contains("Area").contains("mm²");

        // persisted: reopening the series restores both
        robot.type(KeyCode.ESCAPE);
        assertThat(FxSnapshots.onFx(() -> measures.toolProperty().get())).isEqualTo(MeasurementTool.WINDOW_LEVEL);
        robot.doubleClickOn(robot.lookup("#series-table .table-row-cell")
                .match((javafx.scene.control.TableRow<?> r) -> r.getItem() != null).<javafx.scene.Node>query());
        waitFor(() -> measures.measurements().size() == 2 && axial.hasVolume(), 20, "measurements restored");
        waitRendered(axial);
        assertThat(FxSnapshots.onFx(() -> measures.measurements().stream().map(Measurement::id).toList()))
                .containsExactly(line.id(), ellipse.id());
        assertThat(robot.from(axial).lookup("#measurement-length").tryQuery()).isPresent();
        // not on the next slice
        robot.type(KeyCode.DOWN);
        waitFor(() -> robot.from(axial).lookup("#measurement-length").tryQuery().isEmpty(), 5, "hidden on another slice");
        robot.type(KeyCode.UP);
        waitFor(() -> robot.from(axial).lookup("#measurement-length").tryQuery().isPresent(), 5, "shown again");
        // select the line by clicking on it, Delete removes it
        Point2D mid = FxSnapshots.onFx(() -> {
            var plane = axial.viewModel().plane();
            var pa = plane.lpsToPlane(line.a());
            var pb = plane.lpsToPlane(line.b());
            return axial.localToScreen((pa.x() + pb.x()) / 2 + 0.5, (pa.y() + pb.y()) / 2 + 0.5);
        });
        robot.clickOn(mid.getX(), mid.getY());
        waitFor(() -> measures.selectedProperty().get() != null && line.id().equals(measures.selectedProperty().get().id()), 5, "line selected");
        robot.type(KeyCode.DELETE);
        waitFor(() -> measures.measurements().size() == 1, 5, "line deleted");

        // 10 mm MIP of the active (axial) view
        waitRendered(axial);
        int[] thin = pixels(axial);
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<String> mode = robot.lookup("#slab-mode").queryAs(javafx.scene.control.ComboBox.class);
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<Integer> thickness = robot.lookup("#slab-thickness").queryAs(javafx.scene.control.ComboBox.class);
        FxSnapshots.onFx(() -> {
            thickness.setValue(10);
            mode.setValue("mip");
            return null;
        });
        assertThat(FxSnapshots.onFx(() -> axial.viewModel().slabProperty().get()))
                .isEqualTo(new org.noduletrack.render.api.SlabSpec(10, org.noduletrack.render.api.SlabMode.MIP));
        waitFor(() -> index.getText().contains("MIP slab 10.0 mm"), 5, "slab in the overlay: " + index.getText());
        waitRendered(axial);
        int[] mip = pixels(axial);
        assertThat(changedFraction(thin, mip)).as("pixels with a 10 mm MIP").isGreaterThan(0.01);
        assertThat(mean(mip)).as("a MIP is brighter").isGreaterThan(mean(thin));
        FxSnapshots.onFx(() -> {
            mode.setValue("thin");
            return null;
        });
        waitFor(() -> axial.viewModel().slabProperty().get().thin(), 5, "thin again");

        // cine: C plays, C pauses (timeline on the FX thread)
        String before = index.getText();
        robot.type(KeyCode.C);
        waitFor(() -> !index.getText().equals(before), 5, "cine advances");
        robot.type(KeyCode.C);
        assertThat(FxSnapshots.onFx(() -> app.window().viewer().cinePlayingProperty().get())).isFalse();
        robot.type(KeyCode.R);
        waitRendered(axial);
    }

    record DecodedSlice(SliceGeometry geometry, org.noduletrack.dicom.codec.DecodedFrame frame,
                        org.noduletrack.dicom.codec.ModalityLut lut) {}

    /** The instance whose position along its normal is nearest {@code z}, decoded with dicom-io (not the volume). */
    static DecodedSlice sliceAt(java.util.List<Path> files, double z) throws Exception {
        var reader = new org.noduletrack.dicom.io.DicomReader(org.noduletrack.dicom.io.ReadOptions.defaults());
        Path best = null;
        double bestD = Double.POSITIVE_INFINITY;
        for (Path f : files) {
            var g = SliceGeometry.of(reader.read(f).dataset()).orElseThrow();
            double d = Math.abs(g.originLps().z() - z);
            if (d < bestD) {
                bestD = d;
                best = f;
            }
        }
        var file = reader.read(best);
        var frame = new org.noduletrack.dicom.codec.PixelDataReader(org.noduletrack.dicom.codec.CodecRegistry.standard())
                .decodeFrame(file, 0);
        return new DecodedSlice(SliceGeometry.of(file.dataset()).orElseThrow(), frame,
                org.noduletrack.dicom.codec.ModalityLut.of(file.dataset()));
    }

    static double mean(int[] px) {
        long s = 0;
        for (int p : px) {
            s += p >> 16 & 0xFF;
        }
        return (double) s / px.length;
    }

    static void waitFor(BooleanSupplier condition, int seconds, String what) throws Exception {
        UiWaits.waitFor(app, condition, seconds, what);
    }

    static void waitRendered(SliceView v) throws Exception { UiWaits.waitRendered(app, v); }

    /** The pixels the view shows (its image, filled from the rendered frame). */
    static int[] pixels(SliceView v) throws Exception {
        return FxSnapshots.onFx(() -> {
            WritableImage img = v.image();
            int w = (int) img.getWidth(), h = (int) img.getHeight();
            int[] out = new int[w * h];
            img.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), out, 0, w);
            return out;
        });
    }

    static double changedFraction(int[] a, int[] b) {
        if (a.length != b.length) {
            return 1;
        }
        int changed = 0;
        for (int i = 0; i < a.length; i++) {
            if (Math.abs((a[i] >> 16 & 0xFF) - (b[i] >> 16 & 0xFF)) > 8) {
                changed++;
            }
        }
        return (double) changed / a.length;
    }

    static int distinctGreys(int[] px) {
        boolean[] seen = new boolean[256];
        int n = 0;
        for (int p : px) {
            int g = p >> 16 & 0xFF;
            if (!seen[g]) {
                seen[g] = true;
                n++;
            }
        }
        return n;
    }
}
