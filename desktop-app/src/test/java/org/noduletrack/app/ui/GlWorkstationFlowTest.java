package org.noduletrack.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javafx.geometry.VerticalDirection;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
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
import org.noduletrack.render.api.SlabMode;
import org.noduletrack.render.api.SlabSpec;
import org.noduletrack.render.engine.RenderEngines;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The workstation on the GL renderer (Mesa llvmpipe through EGL in CI; no GPU needed): the status bar says OpenGL, and
 * what the views show — axial, coronal in MPR, a 10 mm MIP, ten wheel notches further — is, pixel for pixel, within one
 * grey level of the CPU reference reslicer run on the series read straight from its files. Frames are drawn on the
 * backend's own gl-render thread, which made and holds the GL context; the FX thread only copies pixels.
 * <p>
 * Unlike render-engine's GlParityTest this does not skip without GL: the GL path of the app is what it checks, so a
 * machine without EGL (CI installs Mesa's) fails it with the reason.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class GlWorkstationFlowTest {
    /** GlParityTest's bound for trilinear grey planes and slabs; llvmpipe filters R16 at better than 8 bits. */
    static final int MAX_GREY_DIFFERENCE = 1;

    @TempDir
    static Path temp;
    static LidcWorkstation ws;
    static CpuReference reference;
    static final Set<String> frameThreads = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void openApp() throws Exception {
        ws = LidcWorkstation.open(temp, RenderEngines.Preference.GPU_THEN_CPU, GlWorkstationFlowTest.class);
        // called on the thread that completed the render (or, should a render finish before the caller chains on to
        // it, on the caller's: so this shows where frames come from, not that no other thread ever sees one)
        ws.app.engine().addFrameListener(f -> frameThreads.add(Thread.currentThread().getName()));
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
    void glViewsMatchTheCpuReference(FxRobot robot) throws Exception {
        var engine = ws.app.engine();
        assertThat(engine.backend().name())
                .as("the GL renderer was not used, the app fell back to the CPU (%s). This test needs an OpenGL 3.3 "
                        + "context through EGL: on Debian/Ubuntu install libegl1 libegl-mesa0 libgl1 libgl1-mesa-dri "
                        + "(Mesa llvmpipe), as .ci/run does", engine.fallbackReason().orElse("no reason given"))
                .isEqualTo("gl");
        assertThat(engine.usingFallback()).isFalse();
        String renderer = engine.backend().description();
        System.err.println("GL workstation on " + renderer);
        Label indicator = ws.app.window().renderIndicator();
        boolean softwareGl = renderer.toLowerCase(java.util.Locale.ROOT).contains("llvmpipe");
        var msg = ws.app.messages();
        assertThat(FxSnapshots.onFx(indicator::getText)).as("render indicator for " + renderer)
                .isEqualTo(msg.get(softwareGl ? "status.softwareGl" : "status.gpu"))
                .isNotEqualTo(msg.get("status.software"));
        assertThat(FxSnapshots.onFx(() -> indicator.getTooltip().getText())).isEqualTo(renderer);

        ws.openSeries();
        SliceView axial = ws.app.window().viewer().axialView();
        ws.waitRendered(axial);
        Label index = robot.from(axial).lookup("#overlay-bottom-left").queryAs(Label.class);
        assertThat(FxSnapshots.onFx(index::getText)).startsWith("Im 67 / " + LidcWorkstation.LIDC_IMAGES);
        assertMatchesReference(axial, "axial");

        robot.clickOn("#layout-mpr");
        SliceView coronal = ws.app.window().viewer().coronalView();
        ws.waitRendered(coronal);
        ws.waitRendered(axial);
        assertMatchesReference(coronal, "coronal (MPR)");

        // 10 mm MIP on the active (axial) view, through the toolbar's slab controls
        @SuppressWarnings("unchecked")
        ComboBox<String> mode = robot.lookup("#slab-mode").queryAs(ComboBox.class);
        @SuppressWarnings("unchecked")
        ComboBox<Integer> thickness = robot.lookup("#slab-thickness").queryAs(ComboBox.class);
        FxSnapshots.onFx(() -> {
            thickness.setValue(10);
            mode.setValue("mip");
        });
        assertThat(FxSnapshots.onFx(() -> axial.viewModel().slabProperty().get())).isEqualTo(new SlabSpec(10, SlabMode.MIP));
        ws.waitFor(() -> index.getText().contains("MIP slab 10.0 mm"), 5, "slab in the overlay: " + index.getText());
        ws.waitRendered(axial);
        assertMatchesReference(axial, "axial 10 mm MIP");
        FxSnapshots.onFx(() -> mode.setValue("thin"));
        ws.waitFor(() -> axial.viewModel().slabProperty().get().thin(), 5, "thin again");

        // wheel: 10 slices towards the feet
        ws.waitRendered(axial);
        int[] before = LidcWorkstation.shown(axial).argb();
        robot.moveTo(axial).scroll(10, VerticalDirection.DOWN);
        ws.waitFor(() -> index.getText().startsWith("Im 77 / " + LidcWorkstation.LIDC_IMAGES), 10,
                "index after 10 wheel notches: " + index.getText());
        ws.waitRendered(axial);
        LidcWorkstation.Shown scrolled = assertMatchesReference(axial, "axial 10 slices further");
        assertThat(GreyDifference.of(scrolled.argb(), before).differing())
                .as("the image changed with the slice").isGreaterThan(scrolled.argb().length / 20);

        // The context was made on the backend's own gl-render thread and is current there only; GL capabilities are
        // per thread in LWJGL, so a GL call from the FX thread would throw instead of drawing (and fail the checks above)
        assertThat(frameThreads).as("threads frames were completed on").contains("gl-render");
        List<Thread> glThreads = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("gl-render")).toList();
        assertThat(glThreads).as("gl-render threads (other tests' engines may have left theirs closing)").isNotEmpty()
                .allMatch(Thread::isDaemon);
        assertThat(FxSnapshots.onFx(() -> Thread.currentThread().getName())).isNotEqualTo("gl-render");
    }

    /** The view's image against the CPU reference for its plane, window and slab; both must be real CT, not blank. */
    static LidcWorkstation.Shown assertMatchesReference(SliceView view, String what) throws Exception {
        LidcWorkstation.Shown s = LidcWorkstation.shown(view);
        assertThat(s.backend()).as(what + ": frame drawn by").isEqualTo("gl");
        assertThat(new int[] {s.width(), s.height()}).as(what + ": image size")
                .containsExactly(s.request().plane().width(), s.request().plane().height());
        int[] ref = reference.render(s.request());
        GreyDifference d = GreyDifference.of(s.argb(), ref);
        System.err.printf("GL view vs CPU reference, %-24s %dx%d: %s%n", what, s.width(), s.height(), d);
        assertThat(distinctGreys(ref)).as(what + ": reference is a CT image, not a flat frame").isGreaterThan(50);
        assertThat(d.max()).as(what + ": " + d).isLessThanOrEqualTo(MAX_GREY_DIFFERENCE);
        return s;
    }

    static int distinctGreys(int[] px) {
        return (int) java.util.Arrays.stream(px).map(p -> p >> 16 & 0xFF).distinct().count();
    }
}
