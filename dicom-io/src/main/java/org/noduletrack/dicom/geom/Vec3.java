package org.noduletrack.dicom.geom;

/** A vector or point in patient LPS millimetres (x: towards patient left, y: posterior, z: head). */
public record Vec3(double x, double y, double z) {
    public static final Vec3 ZERO = new Vec3(0, 0, 0);

    public Vec3 plus(Vec3 o) { return new Vec3(x + o.x, y + o.y, z + o.z); }

    public Vec3 minus(Vec3 o) { return new Vec3(x - o.x, y - o.y, z - o.z); }

    public Vec3 times(double s) { return new Vec3(x * s, y * s, z * s); }

    public double dot(Vec3 o) { return x * o.x + y * o.y + z * o.z; }

    public Vec3 cross(Vec3 o) { return new Vec3(y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x); }

    public double length() { return Math.sqrt(dot(this)); }

    public Vec3 normalized() {
        double l = length();
        if (l == 0) {
            throw new IllegalStateException("zero vector has no direction");
        }
        return times(1 / l);
    }

    public double distanceTo(Vec3 o) { return minus(o).length(); }
}
