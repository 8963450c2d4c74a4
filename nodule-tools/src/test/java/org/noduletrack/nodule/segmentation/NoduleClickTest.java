package org.noduletrack.nodule.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.model.SeriesRef;
import org.noduletrack.render.volume.ShortVolume;

/** User correction: re-running one click at an adjusted threshold. */
class NoduleClickTest {
    private static final SeriesRef REF = new SeriesRef("1.2.3", "1.2.3.4");

    /** Volumes and voxel counts at thresholds from high to low must not shrink. */
    private static void assertMonotone(NoduleClick click, double from, double to) {
        List<Segmentation> runs = new ArrayList<>();
        for (double t = from; t >= to; t -= 50) runs.add(click.segment(t));
        for (int q = 1; q < runs.size(); q++) {
            Segmentation a = runs.get(q - 1), b = runs.get(q);
            assertThat(b.measurement().volumeMm3()).as("%.0f -> %.0f HU", a.thresholdHu(), b.thresholdHu())
                    .isGreaterThanOrEqualTo(a.measurement().volumeMm3());
            assertThat(b.mask().voxelCount()).isGreaterThanOrEqualTo(a.mask().voxelCount());
        }
        assertThat(runs.getLast().measurement().volumeMm3()).isGreaterThan(runs.getFirst().measurement().volumeMm3());
    }

    @Test
    void lowerThresholdGivesLargerBoundaryAndVolume() {
        // a blurred 8 mm sphere: the image is the sphere's occupancy convolved with the voxel, so the 50 % iso-surface
        // sits on the true surface and a threshold nearer the background includes more of the blurred rim
        var g = Phantoms.geometry(64, 64, 32, 0.7, 1.25);
        try (ShortVolume v = Phantoms.render(g, Phantoms.sphere(new Vec3(0.3, -0.2, 0.4), 4, 30, -850), 10, 1)) {
            NoduleClick click = new NoduleSegmenter().prepare(v, REF, new Vec3(0, 0, 0));
            Segmentation auto = click.segment();
            assertThat(auto.thresholdHu()).isCloseTo(click.automaticThresholdHu(), within(1e-9));
            // the automatic threshold through the correction path gives the automatic result
            assertThat(click.segment(click.automaticThresholdHu()).measurement()).isEqualTo(auto.measurement());
            assertThat(auto.measurement()).isEqualTo(new NoduleSegmenter().segment(v, REF, new Vec3(0, 0, 0)).measurement());
            assertMonotone(click, -100, -750);
            double sphere = 4.0 / 3 * Math.PI * 64;
            assertThat(click.segment(-200).measurement().volumeMm3()).isLessThan(sphere);
            assertThat(click.segment(-700).measurement().volumeMm3()).isGreaterThan(sphere);
            // the mask is the voxels the volume was measured from, in volume indices
            Vec3 c = g.lpsToVoxel(new Vec3(0.3, -0.2, 0.4));
            assertThat(auto.mask().contains((int) Math.round(c.x()), (int) Math.round(c.y()), (int) Math.round(c.z()))).isTrue();
            assertThat(auto.mask().contains(0, 0, 0)).isFalse();
            assertThat(auto.mask().voxelCount()).isEqualTo(auto.measurement().voxelCount());
        }
    }

    @Test
    void correctionNextToAVesselStaysMonotone() {
        var g = Phantoms.geometry(72, 72, 32, 0.7, 1.25);
        Phantoms.Scene s = (x, y, z) -> {
            if (x * x + y * y + z * z <= 3.5 * 3.5) return 30;
            if (x > 0 && y * y + z * z <= 1.2 * 1.2) return 40; // 2.4 mm vessel leaving the nodule along +x
            return -860;
        };
        try (ShortVolume v = Phantoms.render(g, s, 10, 9)) {
            assertMonotone(new NoduleSegmenter().prepare(v, REF, new Vec3(0, 0, 0)), -150, -700);
        }
    }

    @Test
    void thresholdOutsideBackgroundToBodyIsRefused() {
        var g = Phantoms.geometry(64, 64, 32, 0.7, 1.25);
        try (ShortVolume v = Phantoms.render(g, Phantoms.sphere(new Vec3(0, 0, 0), 4, 30, -850), 10, 1)) {
            NoduleClick click = new NoduleSegmenter().prepare(v, REF, new Vec3(0, 0, 0));
            assertThatThrownBy(() -> click.segment(-950)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("background");
            assertThatThrownBy(() -> click.segment(100)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("attenuation");
        }
    }
}
