package org.noduletrack.samples.generator;

import org.noduletrack.dicom.geom.Vec3;

/**
 * A rigid transform x -> R x + t in patient LPS mm. The rotation is stored row-major and copied in and out.
 */
public record Rigid3(double[] rotationRowMajor, Vec3 translationMm) {
    public Rigid3 {
        if (rotationRowMajor.length != 9) {
            throw new IllegalArgumentException("rotation needs 9 values");
        }
        rotationRowMajor = rotationRowMajor.clone();
    }

    public static Rigid3 identity() {
        return new Rigid3(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Vec3.ZERO);
    }

    /** Rotation R = Rz(c) Ry(b) Rx(a) (degrees) about {@code centre}, then translation {@code t}: x -> R (x - centre) + centre + t. */
    public static Rigid3 aboutCentre(double aDeg, double bDeg, double cDeg, Vec3 centre, Vec3 t) {
        double[] r = rotationZyx(aDeg, bDeg, cDeg);
        Vec3 rc = apply(r, centre);
        return new Rigid3(r, centre.minus(rc).plus(t));
    }

    public static double[] rotationZyx(double aDeg, double bDeg, double cDeg) {
        double a = Math.toRadians(aDeg);
        double b = Math.toRadians(bDeg);
        double c = Math.toRadians(cDeg);
        double[] rx = {1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a)};
        double[] ry = {Math.cos(b), 0, Math.sin(b), 0, 1, 0, -Math.sin(b), 0, Math.cos(b)};
        double[] rz = {Math.cos(c), -Math.sin(c), 0, Math.sin(c), Math.cos(c), 0, 0, 0, 1};
        return multiply(rz, multiply(ry, rx));
    }

    @Override
    public double[] rotationRowMajor() { return rotationRowMajor.clone(); }

    public Vec3 apply(Vec3 p) { return apply(rotationRowMajor, p).plus(translationMm); }

    /** R p without the translation (directions). */
    public Vec3 rotate(Vec3 p) { return apply(rotationRowMajor, p); }

    public Rigid3 inverse() {
        double[] rt = transpose(rotationRowMajor);
        return new Rigid3(rt, apply(rt, translationMm).times(-1));
    }

    /** The 4x4 homogeneous matrix, row-major (what the ground truth JSON stores). */
    public double[] matrix4x4RowMajor() {
        double[] r = rotationRowMajor;
        return new double[] {r[0], r[1], r[2], translationMm.x(), r[3], r[4], r[5], translationMm.y(),
            r[6], r[7], r[8], translationMm.z(), 0, 0, 0, 1};
    }

    static Vec3 apply(double[] r, Vec3 p) {
        return new Vec3(r[0] * p.x() + r[1] * p.y() + r[2] * p.z(), r[3] * p.x() + r[4] * p.y() + r[5] * p.z(),
                r[6] * p.x() + r[7] * p.y() + r[8] * p.z());
    }

    static double[] multiply(double[] a, double[] b) {
        double[] m = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[3 * i + j] = a[3 * i] * b[j] + a[3 * i + 1] * b[3 + j] + a[3 * i + 2] * b[6 + j];
            }
        }
        return m;
    }

    static double[] transpose(double[] a) {
        return new double[] {a[0], a[3], a[6], a[1], a[4], a[7], a[2], a[5], a[8]};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rigid3 r && java.util.Arrays.equals(r.rotationRowMajor, rotationRowMajor) && r.translationMm.equals(translationMm);
    }

    @Override
    public int hashCode() { return java.util.Arrays.hashCode(rotationRowMajor) * 31 + translationMm.hashCode(); }

    @Override
    public String toString() { return "Rigid3" + java.util.Arrays.toString(matrix4x4RowMajor()); }
}
