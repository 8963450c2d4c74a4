package org.noduletrack.render.geom;

/** Voxel counts along i (columns), j (rows) and k (slices). */
public record Extent(int nx, int ny, int nz) {
    public Extent {
        if (nx < 1 || ny < 1 || nz < 1) {
            throw new IllegalArgumentException("extent must be at least 1x1x1: " + nx + "x" + ny + "x" + nz);
        }
    }

    public long voxelCount() { return (long) nx * ny * nz; }

    public int sliceVoxels() { return nx * ny; }

    @Override
    public String toString() { return nx + "x" + ny + "x" + nz; }
}
