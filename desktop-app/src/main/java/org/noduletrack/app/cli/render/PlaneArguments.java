package org.noduletrack.app.cli.render;

import java.util.Locale;
import java.util.Optional;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.geom.PlaneLps;
import org.noduletrack.render.geom.ViewOrientation;
import org.noduletrack.render.volume.VolumeGeometry;

/** Parses the plane options of {@code render} and turns them into a {@link PlaneLps} for a volume. */
public final class PlaneArguments {
    private PlaneArguments() {}

    /** Base orientation of a plane name: axial, coronal, sagittal, or oblique (axial turned by --rotate). */
    public static ViewOrientation orientation(String plane, double[] rotateDegrees) {
        ViewOrientation base = switch (plane.toLowerCase(Locale.ROOT)) {
            case "axial", "oblique" -> ViewOrientation.AXIAL;
            case "coronal" -> ViewOrientation.CORONAL;
            case "sagittal" -> ViewOrientation.SAGITTAL;
            default -> throw new IllegalArgumentException("--plane must be axial, coronal, sagittal or oblique: " + plane);
        };
        return rotateDegrees[0] == 0 && rotateDegrees[1] == 0 ? base : base.rotated(rotateDegrees[0], rotateDegrees[1]);
    }

    /** "x,y,z" in LPS mm. */
    public static Vec3 point(String text) {
        double[] v = numbers(text, 3, "--at");
        return new Vec3(v[0], v[1], v[2]);
    }

    /** "a,b" in degrees. */
    public static double[] rotation(String text) {
        return numbers(text, 2, "--rotate");
    }

    private static double[] numbers(String text, int count, String option) {
        String[] p = text.strip().split("\\s*,\\s*");
        if (p.length != count) {
            throw new IllegalArgumentException(option + " needs " + count + " comma-separated numbers: " + text);
        }
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            try {
                v[i] = Double.parseDouble(p[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + ": not a number: " + p[i]);
            }
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(option + ": not a finite number: " + p[i]);
            }
        }
        return v;
    }

    /**
     * The plane centred on {@code at} (default: the volume centre), field of view = the volume's extent along the
     * plane's axes, pixel spacing = {@code spacingMm} or the volume's finest in-plane spacing.
     */
    public static PlaneLps plane(VolumeGeometry g, ViewOrientation o, Optional<Vec3> at, Optional<Double> spacingMm) {
        double s = spacingMm.orElse(g.spacingMm().finestInPlane());
        if (!(s > 0)) {
            throw new IllegalArgumentException("--spacing must be positive: " + s);
        }
        return g.planeThrough(o, at.orElse(g.centerLps()), s);
    }
}
