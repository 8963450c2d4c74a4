package org.noduletrack.nodule.registration;

import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.geom.Affine3;

/**
 * A rigid map of patient space {@code x ↦ R·(x − c) + c + t} with R = Rz·Ry·Rx (angles in radians) about a fixed centre
 * c (LPS mm). Used as fixed LPS → moving LPS.
 */
public record RigidTransform(double rx, double ry, double rz, double tx, double ty, double tz, Vec3 centre) {
    public static RigidTransform identity(Vec3 centre) {
        return new RigidTransform(0, 0, 0, 0, 0, 0, centre);
    }

    static RigidTransform of(double[] p, Vec3 centre) {
        return new RigidTransform(p[0], p[1], p[2], p[3], p[4], p[5], centre);
    }

    double[] params() { return new double[] {rx, ry, rz, tx, ty, tz}; }

    public Affine3 toAffine() {
        double cx = Math.cos(rx), sx = Math.sin(rx), cy = Math.cos(ry), sy = Math.sin(ry), cz = Math.cos(rz), sz = Math.sin(rz);
        // R = Rz * Ry * Rx
        double[] r = {
                cz * cy, cz * sy * sx - sz * cx, cz * sy * cx + sz * sx,
                sz * cy, sz * sy * sx + cz * cx, sz * sy * cx - cz * sx,
                -sy, cy * sx, cy * cx};
        double[] m = new double[12];
        for (int i = 0; i < 3; i++) {
            m[i * 4] = r[i * 3];
            m[i * 4 + 1] = r[i * 3 + 1];
            m[i * 4 + 2] = r[i * 3 + 2];
            double rc = r[i * 3] * centre.x() + r[i * 3 + 1] * centre.y() + r[i * 3 + 2] * centre.z();
            double ci = i == 0 ? centre.x() : i == 1 ? centre.y() : centre.z();
            double ti = i == 0 ? tx : i == 1 ? ty : tz;
            m[i * 4 + 3] = ci - rc + ti;
        }
        return new Affine3(m);
    }

    /** The 4×4 row-major homogeneous matrix. */
    public static double[] matrix4x4RowMajor(Affine3 a) {
        double[] m = a.rowMajor();
        return new double[] {m[0], m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8], m[9], m[10], m[11], 0, 0, 0, 1};
    }
}
