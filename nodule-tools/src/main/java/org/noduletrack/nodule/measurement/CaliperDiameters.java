package org.noduletrack.nodule.measurement;

/**
 * Caliper (Feret) diameters of a set of voxels taken as the boxes they cover, so that the boundary lies at voxel
 * edges, not centres: the width of the union of boxes along a unit direction u is the spread of the centres' projections
 * plus the box's own extent |u·e1|·s1 + |u·e2|·s2 (+ |u·e3|·s3). A single pixel is one pixel wide in every axis
 * direction; a reader's outline drawn just outside the nodule encloses the same boxes. The diameter is the maximal width
 * over directions (a coarse sweep refined around its best direction, well below 0.01 % of the true maximum).
 */
public final class CaliperDiameters {
    private CaliperDiameters() {}

    /**
     * In-plane diameters of one slice.
     *
     * @param longAxisMm  maximal width (the longest in-plane diameter, as a reader's ruler spans it edge to edge)
     * @param shortAxisMm width perpendicular to the long axis
     * @param angleRad    direction of the long axis from the +x (column) axis
     */
    public record Axial(double longAxisMm, double shortAxisMm, double angleRad) {}

    /** @param xMm / yMm pixel centres (mm); {@code pixelXMm} / {@code pixelYMm} pixel size */
    public static Axial axial(double[] xMm, double[] yMm, double pixelXMm, double pixelYMm) {
        if (xMm.length == 0) return new Axial(0, 0, 0);
        double bestW = -1, bestA = 0;
        for (int a = 0; a < 180; a++) {
            double th = Math.toRadians(a), w = width2d(xMm, yMm, Math.cos(th), Math.sin(th), pixelXMm, pixelYMm);
            if (w > bestW) {
                bestW = w;
                bestA = th;
            }
        }
        for (double step = 0.5; step > 1e-5; step /= 10) {
            double centre = bestA;
            for (int k = -10; k <= 10; k++) {
                double th = centre + Math.toRadians(k * step), w = width2d(xMm, yMm, Math.cos(th), Math.sin(th), pixelXMm, pixelYMm);
                if (w > bestW) {
                    bestW = w;
                    bestA = th;
                }
            }
        }
        double shortW = width2d(xMm, yMm, -Math.sin(bestA), Math.cos(bestA), pixelXMm, pixelYMm);
        return new Axial(bestW, shortW, bestA);
    }

    private static double width2d(double[] x, double[] y, double ux, double uy, double px, double py) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            double t = x[i] * ux + y[i] * uy;
            if (t < lo) lo = t;
            if (t > hi) hi = t;
        }
        return hi - lo + Math.abs(ux) * px + Math.abs(uy) * py;
    }

    /**
     * Maximal 3D diameter of voxels with centres (x, y, z) mm and size (sx, sy, sz) mm (pass surface voxels): each voxel
     * spans its inscribed ellipsoid, so the boundary is at voxel faces along the axes (edge to edge, as in plane).
     */
    public static double max3d(double[] x, double[] y, double[] z, double sx, double sy, double sz) {
        if (x.length == 0) return 0;
        double best = -1, bu = 0, bv = 0;
        // coarse sweep over the half sphere (polar angle v from the z axis, azimuth u), 3° steps
        for (int iv = 0; iv <= 30; iv++) {
            double v = Math.toRadians(iv * 3);
            for (int iu = 0; iu < 120; iu++) {
                double u = Math.toRadians(iu * 3), w = width3d(x, y, z, u, v, sx, sy, sz);
                if (w > best) {
                    best = w;
                    bu = u;
                    bv = v;
                }
            }
        }
        for (double step = 1.5; step > 0.01; step /= 2) {
            boolean moved = true;
            while (moved) {
                moved = false;
                for (int d = 0; d < 4; d++) {
                    double u = bu + (d == 0 ? step : d == 1 ? -step : 0) * Math.PI / 180;
                    double v = bv + (d == 2 ? step : d == 3 ? -step : 0) * Math.PI / 180;
                    double w = width3d(x, y, z, u, v, sx, sy, sz);
                    if (w > best + 1e-12) {
                        best = w;
                        bu = u;
                        bv = v;
                        moved = true;
                    }
                }
            }
        }
        return best;
    }

    private static double width3d(double[] x, double[] y, double[] z, double u, double v, double sx, double sy, double sz) {
        double ux = Math.sin(v) * Math.cos(u), uy = Math.sin(v) * Math.sin(u), uz = Math.cos(v);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            double t = x[i] * ux + y[i] * uy + z[i] * uz;
            if (t < lo) lo = t;
            if (t > hi) hi = t;
        }
        // the voxel's inscribed ellipsoid, not its box: face to face along the axes, but the corners of thick slices
        // would add up to a millimetre along diagonals that no boundary of the object reaches
        return hi - lo + Math.sqrt(ux * ux * sx * sx + uy * uy * sy * sy + uz * uz * sz * sz);
    }
}
