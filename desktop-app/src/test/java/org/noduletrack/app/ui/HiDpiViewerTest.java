package org.noduletrack.app.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.shape.Line;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.app.FxSnapshots;
import org.noduletrack.app.view.SliceView;
import org.noduletrack.app.viewmodel.Measurement;
import org.noduletrack.app.viewmodel.MeasurementTool;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.api.RenderRequest;
import org.noduletrack.render.engine.RenderEngines;
import org.noduletrack.render.geom.PlaneLps;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The viewer on a 200 % display. JavaFX 26's headless glass has one screen with output scale 1 and no switch to change
 * it, so the window's render scale is set to 2 instead — what Prism then draws at, as it does on a HiDPI screen, where
 * the render scale follows the output scale. Checked: the image is rendered at device resolution and shown 1:1 (not a
 * 1× image stretched), its pixels are the CPU reference's for the plane expected from the 1× view (same centre and
 * field of view, half the pixel spacing), and everything the user points at or reads stays in layout coordinates —
 * mouse to patient point, length measurements, crosshair lines, zoom factor.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class HiDpiViewerTest {
    @TempDir
    static Path temp;
    static LidcWorkstation ws;
    static CpuReference reference;

    @BeforeAll
    static void openApp() throws Exception {
        // the CPU renderer: this test is about the view's geometry, and must not depend on a GL context
        ws = LidcWorkstation.open(temp, RenderEngines.Preference.CPU, HiDpiViewerTest.class);
        reference = CpuReference.load(LidcWorkstation.LIDC);
    }

    @AfterAll
    static void closeApp() throws Exception {
        if (ws != null) {
            ws.close();
        }
        if (reference != null) {
            reference.close();
        }
    }

    @Start
    void start(Stage primary) {
        ws.show();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void twiceTheDevicePixelsSameLayoutGeometry(FxRobot robot) throws Exception {
        ws.openSeries();
        SliceView axial = ws.app.window().viewer().axialView();
        ws.waitRendered(axial);
        Label zoom = robot.from(axial).lookup("#overlay-bottom-right").queryAs(Label.class);
        double w = FxSnapshots.onFx(axial::getWidth), h = FxSnapshots.onFx(axial::getHeight);
        LidcWorkstation.Shown at1 = LidcWorkstation.shown(axial);
        PlaneLps plane1 = at1.request().plane();
        String zoomText1 = FxSnapshots.onFx(zoom::getText);
        Vec3 corner1 = FxSnapshots.onFx(() -> axial.pointAt(0, 0));
        assertThat(at1.width()).as("1×: one image pixel per layout pixel").isEqualTo((int) Math.floor(w));

        Stage stage = ws.stage();
        FxSnapshots.onFx(() -> {
            stage.setRenderScaleX(2);
            stage.setRenderScaleY(2);
        });
        try {
            FxSnapshots.await(() -> axial.image() != null && axial.image().getWidth() > at1.width() * 1.5, 10_000,
                    "a frame at the new render scale");
        } catch (java.util.concurrent.TimeoutException missed) {
            // a view that missed the change: the size assertions below say so, with the numbers
        }
        ws.waitRendered(axial);
        assertThat(FxSnapshots.onFx(axial::getWidth)).as("layout width unchanged").isEqualTo(w);
        LidcWorkstation.Shown at2 = LidcWorkstation.shown(axial);
        System.err.printf("HiDPI: view %.0fx%.0f layout px; image %dx%d at 1×, %dx%d at render scale 2 (output scale %.1f)%n",
                w, h, at1.width(), at1.height(), at2.width(), at2.height(), FxSnapshots.onFx(stage::getOutputScaleX));

        // device resolution: twice the layout size, drawn 1:1 into the view's layout box
        assertThat(at2.width()).as("image width at 2×").isEqualTo((int) Math.floor(2 * w));
        assertThat(at2.height()).as("image height at 2×").isEqualTo((int) Math.floor(2 * h));
        Bounds shownBox = FxSnapshots.onFx(() -> imageView(axial).getBoundsInParent());
        assertThat(shownBox.getWidth()).as("image shown over the layout width").isCloseTo(at2.width() / 2.0, offset(1e-9));
        assertThat(shownBox.getHeight()).isCloseTo(at2.height() / 2.0, offset(1e-9));
        double drawnAsIs = drawnAtDeviceScale(axial, at2);
        System.err.printf("HiDPI: view drawn at 2x: %.1f %% of its pixels are the image's own%n", 100 * drawnAsIs);
        assertThat(drawnAsIs).as("view drawn at 2×: pixels equal to the image's (the rest is overlay text)").isGreaterThan(0.9);

        // the plane expected from the 1× view: same centre and field of view, half the pixel spacing. Exactly so for a
        // layout size in whole pixels (as here); a fractional one is floored to whole image pixels at each scale, which
        // moves the fit by under a layout pixel
        boolean whole = w == Math.rint(w) && h == Math.rint(h);
        double slackMm = whole ? 1e-6 : plane1.pixelSpacingMm();
        PlaneLps plane2 = at2.request().plane();
        double halfSpacing = plane1.pixelSpacingMm() / 2;
        assertThat(plane2.pixelSpacingMm()).as("mm per device pixel")
                .isCloseTo(halfSpacing, offset(whole ? 1e-9 : halfSpacing / Math.min(plane1.width(), plane1.height())));
        PlaneLps expected = new PlaneLps(plane1.centerLps(), plane1.rowDirection(), plane1.columnDirection(),
                whole ? halfSpacing : plane2.pixelSpacingMm(), (int) Math.floor(2 * w), (int) Math.floor(2 * h));
        assertThat(plane2.centerLps().distanceTo(expected.centerLps())).as("plane centre").isLessThan(1e-6);
        int[] ref = reference.render(RenderRequest.of(expected, at1.request().window()).withSlab(at1.request().slab()));
        GreyDifference d = GreyDifference.of(at2.argb(), ref);
        System.err.println("HiDPI: 2× image vs CPU reference at 2× size: " + d);
        assertThat(d.max()).as("2× image vs the CPU reference of the expected plane: " + d).isLessThanOrEqualTo(1);
        // real detail at device resolution, not a 1× frame with every pixel doubled
        BlockStats blocks = BlockStats.of(at2.argb(), at2.width(), at1.argb(), at1.width(), at1.height());
        System.err.println("HiDPI: " + blocks);
        assertThat(blocks.nonUniformFraction()).as("2×2 blocks that are not one repeated pixel").isGreaterThan(0.2);
        assertThat(blocks.meanDifference()).as("2×2 block means vs the 1× pixels (grey levels)").isLessThan(2.0);

        // layout geometry: the same layout point is the same patient point at either scale
        Vec3 corner2 = FxSnapshots.onFx(() -> axial.pointAt(0, 0));
        assertThat(corner2.distanceTo(corner1)).as("patient point under the view's top-left corner").isLessThan(slackMm);
        Vec3 centre2 = FxSnapshots.onFx(() -> axial.pointAt(w / 2, h / 2));
        assertThat(centre2.distanceTo(expected.centerLps())).as("patient point under the view centre").isLessThan(slackMm);
        assertThat(FxSnapshots.onFx(zoom::getText)).as("zoom factor as seen (the image has the same size on screen)")
                .isEqualTo(zoomText1);

        // mm per layout pixel = 2 × mm per device pixel (the same as at 1× for whole-pixel layout sizes)
        measureLengthOverLayoutPixels(robot, axial, 2 * plane2.pixelSpacingMm());
        crosshairWhereClicked(robot);
    }

    /** A 100 layout-pixel drag with the length tool measures 100 × (mm per layout pixel), drawn from press to release. */
    static void measureLengthOverLayoutPixels(FxRobot robot, SliceView axial, double mmPerLayoutPixel) throws Exception {
        var measures = ws.app.window().viewer().measurements();
        Point2D c = FxSnapshots.onFx(() -> axial.localToScreen(axial.getWidth() / 2, axial.getHeight() / 2));
        robot.type(KeyCode.L);
        assertThat(FxSnapshots.onFx(() -> measures.toolProperty().get())).isEqualTo(MeasurementTool.LENGTH);
        Point2D from = new Point2D(c.getX() - 80, c.getY() + 40);
        robot.moveTo(from.getX(), from.getY()).drag(MouseButton.PRIMARY).moveBy(60, 80).drop(); // 100 px
        ws.waitFor(() -> measures.measurements().size() == 1, 5, "length measurement added");
        Label label = robot.from(axial).lookup("#measurement-length").queryAs(Label.class);
        double shownMm = Double.parseDouble(FxSnapshots.onFx(label::getText).replace("mm", "").trim());
        System.err.printf("HiDPI: 100 layout px measured %.1f mm (%.4f mm per layout px)%n", shownMm, mmPerLayoutPixel);
        assertThat(shownMm).as("100 layout pixels at %.4f mm/px", mmPerLayoutPixel)
                .isCloseTo(100 * mmPerLayoutPixel, offset(0.06));
        Measurement m = FxSnapshots.onFx(() -> measures.measurements().getFirst());
        assertThat(m.lengthMm()).isCloseTo(100 * mmPerLayoutPixel, offset(0.05));
        // the drawn line runs from the press to the release point (view coordinates)
        Line drawn = FxSnapshots.onFx(() -> visibleLines(axial).getFirst());
        Point2D a = FxSnapshots.onFx(() -> axial.screenToLocal(from)), b = a.add(60, 80);
        assertThat(drawn.getStartX()).isCloseTo(a.getX(), offset(1.0));
        assertThat(drawn.getStartY()).isCloseTo(a.getY(), offset(1.0));
        assertThat(drawn.getEndX()).isCloseTo(b.getX(), offset(1.0));
        assertThat(drawn.getEndY()).isCloseTo(b.getY(), offset(1.0));
        robot.type(KeyCode.ESCAPE);
        FxSnapshots.onFx(() -> { // out of the way of the crosshair lines
            measures.selectedProperty().set(m);
            measures.deleteSelected();
        });
        ws.waitFor(() -> measures.measurements().isEmpty(), 5, "measurement deleted");
    }

    /** MPR: a click on the axial view puts the crosshair lines on the clicked point and the coronal plane through it. */
    static void crosshairWhereClicked(FxRobot robot) throws Exception {
        robot.clickOn("#layout-mpr");
        var viewer = ws.app.window().viewer();
        SliceView axial = viewer.axialView(), coronal = viewer.coronalView();
        ws.waitRendered(axial);
        ws.waitRendered(coronal);
        LidcWorkstation.Shown shown = LidcWorkstation.shown(axial);
        assertThat(shown.width()).as("MPR axial image at 2×").isEqualTo((int) Math.floor(2 * FxSnapshots.onFx(axial::getWidth)));
        Point2D local = FxSnapshots.onFx(() -> new Point2D(axial.getWidth() / 2 + 45, axial.getHeight() / 2 - 55));
        Point2D screen = FxSnapshots.onFx(() -> axial.localToScreen(local));
        robot.clickOn(screen.getX(), screen.getY());
        ws.waitFor(() -> visibleLines(axial).size() == 2, 5, "crosshair lines");
        FxSnapshots.settle(100);
        List<Line> lines = FxSnapshots.onFx(() -> visibleLines(axial));
        Line horizontal = lines.stream().filter(l -> l.getStartY() == l.getEndY()).findFirst().orElseThrow();
        Line vertical = lines.stream().filter(l -> l.getStartX() == l.getEndX()).findFirst().orElseThrow();
        System.err.printf("HiDPI: clicked at (%.1f, %.1f), crosshair lines at x=%.2f, y=%.2f%n", local.getX(), local.getY(),
                vertical.getStartX(), horizontal.getStartY());
        // the click lands at the pointer's pixel centre: within one layout pixel of the clicked point
        assertThat(vertical.getStartX()).as("vertical crosshair line x").isCloseTo(local.getX(), offset(1.0));
        assertThat(horizontal.getStartY()).as("horizontal crosshair line y").isCloseTo(local.getY(), offset(1.0));
        Vec3 cross = FxSnapshots.onFx(() -> viewer.mpr().crosshairProperty().get());
        Vec3 clicked = FxSnapshots.onFx(() -> axial.pointAt(local.getX(), local.getY()));
        PlaneLps plane = FxSnapshots.onFx(() -> axial.viewModel().plane());
        double mmPerLayoutPixel = 2 * plane.pixelSpacingMm();
        assertThat(cross.distanceTo(clicked)).as("crosshair vs the clicked patient point (mm)").isLessThan(mmPerLayoutPixel);
        var cor = coronal.viewModel();
        double[] corPlane = FxSnapshots.onFx(() -> new double[] {cor.positionMm(), cross.dot(cor.normal()), cor.sliceStepMm()});
        assertThat(corPlane[0]).as("coronal plane through the crosshair").isCloseTo(corPlane[1], offset(corPlane[2]));
    }

    /**
     * The view as Prism draws it at render scale 2 (a node snapshot scaled by 2): the fraction of its pixels that are
     * exactly the image's pixel at the same place. A 1× frame stretched to the view would differ in about half.
     */
    static double drawnAtDeviceScale(SliceView v, LidcWorkstation.Shown image) throws Exception {
        javafx.scene.image.Image drawn = FxSnapshots.onFx(() -> {
            javafx.scene.SnapshotParameters p = new javafx.scene.SnapshotParameters();
            p.setTransform(javafx.scene.transform.Transform.scale(2, 2));
            return v.snapshot(p, null);
        });
        int w = Math.min(image.width(), (int) drawn.getWidth()), h = Math.min(image.height(), (int) drawn.getHeight());
        var reader = drawn.getPixelReader();
        long same = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                same += (reader.getArgb(x, y) & 0xFFFFFF) == (image.argb()[y * image.width() + x] & 0xFFFFFF) ? 1 : 0;
            }
        }
        return (double) same / ((long) image.width() * image.height());
    }

    static ImageView imageView(SliceView v) {
        return find(v, ImageView.class).getFirst();
    }

    /** The view's visible lines: crosshair lines and measurement lines. */
    static List<Line> visibleLines(SliceView v) {
        return find(v, Line.class).stream().filter(Node::isVisible).toList();
    }

    static <T extends Node> List<T> find(Parent root, Class<T> type) {
        List<T> out = new java.util.ArrayList<>();
        for (Node n : root.getChildrenUnmodifiable()) {
            if (type.isInstance(n)) {
                out.add(type.cast(n));
            }
            if (n instanceof Parent p) {
                out.addAll(find(p, type));
            }
        }
        return out;
    }

    /**
     * The 2× image seen as 2×2 blocks over the 1× image: how many blocks hold more than one value (detail a stretched 1×
     * image lacks), and how far the block means are from the 1× pixels they cover (the same picture, finer).
     */
    record BlockStats(double nonUniformFraction, double meanDifference) {
        static BlockStats of(int[] fine, int fineWidth, int[] coarse, int width, int height) {
            long nonUniform = 0;
            double sum = 0;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int i = 2 * y * fineWidth + 2 * x;
                    int g00 = fine[i] >> 16 & 0xFF, g01 = fine[i + 1] >> 16 & 0xFF;
                    int g10 = fine[i + fineWidth] >> 16 & 0xFF, g11 = fine[i + fineWidth + 1] >> 16 & 0xFF;
                    nonUniform += g00 == g01 && g00 == g10 && g00 == g11 ? 0 : 1;
                    sum += Math.abs((g00 + g01 + g10 + g11) / 4.0 - (coarse[y * width + x] >> 16 & 0xFF));
                }
            }
            long n = (long) width * height;
            return new BlockStats((double) nonUniform / n, sum / n);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%.1f %% of 2×2 blocks not uniform; block means vs 1× pixels: "
                    + "mean difference %.2f grey levels", 100 * nonUniformFraction, meanDifference);
        }
    }
}
