package org.noduletrack.samples.generator;

import java.util.List;
import org.noduletrack.dicom.geom.Vec3;

/**
 * A star-shaped nodule body in its own local frame (mm, centred at 0), described by its boundary radius per
 * direction, so one point-in-shape test and one volume integral serve every kind. Scaling by s multiplies every
 * radius by s and the volume by s^3.
 */
public sealed interface NoduleShape {
    /** Boundary distance from the centre along the unit vector {@code dir}. */
    double radius(Vec3 dir);

    /** Exact volume at scale 1 (analytic, or a high-order quadrature for lobulated bodies). */
    double volumeMm3();

    /** Smallest and largest boundary radius (for quick inside/outside decisions). */
    double minRadius();

    double maxRadius();

    default boolean contains(Vec3 u, double scale) {
        double len = u.length();
        if (len == 0) {
            return true;
        }
        double lmin = minRadius() * scale;
        if (len < lmin) {
            return true;
        }
        if (len > maxRadius() * scale) {
            return false;
        }
        return len <= scale * radius(u.times(1 / len));
    }

    record Sphere(double radiusMm) implements NoduleShape {
        @Override public double radius(Vec3 dir) { return radiusMm; }

        @Override public double volumeMm3() { return 4.0 / 3.0 * Math.PI * radiusMm * radiusMm * radiusMm; }

        @Override public double minRadius() { return radiusMm; }

        @Override public double maxRadius() { return radiusMm; }
    }

    /** Semi-axes along the local x, y, z axes. */
    record Ellipsoid(double aMm, double bMm, double cMm) implements NoduleShape {
        @Override
        public double radius(Vec3 d) {
            return 1 / Math.sqrt(d.x() * d.x() / (aMm * aMm) + d.y() * d.y() / (bMm * bMm) + d.z() * d.z() / (cMm * cMm));
        }

        @Override public double volumeMm3() { return 4.0 / 3.0 * Math.PI * aMm * bMm * cMm; }

        @Override public double minRadius() { return Math.min(aMm, Math.min(bMm, cMm)); }

        @Override public double maxRadius() { return Math.max(aMm, Math.max(bMm, cMm)); }
    }

    /**
     * An ellipsoid with smooth bumps: r(d) = r_ellipsoid(d) * (1 + amplitude * sum_j max(0, d.v_j)^sharpness), sharpness >= 1. The
     * volume is (1/3) * integral of r^3 over the sphere, by a Fibonacci-lattice quadrature (relative error ~1e-5).
     */
    record Lobulated(Ellipsoid base, List<Vec3> lobeDirections, double amplitude, int sharpness, double volumeMm3,
                     double minRadius, double maxRadius) implements NoduleShape {
        public Lobulated {
            lobeDirections = List.copyOf(lobeDirections);
        }

        public static Lobulated of(Ellipsoid base, List<Vec3> lobeDirections, double amplitude, int sharpness) {
            Lobulated probe = new Lobulated(base, lobeDirections, amplitude, sharpness, 0, 0, 0);
            int n = 200_000;
            double sum = 0;
            double min = Double.MAX_VALUE;
            double max = 0;
            double golden = Math.PI * (3 - Math.sqrt(5));
            for (int i = 0; i < n; i++) {
                double z = 1 - (2 * i + 1.0) / n;
                double rxy = Math.sqrt(1 - z * z);
                double phi = golden * i;
                double r = probe.radius(new Vec3(rxy * Math.cos(phi), rxy * Math.sin(phi), z));
                sum += r * r * r;
                min = Math.min(min, r);
                max = Math.max(max, r);
            }
            double volume = 4 * Math.PI / n * sum / 3;
            // a 1 % margin covers directions between lattice points for the quick inside/outside tests
            return new Lobulated(base, lobeDirections, amplitude, sharpness, volume, min * 0.99, max * 1.01);
        }

        @Override
        public double radius(Vec3 d) {
            double bump = 0;
            for (Vec3 v : lobeDirections) {
                double c = d.dot(v);
                if (c > 0) {
                    double pc = c;
                    for (int e = 1; e < sharpness; e++) {
                        pc *= c;
                    }
                    bump += pc;
                }
            }
            return base.radius(d) * (1 + amplitude * bump);
        }
    }
}
