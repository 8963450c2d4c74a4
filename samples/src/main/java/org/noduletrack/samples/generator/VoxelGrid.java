package org.noduletrack.samples.generator;

import org.noduletrack.dicom.geom.Vec3;

/**
 * An axial voxel grid whose axes are the patient LPS axes (Image Orientation 1\0\0\0\1\0, slices ascending in z): all
 * the generator needs, so no general orientation is carried. Scoped to samples; render-engine owns the real volume types.
 *
 * @param originLps centre of voxel (0,0,0), mm
 */
public record VoxelGrid(int nx, int ny, int nz, Vec3 originLps, double spacingXMm, double spacingYMm, double spacingZMm) {
    public VoxelGrid {
        if (nx < 1 || ny < 1 || nz < 1 || spacingXMm <= 0 || spacingYMm <= 0 || spacingZMm <= 0) {
            throw new IllegalArgumentException("empty grid or non-positive spacing");
        }
    }

    public Vec3 ijkToLps(double i, double j, double k) {
        return new Vec3(originLps.x() + i * spacingXMm, originLps.y() + j * spacingYMm, originLps.z() + k * spacingZMm);
    }

    /** Continuous voxel index of an LPS point. */
    public Vec3 lpsToIjk(Vec3 p) {
        return new Vec3((p.x() - originLps.x()) / spacingXMm, (p.y() - originLps.y()) / spacingYMm,
                (p.z() - originLps.z()) / spacingZMm);
    }

    public double voxelVolumeMm3() { return spacingXMm * spacingYMm * spacingZMm; }

    public int voxelsPerSlice() { return nx * ny; }

    /** True when the point lies inside the grid's voxel extent shrunk by {@code marginMm}. */
    public boolean contains(Vec3 p, double marginMm) {
        Vec3 ijk = lpsToIjk(p);
        return ijk.x() * spacingXMm >= marginMm - spacingXMm / 2 && (nx - 0.5 - ijk.x()) * spacingXMm >= marginMm
                && ijk.y() * spacingYMm >= marginMm - spacingYMm / 2 && (ny - 0.5 - ijk.y()) * spacingYMm >= marginMm
                && ijk.z() * spacingZMm >= marginMm - spacingZMm / 2 && (nz - 0.5 - ijk.z()) * spacingZMm >= marginMm;
    }

    public Vec3 centreLps() { return ijkToLps((nx - 1) / 2.0, (ny - 1) / 2.0, (nz - 1) / 2.0); }
}
