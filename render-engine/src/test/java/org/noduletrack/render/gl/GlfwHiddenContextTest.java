package org.noduletrack.render.gl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.api.ColorLut;
import org.noduletrack.render.api.Frame;
import org.noduletrack.render.api.Interpolation;
import org.noduletrack.render.api.RenderRequest;
import org.noduletrack.render.api.SlabMode;
import org.noduletrack.render.api.SlabSpec;
import org.noduletrack.render.api.WindowLevel;
import org.noduletrack.render.cpu.CpuReslicer;
import org.noduletrack.render.geom.Extent;
import org.noduletrack.render.geom.PlaneLps;
import org.noduletrack.render.geom.SpacingMm;
import org.noduletrack.render.geom.ViewOrientation;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.ValueScale;
import org.noduletrack.render.volume.VolumeGeometry;

/**
 * The desktop context path: a hidden GLFW window on an X display, rendering within 1 grey level of the CPU reference
 * (as {@link GlParityTest} checks the EGL path). Uses $DISPLAY when set; otherwise starts its own Xvfb (when on PATH) on
 * a display number Xvfb picks itself ({@code -displayfd}), points this process's DISPLAY at it and stops it by its
 * process afterwards. Skipped when neither is available.
 */
@Tag("gpu")
class GlfwHiddenContextTest {
    static Process xvfb;
    static GlBackend gl;
    static CpuReslicer cpu;

    @BeforeAll
    static void start() throws Throwable {
        if (System.getenv("DISPLAY") == null) {
            Path server = onPath("Xvfb");
            Assumptions.assumeTrue(server != null, "no DISPLAY and no Xvfb on PATH: the GLFW context path needs an X display");
            xvfb = new ProcessBuilder(server.toString(), "-displayfd", "1", "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            // Xvfb writes the display number it took to fd 1 once it accepts connections
            CompletableFuture<String> number = CompletableFuture.supplyAsync(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(xvfb.getInputStream(), StandardCharsets.US_ASCII))) {
                    return r.readLine();
                } catch (java.io.IOException e) {
                    return null;
                }
            });
            String n = number.get(30, TimeUnit.SECONDS);
            assertThat(n).as("display number from Xvfb").isNotNull().matches("\\d+");
            setenv("DISPLAY", ":" + n.strip()); // GLFW (XOpenDisplay) reads the C environment, not System.getenv
            System.err.println("GLFW test: started Xvfb pid " + xvfb.pid() + " on :" + n.strip());
        }
        gl = GlBackend.create(GlBackend.ContextPath.GLFW);
        cpu = new CpuReslicer(2);
        System.err.println("GLFW test on " + gl.description());
    }

    @AfterAll
    static void stop() throws Throwable {
        if (gl != null) {
            gl.close();
        }
        if (cpu != null) {
            cpu.close();
        }
        if (xvfb != null) {
            unsetenv("DISPLAY"); // later native code in this JVM must not find the stopped server
            xvfb.destroy();
            if (!xvfb.waitFor(10, TimeUnit.SECONDS)) {
                xvfb.destroyForcibly();
            }
        }
    }

    private static Path onPath(String name) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static void setenv(String name, String value) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle setenv = linker.downcallHandle(linker.defaultLookup().find("setenv").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        try (Arena a = Arena.ofConfined()) {
            int rc = (int) setenv.invokeExact(a.allocateFrom(name), a.allocateFrom(value), 1);
            assertThat(rc).as("setenv " + name).isZero();
        }
    }

    private static void unsetenv(String name) throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle unsetenv = linker.downcallHandle(linker.defaultLookup().find("unsetenv").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
        try (Arena a = Arena.ofConfined()) {
            int rc = (int) unsetenv.invokeExact(a.allocateFrom(name));
            assertThat(rc).as("unsetenv " + name).isZero();
        }
    }

    @Test
    void hiddenWindowContextRendersLikeTheCpuReference() throws Exception {
        assertThat(gl.description()).startsWith("GLFW hidden window");
        Random rnd = new Random(21);
        short[] data = new short[40 * 36 * 30];
        for (int i = 0; i < data.length; i++) {
            data[i] = (short) (rnd.nextInt(3000) - 1500);
        }
        ViewOrientation acq = ViewOrientation.AXIAL.rotated(7, -11);
        VolumeGeometry g = new VolumeGeometry(new Extent(40, 36, 30), new SpacingMm(0.9, 0.8, 1.6), new Vec3(-15, 8, 3),
                acq.rowDirection(), acq.columnDirection(), acq.normal());
        try (ShortVolume v = ShortVolume.filled(g, new ValueScale(1, -1024), (short) -1024, (i, j, k) -> data[(k * 36 + j) * 40 + i])) {
            List<ViewOrientation> planes = List.of(ViewOrientation.AXIAL, ViewOrientation.CORONAL, ViewOrientation.AXIAL.rotated(31, 19));
            for (int p = 0; p < planes.size(); p++) {
                ViewOrientation o = planes.get(p);
                String name = List.of("axial", "coronal", "double-oblique").get(p);
                PlaneLps plane = g.planeThrough(o, g.centerLps().plus(new Vec3(0.41, -0.9, 0.7)), 0.45);
                for (SlabSpec slab : List.of(SlabSpec.THIN, new SlabSpec(6, SlabMode.MIP), new SlabSpec(6, SlabMode.MEAN))) {
                    RenderRequest r = new RenderRequest(plane, slab, Interpolation.TRILINEAR, new WindowLevel(800, -900), ColorLut.GREY);
                    Frame f = gl.render(v, r).get(60, TimeUnit.SECONDS);
                    int[] ref = cpu.renderArgb(v, r);
                    int d = GlParityTest.maxDifference(f.argb(), ref);
                    System.err.printf("GLFW vs CPU %s %s %.0f mm: max difference %d%n", name, slab.mode(), slab.thicknessMm(), d);
                    assertThat(f.width()).isEqualTo(plane.width());
                    assertThat(d).as(name + " " + slab.mode()).isLessThanOrEqualTo(1);
                }
            }
        }
    }
}
