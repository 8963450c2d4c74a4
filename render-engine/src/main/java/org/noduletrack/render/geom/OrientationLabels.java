package org.noduletrack.render.geom;

import org.noduletrack.dicom.geom.Vec3;

/**
 * Patient orientation letters for a direction in LPS: L/R (x), P/A (y), H/F (z, head/feet). A direction gets up to three
 * letters, most significant first, each for a component of at least {@value #MIN_COMPONENT} of the unit vector — so an
 * axis-aligned direction gives one letter and a double-oblique one up to three (as DICOM viewers show on the edges).
 */
public final class OrientationLabels {
    /** Components smaller than this (of a unit vector) do not contribute a letter. */
    public static final double MIN_COMPONENT = 0.25;

    private OrientationLabels() {}

    public static String of(Vec3 directionLps) {
        Vec3 d = directionLps.normalized();
        double[] c = {d.x(), d.y(), d.z()};
        String[] pos = {"L", "P", "H"}, neg = {"R", "A", "F"};
        Integer[] order = {0, 1, 2};
        java.util.Arrays.sort(order, (a, b) -> Double.compare(Math.abs(c[b]), Math.abs(c[a])));
        StringBuilder sb = new StringBuilder();
        for (int axis : order) {
            if (Math.abs(c[axis]) >= MIN_COMPONENT || sb.isEmpty()) {
                sb.append(c[axis] >= 0 ? pos[axis] : neg[axis]);
            }
        }
        return sb.toString();
    }

    /** The four edge labels of an image whose rows run along {@code rowDirection} and columns down {@code columnDirection}. */
    public static EdgeLabels ofImage(Vec3 rowDirection, Vec3 columnDirection) {
        return new EdgeLabels(of(rowDirection.times(-1)), of(rowDirection), of(columnDirection.times(-1)), of(columnDirection));
    }

    /** Labels shown at the middle of each image edge. */
    public record EdgeLabels(String left, String right, String top, String bottom) {}
}
