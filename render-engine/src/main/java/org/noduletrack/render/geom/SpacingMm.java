package org.noduletrack.render.geom;

/** Distance between voxel centres along i, j and k, in millimetres. */
public record SpacingMm(double x, double y, double z) {
    public SpacingMm {
        if (!(x > 0) || !(y > 0) || !(z > 0) || !Double.isFinite(x + y + z)) {
            throw new IllegalArgumentException("spacing must be positive: " + x + ", " + y + ", " + z);
        }
    }

    public double finest() { return Math.min(x, Math.min(y, z)); }

    public double finestInPlane() { return Math.min(x, y); }
}
