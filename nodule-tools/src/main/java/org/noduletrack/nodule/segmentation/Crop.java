package org.noduletrack.nodule.segmentation;

import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.VolumeGeometry;

/**
 * A box of a volume copied to the heap in modality units (HU), i fastest. Index (x, y, z) of the crop is voxel
 * (i0 + x, j0 + y, k0 + z) of the volume; voxels outside the volume read as {@code outsideHu}.
 */
final class Crop {
    final int i0, j0, k0, nx, ny, nz;
    final double sx, sy, sz;
    final float[] hu;
    final VolumeGeometry geometry;

    private Crop(VolumeGeometry g, int i0, int j0, int k0, int nx, int ny, int nz, float[] hu) {
        this.geometry = g;
        this.i0 = i0;
        this.j0 = j0;
        this.k0 = k0;
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.sx = g.spacingMm().x();
        this.sy = g.spacingMm().y();
        this.sz = g.spacingMm().z();
        this.hu = hu;
    }

    /** A box of half-size {@code halfMm} around a voxel position, clipped to the volume. */
    static Crop around(ShortVolume v, int ci, int cj, int ck, double halfMm) {
        VolumeGeometry g = v.geometry();
        int hx = (int) Math.ceil(halfMm / g.spacingMm().x()), hy = (int) Math.ceil(halfMm / g.spacingMm().y());
        int hz = (int) Math.ceil(halfMm / g.spacingMm().z());
        int i0 = Math.max(0, ci - hx), j0 = Math.max(0, cj - hy), k0 = Math.max(0, ck - hz);
        int i1 = Math.min(g.extent().nx() - 1, ci + hx), j1 = Math.min(g.extent().ny() - 1, cj + hy);
        int k1 = Math.min(g.extent().nz() - 1, ck + hz);
        int nx = i1 - i0 + 1, ny = j1 - j0 + 1, nz = k1 - k0 + 1;
        float[] hu = new float[nx * ny * nz];
        double slope = v.valueScale().slope(), icpt = v.valueScale().intercept();
        int n = 0;
        for (int k = k0; k <= k1; k++) {
            for (int j = j0; j <= j1; j++) {
                for (int i = i0; i <= i1; i++) {
                    hu[n++] = (float) (v.voxel(i, j, k) * slope + icpt);
                }
            }
        }
        return new Crop(g, i0, j0, k0, nx, ny, nz, hu);
    }

    int size() { return hu.length; }

    int index(int x, int y, int z) { return (z * ny + y) * nx + x; }

    boolean inside(int x, int y, int z) { return x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz; }

    Vec3 lpsOf(double x, double y, double z) { return geometry.voxelToLps(i0 + x, j0 + y, k0 + z); }

    double voxelVolumeMm3() { return sx * sy * sz; }
}
