package org.noduletrack.render.geom;

import java.util.Arrays;
import org.noduletrack.dicom.geom.Vec3;

/**
 * An affine map of 3D space as a row-major 3×4 matrix {@code [m00 m01 m02 t0; m10 m11 m12 t1; m20 m21 m22 t2]}:
 * {@code y = M·x + t}. Name instances by the frames they connect ({@code ijkToLps}, {@code lpsToIjk}).
 */
public record Affine3(double[] rowMajor) {
    public static final Affine3 IDENTITY = new Affine3(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0});

    public Affine3 {
        if (rowMajor.length != 12) {
            throw new IllegalArgumentException("an affine map needs 12 values (3x4 row-major), not " + rowMajor.length);
        }
        rowMajor = rowMajor.clone();
        for (double v : rowMajor) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("non-finite matrix entry: " + Arrays.toString(rowMajor));
            }
        }
    }

    /** The map {@code x ↦ origin + x.x·axisX + x.y·axisY + x.z·axisZ} (the axes are the matrix columns). */
    public static Affine3 fromColumns(Vec3 axisX, Vec3 axisY, Vec3 axisZ, Vec3 origin) {
        return new Affine3(new double[] {
                axisX.x(), axisY.x(), axisZ.x(), origin.x(),
                axisX.y(), axisY.y(), axisZ.y(), origin.y(),
                axisX.z(), axisY.z(), axisZ.z(), origin.z()});
    }

    @Override
    public double[] rowMajor() { return rowMajor.clone(); }

    public double get(int row, int column) { return rowMajor[row * 4 + column]; }

    public Vec3 applyToPoint(Vec3 p) {
        double[] m = rowMajor;
        return new Vec3(m[0] * p.x() + m[1] * p.y() + m[2] * p.z() + m[3],
                m[4] * p.x() + m[5] * p.y() + m[6] * p.z() + m[7],
                m[8] * p.x() + m[9] * p.y() + m[10] * p.z() + m[11]);
    }

    /** Applies only the linear part (directions and displacements are not translated). */
    public Vec3 applyToVector(Vec3 v) {
        double[] m = rowMajor;
        return new Vec3(m[0] * v.x() + m[1] * v.y() + m[2] * v.z(),
                m[4] * v.x() + m[5] * v.y() + m[6] * v.z(),
                m[8] * v.x() + m[9] * v.y() + m[10] * v.z());
    }

    /** {@code this} after {@code first}: {@code x ↦ this(first(x))}. */
    public Affine3 after(Affine3 first) {
        double[] a = rowMajor, b = first.rowMajor;
        double[] r = new double[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                double s = j == 3 ? a[i * 4 + 3] : 0;
                for (int k = 0; k < 3; k++) {
                    s += a[i * 4 + k] * b[k * 4 + j];
                }
                r[i * 4 + j] = s;
            }
        }
        return new Affine3(r);
    }

    public double determinant() {
        double[] m = rowMajor;
        return m[0] * (m[5] * m[10] - m[6] * m[9]) - m[1] * (m[4] * m[10] - m[6] * m[8]) + m[2] * (m[4] * m[9] - m[5] * m[8]);
    }

    /** The inverse map; throws for a singular matrix (a bug: geometry records never build one). */
    public Affine3 inverse() {
        double[] m = rowMajor;
        double det = determinant();
        if (Math.abs(det) < 1e-12) {
            throw new IllegalStateException("singular affine map: " + this);
        }
        double[] inv = new double[12];
        inv[0] = (m[5] * m[10] - m[6] * m[9]) / det;
        inv[1] = (m[2] * m[9] - m[1] * m[10]) / det;
        inv[2] = (m[1] * m[6] - m[2] * m[5]) / det;
        inv[4] = (m[6] * m[8] - m[4] * m[10]) / det;
        inv[5] = (m[0] * m[10] - m[2] * m[8]) / det;
        inv[6] = (m[2] * m[4] - m[0] * m[6]) / det;
        inv[8] = (m[4] * m[9] - m[5] * m[8]) / det;
        inv[9] = (m[1] * m[8] - m[0] * m[9]) / det;
        inv[10] = (m[0] * m[5] - m[1] * m[4]) / det;
        for (int i = 0; i < 3; i++) {
            inv[i * 4 + 3] = -(inv[i * 4] * m[3] + inv[i * 4 + 1] * m[7] + inv[i * 4 + 2] * m[11]);
        }
        return new Affine3(inv);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Affine3 a && Arrays.equals(rowMajor, a.rowMajor);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(rowMajor); }

    @Override
    public String toString() { return "Affine3" + Arrays.toString(rowMajor); }
}
