package org.noduletrack.app.viewmodel;

import java.util.Locale;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.geom.PlaneLps;

/**
 * A measurement drawn on a slice, in patient LPS mm (independent of zoom, pan and screen size): a length line from
 * {@code a} to {@code b}, or an ellipse ROI whose bounding box has opposite corners {@code a} and {@code b} on the plane
 * spanned by {@code rowDirection} and {@code columnDirection}. Keyed by series UID and frame of reference.
 */
public record Measurement(String id, Kind kind, String seriesUid, String frameOfReference, Vec3 a, Vec3 b,
                          Vec3 rowDirection, Vec3 columnDirection) {
    public enum Kind { LENGTH, ELLIPSE }

    public Vec3 normal() { return rowDirection.cross(columnDirection).normalized(); }

    /** Position of the measurement's plane along its normal (LPS mm). */
    public double positionMm() { return a.dot(normal()); }

    public double lengthMm() { return b.minus(a).length(); }

    public Vec3 center() { return a.plus(b).times(0.5); }

    /** Semi-axis along the row direction (mm). */
    public double radiusRowMm() { return Math.abs(b.minus(a).dot(rowDirection)) / 2; }

    /** Semi-axis along the column direction (mm). */
    public double radiusColumnMm() { return Math.abs(b.minus(a).dot(columnDirection)) / 2; }

    /** Geometric area of the ellipse (mm²). */
    public double ellipseAreaMm2() { return Math.PI * radiusRowMm() * radiusColumnMm(); }

    public Measurement withB(Vec3 newB) {
        return new Measurement(id, kind, seriesUid, frameOfReference, a, newB, rowDirection, columnDirection);
    }

    /**
     * Whether the measurement lies on the plane a view shows: same orientation and within half a slice of it.
     */
    public boolean onPlane(PlaneLps plane, double sliceStepMm) {
        Vec3 n = plane.normal();
        if (Math.abs(Math.abs(n.dot(normal())) - 1) > 1e-4) {
            return false;
        }
        return Math.abs(a.minus(plane.centerLps()).dot(n)) < sliceStepMm / 2 + 1e-6;
    }

    static String format(Vec3 v) {
        return String.format(Locale.ROOT, "%.6f,%.6f,%.6f", v.x(), v.y(), v.z());
    }

    static Vec3 parse(String s) {
        String[] p = s.split(",");
        return new Vec3(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]));
    }
}
