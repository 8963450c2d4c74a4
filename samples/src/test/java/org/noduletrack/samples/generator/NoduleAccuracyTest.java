package org.noduletrack.samples.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.noduletrack.dicom.geom.Vec3;

/** The evidence the issue asks for: volumes within 1 %, transforms land on the same anatomy. */
class NoduleAccuracyTest {
    private final DemoPatientGenerator g = SharedGenerator.get();
    private final PatientPlan plan = g.plan(GeneratorOptions.defaults(7, 3));

    @Test
    void renderedVolumeMatchesGroundTruthWithinOnePercent() {
        NoduleRenderer renderer = new NoduleRenderer(0.12);
        double worst = 0;
        for (PatientPlan.TimepointPlan tp : plan.timepoints()) {
            for (PlacedNodule n : plan.placedAt(tp.index())) {
                double measured = renderer.renderedVolumeMm3(tp.grid(), n, 1);
                double err = Math.abs(measured / n.volumeMm3() - 1);
                worst = Math.max(worst, err);
                assertThat(err).as("%s at tp %d: %f vs %f", n.spec().id(), tp.index(), measured, n.volumeMm3()).isLessThan(0.01);
                if (n.spec().type() == NoduleType.PART_SOLID) {
                    double core = renderer.renderedVolumeMm3(tp.grid(), n, n.spec().solidCoreRatio());
                    assertThat(core / n.solidVolumeMm3() - 1).isCloseTo(0, within(0.01));
                }
            }
        }
        System.out.printf("worst rendered-volume error %.3f %%%n", 100 * worst);
    }

    @Test
    void volumeFromImageIntensitiesMatches() {
        // render into a uniform -850 HU background (no noise): sum((v - bg) / (H - bg)) * voxel volume is the volume
        PatientPlan.TimepointPlan tp = plan.timepoints().get(1);
        NoduleRenderer renderer = new NoduleRenderer(0.12);
        for (PlacedNodule n : plan.placedAt(1)) {
            if (n.spec().type() == NoduleType.PART_SOLID) {
                continue;
            }
            VoxelGrid grid = tp.grid();
            double sum = 0;
            for (int k = 0; k < grid.nz(); k++) {
                if (Math.abs(grid.ijkToLps(0, 0, k).z() - n.centreMm().z()) > n.boundingRadiusMm() + grid.spacingZMm()) {
                    continue;
                }
                float[] slice = new float[grid.voxelsPerSlice()];
                Arrays.fill(slice, -850f);
                renderer.render(slice, grid, k, List.of(n));
                // blur preserves the integral: apply the reconstruction blur too
                SliceFilters.gaussianBlur(slice, grid.nx(), grid.ny(), 1.0, 1.0);
                for (float v : slice) {
                    sum += (v + 850) / (n.spec().attenuationHu() + 850);
                }
            }
            assertThat(sum * grid.voxelVolumeMm3() / n.volumeMm3()).as(n.spec().id()).isCloseTo(1, within(0.01));
        }
    }

    @Test
    void lobulatedQuadratureMatchesFineVoxelCounting() {
        for (var spec : plan.nodules()) {
            if (!(spec.shape() instanceof NoduleShape.Lobulated l)) {
                continue;
            }
            double h = 0.08;
            double r = l.maxRadius();
            long inside = 0;
            for (double z = -r + h / 2; z < r; z += h) {
                for (double y = -r + h / 2; y < r; y += h) {
                    for (double x = -r + h / 2; x < r; x += h) {
                        if (l.contains(new Vec3(x, y, z), 1)) {
                            inside++;
                        }
                    }
                }
            }
            assertThat(inside * h * h * h / l.volumeMm3()).isCloseTo(1, within(0.005));
        }
    }

    @Test
    void statedTransformMapsNoduleCentresOntoTheSameAnatomy() {
        NoduleRenderer renderer = new NoduleRenderer(0.12);
        for (PatientPlan.TimepointPlan tp : plan.timepoints()) {
            Resampler resampler = new Resampler(g.source().volume(), tp.transform());
            for (PlacedNodule n : plan.placedAt(tp.index())) {
                // exact round trip of the stated map
                assertThat(tp.transform().toBaseline(n.centreMm()).distanceTo(n.spec().centreBaselineMm())).isLessThan(1e-6);
                // the generated image (no noise) shows the nodule at the stated centre...
                Vec3 ijk = tp.grid().lpsToIjk(n.centreMm());
                int k = (int) Math.round(ijk.z());
                float[] slice = g.renderSlice(plan, tp, k, plan.placedAt(tp.index()), renderer, resampler, false);
                int i = (int) Math.round(ijk.x());
                int j = (int) Math.round(ijk.y());
                double expected = n.spec().type() == NoduleType.PART_SOLID ? n.spec().coreAttenuationHu() : n.spec().attenuationHu();
                assertThat((double) slice[j * tp.grid().nx() + i]).as("%s tp %d", n.spec().id(), tp.index())
                        .isCloseTo(expected, within(60.0));
                // ...and 20 mm away the anatomy equals the baseline's at the mapped point (the map is what was sampled)
                Vec3 off = n.centreMm().plus(new Vec3(0, 0, 20));
                int kk = (int) Math.round(tp.grid().lpsToIjk(off).z());
                if (kk >= 0 && kk < tp.grid().nz()) {
                    float[] s2 = g.renderSlice(plan, tp, kk, List.of(), renderer, resampler, false);
                    Vec3 p = tp.grid().ijkToLps(i, j, kk);
                    assertThat((double) s2[j * tp.grid().nx() + i])
                            .isCloseTo(g.source().volume().sample(tp.transform().toBaseline(p)), within(0.5));
                }
            }
        }
    }

    @Test
    void planIsDeterministicAndMotionWithinLimits() {
        PatientPlan again = g.plan(GeneratorOptions.defaults(7, 3));
        assertThat(again.nodules().stream().map(NoduleSpec::centreBaselineMm).toList())
                .isEqualTo(plan.nodules().stream().map(NoduleSpec::centreBaselineMm).toList());
        for (PatientPlan.TimepointPlan tp : plan.timepoints()) {
            for (double a : tp.rotationDegXyz()) {
                assertThat(Math.abs(a)).isLessThanOrEqualTo(5);
            }
            assertThat(Math.abs(tp.translationMm().x())).isLessThanOrEqualTo(20);
            assertThat(Math.abs(tp.translationMm().z())).isLessThanOrEqualTo(20);
            assertThat(Math.hypot(tp.transform().deformation().amplitudeSiMm(), tp.transform().deformation().amplitudeApMm()))
                    .isLessThanOrEqualTo(7);
        }
        assertThat(plan.nodules()).hasSize(7);
    }
}
