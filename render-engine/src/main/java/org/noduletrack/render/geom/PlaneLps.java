package org.noduletrack.render.geom;

import org.noduletrack.dicom.geom.Vec3;

/**
 * An output image in patient space: pixel (x, y) — x to the right along {@code rowDirection}, y down along
 * {@code columnDirection} — has its centre at {@code centerLps + (x − (width−1)/2)·s·row + (y − (height−1)/2)·s·column}
 * with s = {@code pixelSpacingMm}. The normal is row × column (for the standard axial view, towards the head).
 */
public record PlaneLps(Vec3 centerLps, Vec3 rowDirection, Vec3 columnDirection, double pixelSpacingMm, int width, int height) {
    public static final double ORTHONORMAL_TOLERANCE = 1e-6;

    public PlaneLps {
        if (width < 1 || height < 1 || width > 16384 || height > 16384) {
            throw new IllegalArgumentException("plane size out of range: " + width + "x" + height);
        }
        if (!(pixelSpacingMm > 0) || !Double.isFinite(pixelSpacingMm)) {
            throw new IllegalArgumentException("pixel spacing must be positive: " + pixelSpacingMm);
        }
        rowDirection = rowDirection.normalized();
        columnDirection = columnDirection.normalized();
        if (Math.abs(rowDirection.dot(columnDirection)) > ORTHONORMAL_TOLERANCE) {
            throw new IllegalArgumentException("row and column directions are not perpendicular: " + rowDirection + ", " + columnDirection);
        }
    }

    public Vec3 normal() { return rowDirection.cross(columnDirection).normalized(); }

    /** Centre of pixel (0, 0), the top-left one. */
    public Vec3 firstPixelLps() {
        return centerLps.minus(rowDirection.times(pixelSpacingMm * (width - 1) / 2.0))
                .minus(columnDirection.times(pixelSpacingMm * (height - 1) / 2.0));
    }

    /** Centre of pixel (x, y); fractional coordinates allowed. */
    public Vec3 pixelToLps(double x, double y) {
        return firstPixelLps().plus(rowDirection.times(x * pixelSpacingMm)).plus(columnDirection.times(y * pixelSpacingMm));
    }

    /** Pixel coordinates of a point's projection and its signed distance from the plane along the normal, in mm. */
    public PlanePoint lpsToPlane(Vec3 p) {
        Vec3 d = p.minus(firstPixelLps());
        return new PlanePoint(d.dot(rowDirection) / pixelSpacingMm, d.dot(columnDirection) / pixelSpacingMm, d.dot(normal()));
    }

    /** The same plane moved along its normal by {@code mm}. */
    public PlaneLps offsetAlongNormal(double mm) {
        return new PlaneLps(centerLps.plus(normal().times(mm)), rowDirection, columnDirection, pixelSpacingMm, width, height);
    }

    public OrientationLabels.EdgeLabels edgeLabels() { return OrientationLabels.ofImage(rowDirection, columnDirection); }

    /** A point on a plane: pixel coordinates (x right, y down) and the distance off the plane along its normal in mm. */
    public record PlanePoint(double x, double y, double distanceMm) {}
}
