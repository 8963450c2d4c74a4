package org.noduletrack.samples.generator;

import org.noduletrack.dicom.geom.Vec3;

/**
 * A CT volume in Hounsfield units on a {@link VoxelGrid}, read-only after construction. The HU array is owned (never
 * handed out) so the volume stays immutable without copying tens of megabytes per access.
 */
public final class CtVolume {
    /** Value outside the scanned volume and of padding pixels: air. */
    public static final float OUTSIDE_HU = -1000f;

    private final VoxelGrid grid;
    private final short[] hu;

    /** @param hu HU values, x fastest then y then z; the array is taken over, the caller must not keep it */
    public CtVolume(VoxelGrid grid, short[] hu) {
        if (hu.length != (long) grid.nx() * grid.ny() * grid.nz()) {
            throw new IllegalArgumentException(hu.length + " values for grid " + grid);
        }
        this.grid = grid;
        this.hu = hu;
    }

    public VoxelGrid grid() { return grid; }

    public int hu(int i, int j, int k) { return hu[(k * grid.ny() + j) * grid.nx() + i]; }

    /** Trilinear interpolation at an LPS point; outside the grid reads as air. */
    public float sample(Vec3 p) {
        return sampleIjk((p.x() - grid.originLps().x()) / grid.spacingXMm(), (p.y() - grid.originLps().y()) / grid.spacingYMm(),
                (p.z() - grid.originLps().z()) / grid.spacingZMm());
    }

    /** Trilinear interpolation at a continuous voxel index; samples beyond the edge voxels clamp to them up to half a voxel. */
    public float sampleIjk(double fi, double fj, double fk) {
        int nx = grid.nx();
        int ny = grid.ny();
        int nz = grid.nz();
        if (fi < -0.5 || fj < -0.5 || fk < -0.5 || fi > nx - 0.5 || fj > ny - 0.5 || fk > nz - 0.5) {
            return OUTSIDE_HU;
        }
        fi = Math.clamp(fi, 0, nx - 1);
        fj = Math.clamp(fj, 0, ny - 1);
        fk = Math.clamp(fk, 0, nz - 1);
        int i0 = Math.min((int) fi, nx - 2 < 0 ? 0 : nx - 2);
        int j0 = Math.min((int) fj, ny - 2 < 0 ? 0 : ny - 2);
        int k0 = Math.min((int) fk, nz - 2 < 0 ? 0 : nz - 2);
        int i1 = Math.min(i0 + 1, nx - 1);
        int j1 = Math.min(j0 + 1, ny - 1);
        int k1 = Math.min(k0 + 1, nz - 1);
        double dx = fi - i0;
        double dy = fj - j0;
        double dz = fk - k0;
        int p00 = (k0 * ny + j0) * nx;
        int p01 = (k0 * ny + j1) * nx;
        int p10 = (k1 * ny + j0) * nx;
        int p11 = (k1 * ny + j1) * nx;
        double c00 = hu[p00 + i0] + dx * (hu[p00 + i1] - hu[p00 + i0]);
        double c01 = hu[p01 + i0] + dx * (hu[p01 + i1] - hu[p01 + i0]);
        double c10 = hu[p10 + i0] + dx * (hu[p10 + i1] - hu[p10 + i0]);
        double c11 = hu[p11 + i0] + dx * (hu[p11 + i1] - hu[p11 + i0]);
        double c0 = c00 + dy * (c01 - c00);
        double c1 = c10 + dy * (c11 - c10);
        return (float) (c0 + dz * (c1 - c0));
    }

    /** Nearest-voxel HU at an LPS point (air outside), for cheap anatomy tests. */
    public int nearest(Vec3 p) {
        Vec3 ijk = grid.lpsToIjk(p);
        int i = (int) Math.round(ijk.x());
        int j = (int) Math.round(ijk.y());
        int k = (int) Math.round(ijk.z());
        if (i < 0 || j < 0 || k < 0 || i >= grid.nx() || j >= grid.ny() || k >= grid.nz()) {
            return (int) OUTSIDE_HU;
        }
        return hu(i, j, k);
    }
}
