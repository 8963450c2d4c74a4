package org.noduletrack.render.api;

/**
 * How a reslicer samples between voxel centres. Both use voxel centres at integer (i, j, k); points more than half a
 * voxel outside the grid read as background, points within half a voxel of the edge clamp to it (GL's CLAMP_TO_EDGE).
 */
public enum Interpolation {
    /** The voxel whose centre is nearest: index {@code floor(x + 0.5)}. */
    NEAREST,
    /** Weighted mean of the 8 surrounding voxels. */
    TRILINEAR
}
