package org.noduletrack.nodule.mesh;

import java.util.Objects;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.geom.Affine3;

/**
 * A binary voxel mask on a box of a volume's grid, i fastest: voxel (i, j, k) of the box has its centre at
 * {@code ijkToLps · (i, j, k)} (LPS mm). Immutable: the array is copied in and out.
 */
public record VoxelMask(int nx, int ny, int nz, Affine3 ijkToLps, boolean[] voxels) {
    public VoxelMask {
        Objects.requireNonNull(ijkToLps, "ijkToLps");
        if (nx <= 0 || ny <= 0 || nz <= 0 || (long) nx * ny * nz != voxels.length) {
            throw new IllegalArgumentException("mask " + nx + "x" + ny + "x" + nz + " with " + voxels.length + " voxels");
        }
        voxels = voxels.clone();
    }

    @Override
    public boolean[] voxels() { return voxels.clone(); }

    public boolean contains(int i, int j, int k) {
        return i >= 0 && j >= 0 && k >= 0 && i < nx && j < ny && k < nz && voxels[(k * ny + j) * nx + i];
    }

    /** Whether the voxel nearest to a patient point is set. */
    public boolean containsLps(Vec3 p) {
        Vec3 v = ijkToLps.inverse().applyToPoint(p);
        return contains((int) Math.round(v.x()), (int) Math.round(v.y()), (int) Math.round(v.z()));
    }

    public int count() {
        int n = 0;
        for (boolean b : voxels) {
            if (b) n++;
        }
        return n;
    }

    /** Volume of one voxel in mm³ (|det| of the linear part). */
    public double voxelVolumeMm3() { return Math.abs(ijkToLps.determinant()); }
}
