package org.noduletrack.nodule.measurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.geom.Extent;
import org.noduletrack.render.geom.SpacingMm;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.ValueScale;
import org.noduletrack.render.volume.VolumeGeometry;

/**
 * Lung side, zone and depth on a phantom chest: an elliptic body (40 HU, semi-axes 140 × 100 mm) with two ellipsoidal
 * lungs (−850 HU) centred at x = ±70 mm, semi-axes 50 × 70 × 100 mm, outside air −1000 HU; the expected answers follow
 * from the ellipsoid equations.
 */
class LungMapTest {
    private static double sq(double v) { return v * v; }

    private static boolean inLung(double x, double y, double z) {
        return sq((Math.abs(x) - 70) / 50) + sq(y / 70) + sq(z / 100) <= 1;
    }

    private static final VolumeGeometry G = new VolumeGeometry(new Extent(160, 120, 120), new SpacingMm(2, 2, 2),
            new Vec3(-159, -119, -119), new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));

    private static ShortVolume chest() {
        return ShortVolume.filled(G, new ValueScale(1, -1024), (short) 0, (i, j, k) -> {
            Vec3 p = G.voxelToLps(i, j, k);
            double hu = inLung(p.x(), p.y(), p.z()) ? -850 : sq(p.x() / 140) + sq(p.y() / 100) <= 1 ? 40 : -1000;
            return (short) (hu + 1024);
        });
    }

    @Test
    void sideZoneAndDepthFollowTheLungExtents() {
        try (ShortVolume v = chest()) {
            LungMap map = LungMap.of(v);
            assertThat(map.midlineXMm()).isCloseTo(0, within(1.0));
            // +x is the patient's left; z = 80 is 0.1 of the way from the apex (z = 100) to the base (z = -100); at that
            // level the left lung spans |x| 40..100, so x = 70 is half-way out
            LungMap.Location a = map.locate(new Vec3(70, 0, 80)).orElseThrow();
            assertThat(a.side()).isEqualTo(LungMap.Side.LEFT);
            assertThat(a.zone()).isEqualTo(LungMap.Zone.UPPER);
            assertThat(a.depth()).isEqualTo(LungMap.Depth.PERIPHERAL);
            assertThat(a.fromApexFraction()).isCloseTo(0.1, within(0.03));
            assertThat(a.fromMedialFraction()).isCloseTo(0.5, within(0.06));
            // right lung, z = -10 (0.55 from the apex), spans |x| 20.3..119.7: x = -40 is 0.2 out, central
            LungMap.Location b = map.locate(new Vec3(-40, 0, -10)).orElseThrow();
            assertThat(b.side()).isEqualTo(LungMap.Side.RIGHT);
            assertThat(b.zone()).isEqualTo(LungMap.Zone.MIDDLE);
            assertThat(b.depth()).isEqualTo(LungMap.Depth.CENTRAL);
            assertThat(b.fromMedialFraction()).isCloseTo(0.2, within(0.05));
            assertThat(b.describe()).isEqualTo("right middle zone, central");
            // left lung base: z = -85 (0.925 from the apex); spans |x| 43.7..96.3 there, x = 85 is 0.79 out
            LungMap.Location c = map.locate(new Vec3(85, 20, -85)).orElseThrow();
            assertThat(c.zone()).isEqualTo(LungMap.Zone.LOWER);
            assertThat(c.depth()).isEqualTo(LungMap.Depth.PERIPHERAL);
            assertThat(c.fromMedialFraction()).isCloseTo(0.79, within(0.08));
        }
    }
}
