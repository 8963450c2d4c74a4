package org.noduletrack.render.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.api.ColorLut;
import org.noduletrack.render.api.Interpolation;
import org.noduletrack.render.api.Outside;
import org.noduletrack.render.api.RenderRequest;
import org.noduletrack.render.api.SlabMode;
import org.noduletrack.render.api.SlabSpec;
import org.noduletrack.render.api.WindowLevel;
import org.noduletrack.render.geom.Extent;
import org.noduletrack.render.geom.PlaneLps;
import org.noduletrack.render.geom.SpacingMm;
import org.noduletrack.render.geom.ViewOrientation;
import org.noduletrack.render.testing.SyntheticSeries;
import org.noduletrack.render.testing.SyntheticSeries.Slice;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.ValueScale;
import org.noduletrack.render.volume.VolumeAssembler;
import org.noduletrack.render.volume.VolumeGeometry;

class CpuReslicerTest {
    static final CpuReslicer RESLICER = new CpuReslicer(2);

    @AfterAll
    static void close() {
        RESLICER.close();
    }

    static VolumeGeometry obliqueGeometry(int nx, int ny, int nz) {
        ViewOrientation o = ViewOrientation.AXIAL.rotated(17, -23);
        return new VolumeGeometry(new Extent(nx, ny, nz), new SpacingMm(0.8, 0.9, 1.7), new Vec3(-20, 13, 40),
                o.rowDirection(), o.columnDirection(), o.normal());
    }

    @Test
    void trilinearReproducesALinearFieldOnAnyPlane() {
        try (ShortVolume v = ShortVolume.filled(obliqueGeometry(40, 36, 30), ValueScale.IDENTITY, (short) 0,
                (i, j, k) -> (short) (i + 2 * j + 3 * k))) {
            VolumeGeometry g = v.geometry();
            for (ViewOrientation o : List.of(ViewOrientation.AXIAL, ViewOrientation.CORONAL, ViewOrientation.SAGITTAL,
                    ViewOrientation.AXIAL.rotated(35, 50))) {
                PlaneLps plane = g.planeThrough(o, g.centerLps().plus(new Vec3(1.3, -0.7, 2.1)), 0.6);
                float[] tri = RESLICER.resliceValues(v, plane, Interpolation.TRILINEAR, SlabSpec.THIN);
                float[] near = RESLICER.resliceValues(v, plane, Interpolation.NEAREST, SlabSpec.THIN);
                int inside = 0;
                for (int y = 0; y < plane.height(); y++) {
                    for (int x = 0; x < plane.width(); x++) {
                        Vec3 ijk = g.lpsToVoxel(plane.pixelToLps(x, y));
                        if (ijk.x() < 0 || ijk.y() < 0 || ijk.z() < 0 || ijk.x() > 39 || ijk.y() > 35 || ijk.z() > 29) {
                            continue;
                        }
                        inside++;
                        assertThat((double) tri[y * plane.width() + x]).isCloseTo(ijk.x() + 2 * ijk.y() + 3 * ijk.z(), within(1e-3));
                        double expectNear = Math.floor(ijk.x() + 0.5) + 2 * Math.floor(ijk.y() + 0.5) + 3 * Math.floor(ijk.z() + 0.5);
                        assertThat((double) near[y * plane.width() + x]).isCloseTo(expectNear, within(1e-3));
                    }
                }
                assertThat(inside).as("pixels inside the volume for " + o).isGreaterThan(200);
            }
        }
    }

    @Test
    void pointAtAKnownLpsPositionAppearsAtTheExpectedPixelInEveryPlane(@TempDir Path dir) throws Exception {
        // an oblique acquisition (rows and columns both off-axis) with a blob centred at a known LPS point
        Vec3 p = new Vec3(12.3, -7.9, 21.4);
        SyntheticSeries.Field blob = q -> -1000 + 2000 * Math.exp(-q.minus(p).dot(q.minus(p)) / (2 * 2.0 * 2.0));
        ViewOrientation acq = ViewOrientation.AXIAL.rotated(-12, 8);
        SyntheticSeries s = new SyntheticSeries(dir, "2.25.20");
        Vec3 o0 = p.minus(acq.rowDirection().times(20)).minus(acq.columnDirection().times(18)).minus(acq.normal().times(15));
        for (int k = 0; k < 31; k++) {
            s.write(new Slice(o0.plus(acq.normal().times(k)), acq.rowDirection(), acq.columnDirection(), 1, 40, 40, k + 1,
                    false, 1, -1024), blob);
        }
        VolumeAssembler assembler = new VolumeAssembler(new PixelDataReader(CodecRegistry.standard()), 2);
        try (ShortVolume v = assembler.load(assembler.plan(assembler.scan(dir).largestStack().orElseThrow()))) {
            for (ViewOrientation o : List.of(ViewOrientation.AXIAL, ViewOrientation.CORONAL, ViewOrientation.SAGITTAL,
                    ViewOrientation.AXIAL.rotated(40, -25))) {
                // centre the plane away from the point so the expected pixel is not simply the middle
                Vec3 centre = p.plus(o.rowDirection().times(7.3)).minus(o.columnDirection().times(4.1));
                PlaneLps plane = new PlaneLps(centre, o.rowDirection(), o.columnDirection(), 0.5, 81, 71);
                float[] val = RESLICER.resliceValues(v, plane, Interpolation.TRILINEAR, SlabSpec.THIN);
                double sw = 0, sx = 0, sy = 0, max = -1e9;
                for (int y = 0; y < plane.height(); y++) {
                    for (int x = 0; x < plane.width(); x++) {
                        double w = val[y * plane.width() + x] + 1000;
                        max = Math.max(max, val[y * plane.width() + x]);
                        if (w > 1000) {
                            sw += w;
                            sx += w * x;
                            sy += w * y;
                        }
                    }
                }
                double ex = (plane.width() - 1) / 2.0 - 7.3 / 0.5, ey = (plane.height() - 1) / 2.0 + 4.1 / 0.5;
                assertThat(plane.lpsToPlane(p).x()).isCloseTo(ex, within(1e-9));
                assertThat(plane.lpsToPlane(p).y()).isCloseTo(ey, within(1e-9));
                assertThat(sx / sw).as("column of the point in " + o).isCloseTo(ex, within(0.2));
                assertThat(sy / sw).as("row of the point in " + o).isCloseTo(ey, within(0.2));
                assertThat(max).as("peak in " + o).isGreaterThan(850); // 1000 at the point; trilinear blurs a 2 mm blob a little
            }
        }
    }

    @Test
    void axialPlaneThroughASliceReproducesItExactly() {
        Random rnd = new Random(5);
        short[] data = new short[30 * 20 * 10];
        for (int n = 0; n < data.length; n++) {
            data[n] = (short) (rnd.nextInt(4000) - 2000);
        }
        VolumeGeometry g = new VolumeGeometry(new Extent(30, 20, 10), new SpacingMm(0.7, 0.7, 2.5), new Vec3(-10, -7, -50),
                new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));
        try (ShortVolume v = ShortVolume.filled(g, new ValueScale(1, -1024), (short) -1024, (i, j, k) -> data[(k * 20 + j) * 30 + i])) {
            for (Interpolation interp : Interpolation.values()) {
                PlaneLps plane = g.planeThrough(ViewOrientation.AXIAL, g.voxelToLps(14.5, 9.5, 6));
                assertThat(plane.width()).isEqualTo(30);
                assertThat(plane.height()).isEqualTo(20);
                float[] out = RESLICER.resliceValues(v, plane, interp, SlabSpec.THIN);
                for (int j = 0; j < 20; j++) {
                    for (int i = 0; i < 30; i++) {
                        assertThat((double) out[j * 30 + i]).isEqualTo(v.modalityValue(i, j, 6));
                    }
                }
            }
        }
    }

    @Test
    void axialPlaneBetweenSlicesAndPartlyOutsideIsTheLinearBlendOfTheTwoSlices() {
        Random rnd = new Random(8);
        int nx = 30, ny = 20, nz = 10;
        short[] data = new short[nx * ny * nz];
        for (int n = 0; n < data.length; n++) {
            data[n] = (short) (rnd.nextInt(4000) - 2000);
        }
        VolumeGeometry g = new VolumeGeometry(new Extent(nx, ny, nz), new SpacingMm(0.7, 0.7, 2.5), new Vec3(-10, -7, -50),
                new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));
        try (ShortVolume v = ShortVolume.filled(g, new ValueScale(1, -1024), (short) -1024, (i, j, k) -> data[(k * ny + j) * nx + i])) {
            // centre shifted by whole voxels (-7 columns, +4 rows): part of the frame lies beyond the volume's edges
            double z = 3.3;
            PlaneLps plane = g.planeThrough(ViewOrientation.AXIAL, g.voxelToLps(14.5 - 7, 9.5 + 4, z));
            float[] tri = RESLICER.resliceValues(v, plane, Interpolation.TRILINEAR, SlabSpec.THIN);
            float[] near = RESLICER.resliceValues(v, plane, Interpolation.NEAREST, SlabSpec.THIN);
            int outside = 0;
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = x - 7, j = y + 4;
                    if (i < 0 || j >= ny) {
                        outside++;
                        assertThat(tri[y * nx + x]).isEqualTo(-2048f); // background, stored -1024 → −2048 HU
                        assertThat(near[y * nx + x]).isEqualTo(-2048f);
                        continue;
                    }
                    double a = data[(3 * ny + j) * nx + i], b = data[(4 * ny + j) * nx + i];
                    assertThat((double) tri[y * nx + x]).isCloseTo(a + (b - a) * 0.3 - 1024, within(1e-3));
                    assertThat((double) near[y * nx + x]).isEqualTo(a - 1024);
                }
            }
            assertThat(outside).isPositive();
            // the same plane turned by 1e-7 rad about the normal takes the general per-voxel path: same values
            PlaneLps turned = new PlaneLps(plane.centerLps(), new Vec3(1, 1e-7, 0).normalized(), new Vec3(-1e-7, 1, 0).normalized(),
                    plane.pixelSpacingMm(), plane.width(), plane.height());
            float[] general = RESLICER.resliceValues(v, turned, Interpolation.TRILINEAR, SlabSpec.THIN);
            for (int n = 0; n < tri.length; n++) {
                assertThat((double) general[n]).isCloseTo(tri[n], within(1e-2));
            }
        }
    }

    @Test
    void thickSlabMipMinipMean() {
        VolumeGeometry g = new VolumeGeometry(new Extent(8, 8, 40), new SpacingMm(1, 1, 1), Vec3.ZERO,
                new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));
        try (ShortVolume v = ShortVolume.filled(g, ValueScale.IDENTITY, (short) 0, (i, j, k) -> (short) (10 * k))) {
            PlaneLps plane = g.planeThrough(ViewOrientation.AXIAL, g.voxelToLps(3.5, 3.5, 20));
            // 10 samples at offsets -4.5..4.5 mm → k = 15.5..24.5 → values 155..245
            assertThat(RESLICER.resliceValues(v, plane, Interpolation.TRILINEAR, new SlabSpec(10, SlabMode.MIP))[9]).isEqualTo(245f);
            assertThat(RESLICER.resliceValues(v, plane, Interpolation.TRILINEAR, new SlabSpec(10, SlabMode.MINIP))[9]).isEqualTo(155f);
            assertThat(RESLICER.resliceValues(v, plane, Interpolation.TRILINEAR, new SlabSpec(10, SlabMode.MEAN))[9]).isEqualTo(200f);
            // a slab reaching past the last slice: samples outside the volume read as background (0)
            PlaneLps edge = plane.offsetAlongNormal(18);
            assertThat(RESLICER.resliceValues(v, edge, Interpolation.TRILINEAR, new SlabSpec(10, SlabMode.MINIP))[9]).isEqualTo(0f);
            assertThat(RESLICER.resliceValues(v, edge, Interpolation.NEAREST, new SlabSpec(10, SlabMode.MIP))[9]).isEqualTo(390f);
        }
    }

    @Test
    void windowLevelAndLutGiveArgb() {
        WindowLevel wl = WindowLevel.parse("1500/-600");
        assertThat(wl).isEqualTo(new WindowLevel(1500, -600));
        assertThat(wl.grey8(-1350)).isZero();
        assertThat(wl.grey8(-2000)).isZero();
        assertThat(wl.grey8(150)).isEqualTo(255);
        assertThat(wl.grey8(-600)).isEqualTo(128); // 0.5·255 = 127.5 rounds up
        VolumeGeometry g = new VolumeGeometry(new Extent(4, 4, 1), new SpacingMm(1, 1, 1), Vec3.ZERO,
                new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));
        try (ShortVolume v = ShortVolume.filled(g, new ValueScale(1, -1024), (short) 0, (i, j, k) -> (short) (i * 300))) {
            PlaneLps plane = g.planeThrough(ViewOrientation.AXIAL, g.centerLps());
            int[] argb = RESLICER.renderArgb(v, new RenderRequest(plane, SlabSpec.THIN, Interpolation.NEAREST, wl, ColorLut.GREY));
            assertThat(argb[0]).isEqualTo(ColorLut.GREY.colour(wl.grey8(-1024)));
            assertThat(argb[3]).isEqualTo(0xFF000000 | wl.grey8(-124) * 0x010101);
            int[] hot = RESLICER.renderArgb(v, new RenderRequest(plane, SlabSpec.THIN, Interpolation.NEAREST, wl, ColorLut.HOT));
            assertThat(hot[3]).isEqualTo(ColorLut.HOT.colour(wl.grey8(-124)));
        }
    }

    @Test
    void threadCountDoesNotChangeTheResult() {
        try (ShortVolume v = ShortVolume.filled(obliqueGeometry(50, 40, 30), ValueScale.IDENTITY, (short) 0,
                (i, j, k) -> (short) ((i * 31 + j * 17 + k * 7) % 500));
             CpuReslicer one = new CpuReslicer(1)) {
            PlaneLps plane = v.geometry().planeThrough(ViewOrientation.AXIAL.rotated(10, 20), v.geometry().centerLps(), 0.5);
            SlabSpec slab = new SlabSpec(5, SlabMode.MEAN);
            assertThat(one.resliceValues(v, plane, Interpolation.TRILINEAR, slab))
                    .containsExactly(RESLICER.resliceValues(v, plane, Interpolation.TRILINEAR, slab));
        }
    }

    @Test
    void outsideTransparentClearsOnlyPixelsBeyondTheVolume() {
        WindowLevel lung = new WindowLevel(1500, -600);
        VolumeGeometry g = new VolumeGeometry(new Extent(10, 10, 10), new SpacingMm(1, 1, 1), Vec3.ZERO,
                new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));
        try (ShortVolume v = ShortVolume.filled(g, new ValueScale(1, -1024), (short) 0, (i, j, k) -> (short) 1000)) {
            // 20x20 pixels of 1 mm centred on the volume: a 5-pixel margin on every side lies outside the 10 mm grid
            PlaneLps plane = new PlaneLps(g.centerLps(), new Vec3(1, 0, 0), new Vec3(0, 1, 0), 1, 20, 20);
            RenderRequest req = new RenderRequest(plane, SlabSpec.THIN, Interpolation.TRILINEAR, lung, ColorLut.GREY);
            assertThat(req.outside()).isEqualTo(Outside.BACKGROUND);
            int[] dflt = RESLICER.renderArgb(v, req);
            int[] clear = RESLICER.renderArgb(v, req.withOutside(Outside.TRANSPARENT));
            int bgColour = ColorLut.GREY.colour(lung.grey8(-1024));
            assertThat(dflt[0]).isEqualTo(bgColour).isNotZero(); // default unchanged: background through the window
            assertThat(clear[0]).isZero();
            assertThat(clear[20 * 20 - 1]).isZero();
            assertThat(clear[10 * 20 + 10]).isEqualTo(dflt[10 * 20 + 10]).isNotZero();
            for (int i = 0; i < clear.length; i++) {
                int x = i % 20, y = i / 20;
                boolean inside = x >= 5 && x < 15 && y >= 5 && y < 15;
                assertThat(clear[i]).as("pixel %d,%d", x, y).isEqualTo(inside ? dflt[i] : 0);
            }
            // a MIP slab that reaches into the volume from beyond its top is not cleared
            PlaneLps above = plane.offsetAlongNormal(-6.5);
            int[] slab = RESLICER.renderArgb(v, req.withPlane(above).withSlab(new SlabSpec(4, SlabMode.MIP)).withOutside(Outside.TRANSPARENT));
            assertThat(slab[10 * 20 + 10]).isNotZero();
            int[] thinAbove = RESLICER.renderArgb(v, req.withPlane(above).withOutside(Outside.TRANSPARENT));
            assertThat(thinAbove[10 * 20 + 10]).isZero();
        }
    }
}
