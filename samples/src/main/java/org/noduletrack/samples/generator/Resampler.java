package org.noduletrack.samples.generator;

import org.noduletrack.dicom.geom.Vec3;

/**
 * Pulls the baseline anatomy into one axial slice of a timepoint's grid through its {@link TimepointTransform}
 * (trilinear). Work is per slice so slices can be produced in parallel and in any order with identical results.
 */
public final class Resampler {
    private final CtVolume baseline;
    private final TimepointTransform t;
    private final WeightTable w;

    public Resampler(CtVolume baseline, TimepointTransform t) {
        this.baseline = baseline;
        this.t = t;
        this.w = new WeightTable(t.deformation());
    }

    public float[] slice(VoxelGrid grid, int k) {
        float[] out = new float[grid.voxelsPerSlice()];
        VoxelGrid src = baseline.grid();
        double[] r = t.currentToBaselineRigid().rotationRowMajor();
        BreathingDeformation d = t.deformation();
        Vec3 step = new Vec3(r[0] * grid.spacingXMm(), r[3] * grid.spacingXMm(), r[6] * grid.spacingXMm());
        for (int j = 0; j < grid.ny(); j++) {
            Vec3 p = t.currentToBaselineRigid().apply(grid.ijkToLps(0, j, k));
            double x = p.x();
            double y = p.y();
            double z = p.z();
            int row = j * grid.nx();
            for (int i = 0; i < grid.nx(); i++) {
                double g = w.at(z);
                double yy = y + d.amplitudeApMm() * g;
                double zz = z + d.amplitudeSiMm() * g;
                out[row + i] = baseline.sampleIjk((x - src.originLps().x()) / src.spacingXMm(),
                        (yy - src.originLps().y()) / src.spacingYMm(), (zz - src.originLps().z()) / src.spacingZMm());
                x += step.x();
                y += step.y();
                z += step.z();
            }
        }
        return out;
    }

    /** g(z) tabulated every 0.01 mm within 6 sigma of the diaphragm (exp per voxel doubled the resampling time). */
    private static final class WeightTable {
        private static final double STEP = 0.01;
        private final double z0;
        private final double[] g;

        WeightTable(BreathingDeformation d) {
            double span = 6 * d.sigmaMm();
            z0 = d.diaphragmZMm() - span;
            int n = (int) Math.ceil(2 * span / STEP) + 2;
            g = new double[(d.amplitudeApMm() == 0 && d.amplitudeSiMm() == 0) ? 0 : n];
            for (int i = 0; i < g.length; i++) {
                g[i] = d.weight(z0 + i * STEP);
            }
        }

        double at(double z) {
            double f = (z - z0) / STEP;
            if (f < 0 || f >= g.length - 1) {
                return 0; // beyond 6 sigma the weight is < 1.6e-8
            }
            int i = (int) f;
            double t = f - i;
            return g[i] + t * (g[i + 1] - g[i]);
        }
    }
}
