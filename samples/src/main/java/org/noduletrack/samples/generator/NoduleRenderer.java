package org.noduletrack.samples.generator;

import java.util.List;
import org.noduletrack.dicom.geom.Vec3;

/**
 * Inserts nodules into axial slices with partial-volume rendering: a voxel's occupancy is the fraction of a regular
 * sub-grid (about {@code stepMm} apart, centred in the voxel, i.e. the box-shaped voxel and slice profile) that lies
 * inside the body. Only voxels the boundary may cross are supersampled. A voxel then becomes
 * v + f * max(0, H - v): nodules add attenuation, so vessels and chest wall keep showing through ground glass.
 */
public final class NoduleRenderer {
    private final double stepMm;

    public NoduleRenderer(double stepMm) {
        if (stepMm <= 0) {
            throw new IllegalArgumentException("step must be positive");
        }
        this.stepMm = stepMm;
    }

    /** Adds every nodule touching slice {@code k} of {@code grid} to {@code slice} (HU, x fastest). */
    public void render(float[] slice, VoxelGrid grid, int k, List<PlacedNodule> nodules) {
        double z = grid.ijkToLps(0, 0, k).z();
        for (PlacedNodule n : nodules) {
            double r = n.boundingRadiusMm();
            if (Math.abs(z - n.centreMm().z()) > r + grid.spacingZMm()) {
                continue;
            }
            Vec3 lo = grid.lpsToIjk(n.centreMm().minus(new Vec3(r, r, 0)));
            Vec3 hi = grid.lpsToIjk(n.centreMm().plus(new Vec3(r, r, 0)));
            int i0 = Math.max(0, (int) Math.floor(lo.x()) - 1);
            int i1 = Math.min(grid.nx() - 1, (int) Math.ceil(hi.x()) + 1);
            int j0 = Math.max(0, (int) Math.floor(lo.y()) - 1);
            int j1 = Math.min(grid.ny() - 1, (int) Math.ceil(hi.y()) + 1);
            boolean partSolid = n.spec().type() == NoduleType.PART_SOLID;
            for (int j = j0; j <= j1; j++) {
                for (int i = i0; i <= i1; i++) {
                    double f = fraction(grid, i, j, k, n, 1.0);
                    if (f <= 0) {
                        continue;
                    }
                    int idx = j * grid.nx() + i;
                    float v = slice[idx];
                    v += (float) (f * Math.max(0, n.spec().attenuationHu() - v));
                    if (partSolid) {
                        double fc = fraction(grid, i, j, k, n, n.spec().solidCoreRatio());
                        v += (float) (fc * Math.max(0, n.spec().coreAttenuationHu() - v));
                    }
                    slice[idx] = v;
                }
            }
        }
    }

    /** Occupancy of voxel (i,j,k) by the nodule body scaled by {@code coreRatio} (1 = whole nodule). */
    public double fraction(VoxelGrid grid, int i, int j, int k, PlacedNodule n, double coreRatio) {
        Vec3 c = grid.ijkToLps(i, j, k);
        Vec3 u = n.toLocal(c);
        double scale = n.scale() * coreRatio;
        NoduleShape shape = n.spec().shape();
        double halfDiag = 0.5 * Math.sqrt(grid.spacingXMm() * grid.spacingXMm() + grid.spacingYMm() * grid.spacingYMm()
                + grid.spacingZMm() * grid.spacingZMm());
        double len = u.length();
        if (len - halfDiag > shape.maxRadius() * scale) {
            return 0;
        }
        if (len + halfDiag < shape.minRadius() * scale) {
            return 1;
        }
        int nx = Math.max(2, (int) Math.ceil(grid.spacingXMm() / stepMm));
        int ny = Math.max(2, (int) Math.ceil(grid.spacingYMm() / stepMm));
        int nz = Math.max(2, (int) Math.ceil(grid.spacingZMm() / stepMm));
        double[] m = n.currentToLocal();
        // local offsets of the sub-grid axes: columns of the current->local rotation times the sub-step
        double ax = grid.spacingXMm() / nx;
        double ay = grid.spacingYMm() / ny;
        double az = grid.spacingZMm() / nz;
        int inside = 0;
        for (int c3 = 0; c3 < nz; c3++) {
            double dz = (c3 + 0.5) * az - grid.spacingZMm() / 2;
            for (int b = 0; b < ny; b++) {
                double dy = (b + 0.5) * ay - grid.spacingYMm() / 2;
                for (int a = 0; a < nx; a++) {
                    double dx = (a + 0.5) * ax - grid.spacingXMm() / 2;
                    Vec3 p = new Vec3(u.x() + m[0] * dx + m[1] * dy + m[2] * dz, u.y() + m[3] * dx + m[4] * dy + m[5] * dz,
                            u.z() + m[6] * dx + m[7] * dy + m[8] * dz);
                    if (shape.contains(p, scale)) {
                        inside++;
                    }
                }
            }
        }
        return inside / (double) (nx * ny * nz);
    }

    /** Sum of occupancies times voxel volume over the whole grid: the volume this renderer puts into an image. */
    public double renderedVolumeMm3(VoxelGrid grid, PlacedNodule n, double coreRatio) {
        double r = n.boundingRadiusMm();
        Vec3 lo = grid.lpsToIjk(n.centreMm().minus(new Vec3(r, r, r)));
        Vec3 hi = grid.lpsToIjk(n.centreMm().plus(new Vec3(r, r, r)));
        double sum = 0;
        for (int k = Math.max(0, (int) Math.floor(lo.z()) - 1); k <= Math.min(grid.nz() - 1, (int) Math.ceil(hi.z()) + 1); k++) {
            for (int j = Math.max(0, (int) Math.floor(lo.y()) - 1); j <= Math.min(grid.ny() - 1, (int) Math.ceil(hi.y()) + 1); j++) {
                for (int i = Math.max(0, (int) Math.floor(lo.x()) - 1); i <= Math.min(grid.nx() - 1, (int) Math.ceil(hi.x()) + 1); i++) {
                    sum += fraction(grid, i, j, k, n, coreRatio);
                }
            }
        }
        return sum * grid.voxelVolumeMm3();
    }
}
