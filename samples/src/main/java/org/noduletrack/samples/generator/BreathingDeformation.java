package org.noduletrack.samples.generator;

import org.noduletrack.dicom.geom.Vec3;

/**
 * A smooth breathing-like displacement field in baseline LPS mm, largest at the diaphragm dome and fading towards the
 * apex: u(y) = g(y.z) * (0, amplitudeApMm, amplitudeSiMm) with g(z) = exp(-(z - diaphragmZMm)^2 / (2 sigmaMm^2)).
 * The field is applied after the rigid motion (see {@link TimepointTransform}); its largest gradient,
 * |amplitude| / (sigma sqrt(e)), is kept far below 1 so the map stays invertible.
 */
public record BreathingDeformation(double amplitudeSiMm, double amplitudeApMm, double diaphragmZMm, double sigmaMm) {
    public static final String MODEL = "gaussian-si-ap-v1";

    public static BreathingDeformation none() { return new BreathingDeformation(0, 0, 0, 1); }

    public BreathingDeformation {
        if (sigmaMm <= 0) {
            throw new IllegalArgumentException("sigma must be positive");
        }
        if (Math.hypot(amplitudeSiMm, amplitudeApMm) / (sigmaMm * Math.sqrt(Math.E)) > 0.5) {
            throw new IllegalArgumentException("deformation too steep to stay invertible");
        }
    }

    public double weight(double z) {
        double d = (z - diaphragmZMm) / sigmaMm;
        return Math.exp(-0.5 * d * d);
    }

    public Vec3 displacement(Vec3 y) {
        double g = weight(y.z());
        return new Vec3(0, amplitudeApMm * g, amplitudeSiMm * g);
    }

    /** y -> y + u(y). */
    public Vec3 apply(Vec3 y) { return y.plus(displacement(y)); }

    /** The y with y + u(y) = p, by fixed-point iteration (a contraction: |grad u| <= 0.5). */
    public Vec3 invert(Vec3 p) {
        Vec3 y = p;
        for (int i = 0; i < 100; i++) {
            Vec3 next = p.minus(displacement(y));
            if (next.distanceTo(y) < 1e-12) {
                return next;
            }
            y = next;
        }
        return y;
    }
}
