package org.noduletrack.render.geom;

import org.noduletrack.dicom.geom.Vec3;

/**
 * Row and column directions of an image in LPS, radiological convention: axial seen from the feet (patient right on the
 * image left, anterior up), coronal seen from the front (right on the left, head up), sagittal seen from the patient's
 * left (anterior on the left, head up).
 */
public record ViewOrientation(Vec3 rowDirection, Vec3 columnDirection) {
    public static final ViewOrientation AXIAL = new ViewOrientation(new Vec3(1, 0, 0), new Vec3(0, 1, 0));
    public static final ViewOrientation CORONAL = new ViewOrientation(new Vec3(1, 0, 0), new Vec3(0, 0, -1));
    public static final ViewOrientation SAGITTAL = new ViewOrientation(new Vec3(0, 1, 0), new Vec3(0, 0, -1));

    public ViewOrientation {
        rowDirection = rowDirection.normalized();
        columnDirection = columnDirection.normalized();
        if (Math.abs(rowDirection.dot(columnDirection)) > 1e-6) {
            throw new IllegalArgumentException("row and column directions are not perpendicular");
        }
    }

    public Vec3 normal() { return rowDirection.cross(columnDirection).normalized(); }

    /**
     * A double-oblique view: this orientation turned by {@code aboutLrDegrees} about the patient's left-right axis (x:
     * tilts an axial view towards coronal), then by {@code aboutApDegrees} about the anterior-posterior axis (y).
     */
    public ViewOrientation rotated(double aboutLrDegrees, double aboutApDegrees) {
        double a = Math.toRadians(aboutLrDegrees), b = Math.toRadians(aboutApDegrees);
        return new ViewOrientation(rotate(rowDirection, a, b), rotate(columnDirection, a, b));
    }

    private static Vec3 rotate(Vec3 v, double a, double b) {
        // about x by a
        Vec3 r = new Vec3(v.x(), v.y() * Math.cos(a) - v.z() * Math.sin(a), v.y() * Math.sin(a) + v.z() * Math.cos(a));
        // about y by b
        return new Vec3(r.x() * Math.cos(b) + r.z() * Math.sin(b), r.y(), -r.x() * Math.sin(b) + r.z() * Math.cos(b));
    }
}
