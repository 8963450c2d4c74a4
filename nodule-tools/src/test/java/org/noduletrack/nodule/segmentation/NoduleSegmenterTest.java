package org.noduletrack.nodule.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.nodule.model.NoduleType;
import org.noduletrack.nodule.model.SeriesRef;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.VolumeGeometry;

/** Spheres and ellipsoids of known volume in synthetic lung (−850 HU, 10 HU noise). */
class NoduleSegmenterTest {
    private static final SeriesRef REF = new SeriesRef("1.2.3", "1.2.3.4");
    private final NoduleSegmenter segmenter = new NoduleSegmenter();

    private static double relErr(double measured, double truth) { return Math.abs(measured / truth - 1); }

    @Test
    void solidSphere8mmVolumeWithin5Percent() {
        VolumeGeometry g = Phantoms.geometry(64, 64, 32, 0.7, 1.25);
        Vec3 c = new Vec3(0.3, -0.2, 0.4);
        try (ShortVolume v = Phantoms.render(g, Phantoms.sphere(c, 4, 30, -850), 10, 1)) {
            Measurement m = segmenter.segment(v, REF, new Vec3(0, 0, 0)).measurement();
            assertThat(relErr(m.volumeMm3(), 4.0 / 3 * Math.PI * 64)).isLessThan(0.05);
            assertThat(m.type()).isEqualTo(NoduleType.SOLID);
            assertThat(m.centroidLps().distanceTo(c)).isLessThan(0.3);
            assertThat(m.longAxisMm()).isCloseTo(8, within(0.8));
            assertThat(m.shortAxisMm()).isCloseTo(8, within(0.8));
            assertThat(m.max3dDiameterMm()).isCloseTo(8, within(1.0));
            assertThat(m.meanHu()).isBetween(-200.0, 40.0);
            assertThat(m.series()).isEqualTo(REF);
        }
    }

    @Test
    void smallSphere5mmOnThickSlicesWithin10Percent() {
        VolumeGeometry g = Phantoms.geometry(48, 48, 20, 0.7, 2.5);
        try (ShortVolume v = Phantoms.render(g, Phantoms.sphere(new Vec3(0.1, 0.2, 0.6), 2.5, 40, -870), 10, 2)) {
            Measurement m = segmenter.segment(v, REF, new Vec3(0, 0, 0)).measurement();
            assertThat(relErr(m.volumeMm3(), 4.0 / 3 * Math.PI * 2.5 * 2.5 * 2.5)).isLessThan(0.10);
            assertThat(m.type()).isEqualTo(NoduleType.SOLID);
        }
    }

    @Test
    void groundGlassEllipsoid() {
        VolumeGeometry g = Phantoms.geometry(64, 64, 32, 0.7, 1.25);
        Phantoms.Scene s = (x, y, z) -> Phantoms.sq(x / 6) + Phantoms.sq(y / 4.5) + Phantoms.sq(z / 4) <= 1 ? -580 : -860;
        try (ShortVolume v = Phantoms.render(g, s, 10, 3)) {
            Measurement m = segmenter.segment(v, REF, new Vec3(0.5, 0, 0)).measurement();
            assertThat(relErr(m.volumeMm3(), 4.0 / 3 * Math.PI * 6 * 4.5 * 4)).isLessThan(0.05);
            assertThat(m.type()).isEqualTo(NoduleType.GROUND_GLASS);
            assertThat(m.longAxisMm()).isCloseTo(12, within(1.0));
            assertThat(m.shortAxisMm()).isCloseTo(9, within(1.0));
        }
    }

    @Test
    void partSolidNoduleHasSolidComponent() {
        VolumeGeometry g = Phantoms.geometry(64, 64, 32, 0.7, 1.25);
        Phantoms.Scene s = (x, y, z) -> {
            double r2 = x * x + y * y + z * z;
            return r2 <= 3 * 3 ? 30 : r2 <= 6 * 6 ? -580 : -860;
        };
        try (ShortVolume v = Phantoms.render(g, s, 10, 4)) {
            Measurement m = segmenter.segment(v, REF, new Vec3(0, 0, 0)).measurement();
            assertThat(m.type()).isEqualTo(NoduleType.PART_SOLID);
            assertThat(relErr(m.volumeMm3(), 4.0 / 3 * Math.PI * 216)).isLessThan(0.05);
            assertThat(m.solidVolumeMm3()).isCloseTo(4.0 / 3 * Math.PI * 27, within(4.0 / 3 * Math.PI * 27 * 0.25));
            assertThat(m.solidMeanDiameterMm()).isCloseTo(6, within(1.2));
        }
    }

    @Test
    void attachedVesselIsCutByOpening() {
        VolumeGeometry g = Phantoms.geometry(72, 72, 32, 0.7, 1.25);
        Phantoms.Scene s = (x, y, z) -> {
            if (x * x + y * y + z * z <= 16) return 30;
            if (Phantoms.sq(y - 4.5) + z * z <= 1.0 * 1.0) return 40; // 2 mm vessel tangent to the nodule, along x
            return -860;
        };
        try (ShortVolume v = Phantoms.render(g, s, 10, 5)) {
            Measurement m = segmenter.segment(v, REF, new Vec3(0, 0, 0)).measurement();
            assertThat(relErr(m.volumeMm3(), 4.0 / 3 * Math.PI * 64)).isLessThan(0.10);
            assertThat(m.longAxisMm()).isLessThan(10);
        }
    }

    @Test
    void vesselLeavingTheNoduleLeavesNoStub() {
        VolumeGeometry g = Phantoms.geometry(72, 72, 32, 0.7, 1.25);
        Phantoms.Scene s = (x, y, z) -> {
            if (x * x + y * y + z * z <= 3.5 * 3.5) return 30;
            if (x > 0 && y * y + z * z <= 1.2 * 1.2) return 40; // 2.4 mm vessel leaving the nodule radially along +x
            return -860;
        };
        try (ShortVolume v = Phantoms.render(g, s, 10, 9)) {
            Segmentation sg = segmenter.segment(v, REF, new Vec3(0, 0, 0));
            Measurement m = sg.measurement();
            System.out.printf(java.util.Locale.ROOT, "radial vessel: %.1f vs %.1f mm3, opening %.2f mm%n", m.volumeMm3(),
                    4.0 / 3 * Math.PI * 3.5 * 3.5 * 3.5, sg.openingMm());
            assertThat(relErr(m.volumeMm3(), 4.0 / 3 * Math.PI * 3.5 * 3.5 * 3.5)).isLessThan(0.08);
            assertThat(m.longAxisMm()).isLessThan(8.5);
        }
    }

    @Test
    void juxtapleuralNoduleIsSeparatedFromChestWall() {
        VolumeGeometry g = Phantoms.geometry(72, 72, 32, 0.7, 1.25);
        // chest wall x > 4 (soft tissue), nodule of radius 4 centred 1 mm inside the lung, touching the wall
        Phantoms.Scene s = (x, y, z) -> x > 4 ? 40 : x * x + y * y + z * z <= 16 ? 30 : -860;
        try (ShortVolume v = Phantoms.render(g, s, 10, 6)) {
            Measurement m = segmenter.segment(v, REF, new Vec3(-1, 0, 0)).measurement();
            double visible = 4.0 / 3 * Math.PI * 64; // the sphere lies entirely on the lung side (x <= 4)
            assertThat(relErr(m.volumeMm3(), visible)).isLessThan(0.15);
        }
    }

    @Test
    void deterministicAndTolerantToOffCentreClick() {
        VolumeGeometry g = Phantoms.geometry(64, 64, 32, 0.7, 1.25);
        try (ShortVolume v = Phantoms.render(g, Phantoms.sphere(new Vec3(0, 0, 0), 4, 30, -850), 10, 7)) {
            Measurement a = segmenter.segment(v, REF, new Vec3(1.5, 1.0, 0)).measurement();
            Measurement b = segmenter.segment(v, REF, new Vec3(1.5, 1.0, 0)).measurement();
            Measurement c = segmenter.segment(v, REF, new Vec3(0, 0, 0)).measurement();
            assertThat(a).isEqualTo(b);
            assertThat(a.volumeMm3()).isCloseTo(c.volumeMm3(), within(c.volumeMm3() * 0.02));
        }
    }

    @Test
    void seedInAirIsRejected() {
        VolumeGeometry g = Phantoms.geometry(48, 48, 16, 0.7, 1.25);
        try (ShortVolume v = Phantoms.render(g, Phantoms.sphere(new Vec3(0, 0, 0), 3, 30, -850), 10, 8)) {
            assertThatThrownBy(() -> segmenter.segment(v, REF, new Vec3(12, 12, 0))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> segmenter.segment(v, REF, new Vec3(500, 0, 0))).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
