package org.noduletrack.render.gl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.RenderException;
import org.noduletrack.render.api.ColorLut;
import org.noduletrack.render.api.Frame;
import org.noduletrack.render.api.Interpolation;
import org.noduletrack.render.api.Outside;
import org.noduletrack.render.api.RenderRequest;
import org.noduletrack.render.api.SlabMode;
import org.noduletrack.render.api.SlabSpec;
import org.noduletrack.render.api.WindowLevel;
import org.noduletrack.render.cpu.CpuReslicer;
import org.noduletrack.render.geom.Extent;
import org.noduletrack.render.geom.PlaneLps;
import org.noduletrack.render.geom.SpacingMm;
import org.noduletrack.render.geom.ViewOrientation;
import org.noduletrack.render.testing.SharedData;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.ValueScale;
import org.noduletrack.render.volume.VolumeAssembler;
import org.noduletrack.render.volume.VolumeGeometry;

/**
 * GPU vs CPU reference: every output pixel within 1 grey level per channel. Runs on whatever GL the machine has (Mesa
 * llvmpipe through EGL surfaceless in CI); skipped when no GL 3.3 context can be created.
 */
@Tag("gpu")
class GlParityTest {
    static GlBackend gl;
    static CpuReslicer cpu;

    @BeforeAll
    static void start() {
        try {
            gl = GlBackend.create(GlBackend.ContextPath.EGL);
        } catch (RenderException e) {
            System.err.println("GL parity tests skipped: " + e.getMessage());
            Assumptions.abort("no OpenGL 3.3 context through EGL: " + e.getMessage());
        }
        cpu = new CpuReslicer(2);
        System.err.println("GL parity on " + gl.description());
    }

    @AfterAll
    static void stop() {
        if (gl != null) {
            gl.close();
        }
        if (cpu != null) {
            cpu.close();
        }
    }

    /** Largest per-channel difference between the two frames. */
    static int maxDifference(int[] a, int[] b) {
        int worst = 0;
        for (int i = 0; i < a.length; i++) {
            for (int shift = 0; shift < 32; shift += 8) {
                worst = Math.max(worst, Math.abs((a[i] >>> shift & 0xFF) - (b[i] >>> shift & 0xFF)));
            }
        }
        return worst;
    }

    static int compare(ShortVolume v, RenderRequest r, String what) throws Exception {
        Frame f = gl.render(v, r).get(60, TimeUnit.SECONDS);
        int[] ref = cpu.renderArgb(v, r);
        assertThat(f.width()).isEqualTo(r.plane().width());
        int d = maxDifference(f.argb(), ref);
        int differing = 0;
        for (int i = 0; i < ref.length; i++) {
            differing += f.argb()[i] != ref[i] ? 1 : 0;
        }
        System.err.printf("GPU vs CPU %-40s %dx%d: max difference %d grey level(s), %d pixels differ%n", what,
                f.width(), f.height(), d, differing);
        if (r.interpolation() == Interpolation.NEAREST) {
            // nearest neighbour has ties: a sample within float rounding (~1e-5 voxel) of a voxel boundary may pick the
            // other voxel on the GPU (float32) than on the CPU (double); allow a handful of such pixels, no more
            int outliers = 0;
            for (int i = 0; i < ref.length; i++) {
                outliers += maxDifference(new int[] {f.argb()[i]}, new int[] {ref[i]}) > 1 ? 1 : 0;
            }
            assertThat(outliers).as(what + ": pixels off by more than 1").isLessThanOrEqualTo(Math.max(2, ref.length / 2000));
            return d;
        }
        if (!r.lut().equals(ColorLut.GREY)) {
            // a colour LUT turns one grey level into a step of several units per channel: compare LUT indexes
            int worstIndex = 0;
            for (int i = 0; i < ref.length; i++) {
                worstIndex = Math.max(worstIndex, lutIndexDistance(r.lut(), f.argb()[i], ref[i]));
            }
            assertThat(worstIndex).as(what + " (grey levels before the LUT)").isLessThanOrEqualTo(1);
            return worstIndex;
        }
        assertThat(d).as(what).isLessThanOrEqualTo(1);
        return d;
    }

    /** Smallest |a − b| over grey levels a, b whose LUT colours are the two given colours. */
    static int lutIndexDistance(ColorLut lut, int colourA, int colourB) {
        int best = Integer.MAX_VALUE;
        for (int a = 0; a < 256; a++) {
            if (lut.colour(a) != colourA) {
                continue;
            }
            for (int b = 0; b < 256; b++) {
                if (lut.colour(b) == colourB) {
                    best = Math.min(best, Math.abs(a - b));
                }
            }
        }
        return best;
    }

    @Test
    void syntheticVolumeEveryModeAndInterpolation() throws Exception {
        Random rnd = new Random(11);
        short[] data = new short[48 * 40 * 36];
        for (int i = 0; i < data.length; i++) {
            data[i] = (short) (rnd.nextInt(3000) - 1500);
        }
        ViewOrientation acq = ViewOrientation.AXIAL.rotated(9, -14);
        VolumeGeometry g = new VolumeGeometry(new Extent(48, 40, 36), new SpacingMm(0.9, 0.8, 1.6), new Vec3(-20, 10, 5),
                acq.rowDirection(), acq.columnDirection(), acq.normal());
        try (ShortVolume v = ShortVolume.filled(g, new ValueScale(1, -1024), (short) -1024, (i, j, k) -> data[(k * 40 + j) * 48 + i])) {
            for (Interpolation interp : Interpolation.values()) {
                for (ViewOrientation o : List.of(ViewOrientation.AXIAL, ViewOrientation.SAGITTAL, ViewOrientation.AXIAL.rotated(33, 21))) {
                    PlaneLps plane = g.planeThrough(o, g.centerLps().plus(new Vec3(0.37, -1.1, 0.6)), 0.45);
                    for (SlabSpec slab : List.of(SlabSpec.THIN, new SlabSpec(6, SlabMode.MIP), new SlabSpec(6, SlabMode.MINIP),
                            new SlabSpec(6, SlabMode.MEAN))) {
                        compare(v, new RenderRequest(plane, slab, interp, new WindowLevel(800, -900), ColorLut.GREY),
                                "synthetic " + interp + " " + slab.mode() + " " + slab.thicknessMm());
                    }
                }
            }
            PlaneLps plane = g.planeThrough(ViewOrientation.CORONAL, g.centerLps(), 0.5);
            compare(v, new RenderRequest(plane, SlabSpec.THIN, Interpolation.TRILINEAR, new WindowLevel(3000, -1024), ColorLut.HOT),
                    "synthetic hot LUT");
            // outside = transparent: the same pixels cleared on both (an oblique plane whose corners leave the volume)
            PlaneLps oblique = g.planeThrough(ViewOrientation.AXIAL.rotated(33, 21), g.centerLps(), 0.45);
            for (SlabSpec slab : List.of(SlabSpec.THIN, new SlabSpec(6, SlabMode.MIP))) {
                RenderRequest r = new RenderRequest(oblique, slab, Interpolation.TRILINEAR, new WindowLevel(800, -900),
                        ColorLut.GREY, Outside.TRANSPARENT);
                compare(v, r, "synthetic outside transparent " + slab.mode() + " " + slab.thicknessMm());
                int[] ref = cpu.renderArgb(v, r);
                assertThat(java.util.Arrays.stream(ref).filter(p -> p == 0).count()).as("cleared pixels").isPositive();
            }
        }
    }

    @Test
    void lidc0001PlanesAndSlabWithinOneGreyLevel() throws Exception {
        VolumeAssembler assembler = new VolumeAssembler(new PixelDataReader(CodecRegistry.standard()), 2);
        var stack = assembler.scan(SharedData.require("lidc-idri-0001")).largestStack("CT").orElseThrow();
        try (ShortVolume v = assembler.load(assembler.plan(stack))) {
            VolumeGeometry g = v.geometry();
            long uploadNs = gl.upload(v).get(60, TimeUnit.SECONDS);
            System.err.printf("volume upload %s: %.1f ms%n", g.extent(), uploadNs / 1e6);
            WindowLevel lung = new WindowLevel(1500, -600);
            Vec3 c = g.centerLps().plus(new Vec3(12.3, -8.7, 17.1));
            compare(v, RenderRequest.of(g.planeThrough(ViewOrientation.AXIAL, c), lung), "lidc axial");
            compare(v, RenderRequest.of(g.planeThrough(ViewOrientation.CORONAL, c), lung), "lidc coronal");
            compare(v, RenderRequest.of(g.planeThrough(ViewOrientation.SAGITTAL, c), lung), "lidc sagittal");
            PlaneLps oblique = g.planeThrough(ViewOrientation.AXIAL.rotated(30, 20), c);
            compare(v, RenderRequest.of(oblique, lung), "lidc double-oblique");
            compare(v, RenderRequest.of(g.planeThrough(ViewOrientation.AXIAL, c), lung).withSlab(new SlabSpec(10, SlabMode.MIP)),
                    "lidc axial 10 mm MIP");
            compare(v, RenderRequest.of(oblique, lung).withSlab(new SlabSpec(10, SlabMode.MIP)), "lidc oblique 10 mm MIP");
        }
    }

    @Test
    void slicesLoadedLaterAreUploadedBeforeTheNextFrame() throws Exception {
        VolumeGeometry g = new VolumeGeometry(new Extent(16, 16, 12), new SpacingMm(1, 1, 1), Vec3.ZERO,
                new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));
        try (ShortVolume a = ShortVolume.filled(g, ValueScale.IDENTITY, (short) 0, (i, j, k) -> (short) (k * 100));
             ShortVolume b = ShortVolume.filled(g, ValueScale.IDENTITY, (short) 0, (i, j, k) -> (short) (1200 - k * 100))) {
            PlaneLps plane = g.planeThrough(ViewOrientation.CORONAL, g.centerLps());
            RenderRequest r = RenderRequest.of(plane, new WindowLevel(1200, 600));
            compare(a, r, "volume a");
            compare(b, r, "volume b after a (texture replaced)");
        }
    }
}
