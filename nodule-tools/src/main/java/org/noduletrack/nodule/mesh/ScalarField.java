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
     * A mask as occupancy fractions: each voxel becomes the share of set voxels in its 3×3×3 neighbourhood, so that the
     * 0.5 level set runs between set and unset voxel centres and follows a smooth boundary instead of voxel faces.
     */
    public static ScalarField smoothedOccupancy(VoxelMask mask) {
        int nx = mask.nx(), ny = mask.ny(), nz = mask.nz();
        boolean[] m = mask.voxels();
        float[] out = new float[m.length];
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    int set = 0;
                    for (int dk = -1; dk <= 1; dk++) {
                        for (int dj = -1; dj <= 1; dj++) {
                            for (int di = -1; di <= 1; di++) {
                                int a = i + di, b = j + dj, c = k + dk;
                                if (a >= 0 && b >= 0 && c >= 0 && a < nx && b < ny && c < nz && m[(c * ny + b) * nx + a]) {
                                    set++;
                                }
                            }
                        }
                    }
                    out[(k * ny + j) * nx + i] = set / 27f;
                }
            }
        }
        return new ScalarField(nx, ny, nz, mask.ijkToLps(), out);
    }
}
