package org.noduletrack.nodule.mesh;

import java.util.Objects;
import org.noduletrack.render.geom.Affine3;

/** Values on a voxel grid, i fastest, with the grid's voxel-centre → LPS mm map. The array is copied in and out. */
public record ScalarField(int nx, int ny, int nz, Affine3 ijkToLps, float[] values) {
    public ScalarField {
        Objects.requireNonNull(ijkToLps, "ijkToLps");
        if (nx <= 0 || ny <= 0 || nz <= 0 || (long) nx * ny * nz != values.length) {
            throw new IllegalArgumentException("field " + nx + "x" + ny + "x" + nz + " with " + values.length + " values");
        }
        values = values.clone();
    }

    @Override
    public float[] values() { return values.clone(); }

    /**
     * A mask as a smooth occupancy: each axis filtered with the kernel [1, 2, 1] / 4 (a small Gaussian, variance half a
     * voxel), so level sets follow a smooth boundary between set and unset voxel centres instead of voxel faces.
     */
    public static ScalarField smoothedOccupancy(VoxelMask mask) {
        int nx = mask.nx(), ny = mask.ny(), nz = mask.nz();
        boolean[] m = mask.voxels();
        float[] a = new float[m.length];
        for (int i = 0; i < m.length; i++) a[i] = m[i] ? 1 : 0;
        a = smoothAxis(a, nx, ny, nz, 1, nx);
        a = smoothAxis(a, nx, ny, nz, nx, ny);
        a = smoothAxis(a, nx, ny, nz, nx * ny, nz);
        return new ScalarField(nx, ny, nz, mask.ijkToLps(), a);
    }

    private static float[] smoothAxis(float[] in, int nx, int ny, int nz, int stride, int length) {
        float[] out = new float[in.length];
        for (int idx = 0; idx < in.length; idx++) {
            int pos = idx / stride % length;
            float left = pos > 0 ? in[idx - stride] : 0, right = pos < length - 1 ? in[idx + stride] : 0;
            out[idx] = 0.25f * left + 0.5f * in[idx] + 0.25f * right;
        }
        return out;
    }
}
