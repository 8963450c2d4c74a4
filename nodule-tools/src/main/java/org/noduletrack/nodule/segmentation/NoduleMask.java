package org.noduletrack.nodule.segmentation;

import java.util.BitSet;

/**
 * The voxels of one segmented nodule, as a box of the series' voxel grid: voxel (i, j, k) of the volume is inside when
 * {@link #contains} says so. Immutable; for drawing outlines and for audits.
 *
 * @param i0 / j0 / k0 volume voxel index of the box's first voxel
 * @param nx / ny / nz box size in voxels
 */
public record NoduleMask(int i0, int j0, int k0, int nx, int ny, int nz, BitSet voxels) {
    public static final NoduleMask EMPTY = new NoduleMask(0, 0, 0, 0, 0, 0, new BitSet());

    public NoduleMask {
        voxels = (BitSet) voxels.clone();
    }

    @Override
    public BitSet voxels() { return (BitSet) voxels.clone(); }

    static NoduleMask of(Crop c, boolean[] mask) {
        BitSet b = new BitSet(mask.length);
        for (int q = 0; q < mask.length; q++) if (mask[q]) b.set(q);
        return new NoduleMask(c.i0, c.j0, c.k0, c.nx, c.ny, c.nz, b);
    }

    /** True when voxel (i, j, k) of the series' volume belongs to the nodule. */
    public boolean contains(int i, int j, int k) {
        int x = i - i0, y = j - j0, z = k - k0;
        return x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz && voxels.get((z * ny + y) * nx + x);
    }

    public int voxelCount() { return voxels.cardinality(); }
}
