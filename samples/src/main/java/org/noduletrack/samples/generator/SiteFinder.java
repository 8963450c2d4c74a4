package org.noduletrack.samples.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.noduletrack.dicom.geom.Vec3;

/**
 * Picks nodule centres in the baseline CT, deterministically for a random stream. Lung parenchyma is HU in
 * [-950, -600] (aerated lung is around -850; outside air and airways are below -950); "solid" is above -300. A site is
 * tested on a few hundred probe points, which is coarse but cheap and enough to keep bodies inside lung:
 * <ul>
 *   <li>INTRAPARENCHYMAL: every probe within the body plus 2 mm is lung;</li>
 *   <li>JUXTAPLEURAL: the body touches solid tissue that stays solid 5..15 mm further out (chest wall, mediastinum),
 *       and the rest of it is lung;</li>
 *   <li>JUXTAVASCULAR: the body touches solid tissue that is lung again 6..10 mm further (a vessel), rest lung.</li>
 * </ul>
 */
public final class SiteFinder {
    static final double LUNG_MIN_HU = -950;
    static final double LUNG_MAX_HU = -600;
    static final double SOLID_HU = -300;
    private static final int MAX_TRIES = 40_000;

    private final CtVolume ct;
    private final List<Vec3> directions;

    public SiteFinder(CtVolume ct) {
        this.ct = ct;
        this.directions = fibonacci(96);
    }

    /**
     * A centre for a body of bounding radius {@code radiusMm} with the given attachment, at least {@code clearanceMm}
     * from the given other sites' bodies, satisfying {@code accept} (e.g. "inside every timepoint's field of view").
     */
    public Optional<Vec3> find(Attachment attachment, double radiusMm, List<Vec3> taken, List<Double> takenRadii,
                               double clearanceMm, Predicate<Vec3> accept, SplittableRandom rnd) {
        VoxelGrid g = ct.grid();
        for (int t = 0; t < MAX_TRIES; t++) {
            Vec3 p = g.ijkToLps(rnd.nextDouble(g.nx() - 1), rnd.nextDouble(g.ny() - 1), rnd.nextDouble(g.nz() - 1));
            if (!isLung(p)) {
                continue;
            }
            Optional<Vec3> centre = switch (attachment) {
                case INTRAPARENCHYMAL -> allLung(p, radiusMm + 2, null) ? Optional.of(p) : Optional.empty();
                case JUXTAPLEURAL -> attached(p, radiusMm, true);
                case JUXTAVASCULAR -> attached(p, radiusMm, false);
            };
            if (centre.isEmpty() || !accept.test(centre.get())) {
                continue;
            }
            Vec3 c = centre.get();
            boolean clear = true;
            for (int i = 0; i < taken.size(); i++) {
                clear &= c.distanceTo(taken.get(i)) > radiusMm + takenRadii.get(i) + clearanceMm;
            }
            if (clear) {
                return centre;
            }
        }
        return Optional.empty();
    }

    /** Lung at the point, judged on the mean of a 3x3 in-plane patch (single voxels are noisy). */
    boolean isLung(Vec3 p) {
        VoxelGrid g = ct.grid();
        double sum = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                sum += ct.nearest(p.plus(new Vec3(dx * g.spacingXMm(), dy * g.spacingYMm(), 0)));
            }
        }
        double mean = sum / 9;
        return mean > -920 && mean < -700;
    }

    /** All probes within radius r (optionally only the half space facing away from {@code away}) are lung. */
    private boolean allLung(Vec3 c, double r, Vec3 away) {
        for (double f : new double[] {0.35, 0.7, 1.0}) {
            for (Vec3 d : directions) {
                if (away != null && d.dot(away) > -0.2) {
                    continue;
                }
                int hu = ct.nearest(c.plus(d.times(r * f)));
                if (hu < LUNG_MIN_HU || hu > LUNG_MAX_HU) {
                    return false;
                }
            }
        }
        return true;
    }

    private Optional<Vec3> attached(Vec3 p, double r, boolean wall) {
        Vec3 bestDir = null;
        double bestDist = Double.MAX_VALUE;
        for (Vec3 d : directions) {
            for (double s = 0.5; s <= r + 6; s += 0.5) {
                if (ct.nearest(p.plus(d.times(s))) > SOLID_HU) {
                    if (s < bestDist) {
                        bestDist = s;
                        bestDir = d;
                    }
                    break;
                }
            }
        }
        if (bestDir == null) {
            return Optional.empty();
        }
        Vec3 hit = p.plus(bestDir.times(bestDist));
        boolean beyondSolid = true;
        boolean beyondLung = true;
        for (double s : wall ? new double[] {5, 10, 15} : new double[] {6, 8, 10}) {
            int hu = ct.nearest(hit.plus(bestDir.times(s)));
            beyondSolid &= hu > SOLID_HU;
            beyondLung &= hu < LUNG_MAX_HU && hu > LUNG_MIN_HU;
        }
        if (wall ? !beyondSolid : !beyondLung) {
            return Optional.empty();
        }
        // the surface just reaches 0.5 mm into the structure: touching, as juxtapleural/juxtavascular means
        Vec3 centre = hit.minus(bestDir.times(r - 0.5));
        return allLung(centre, r + 1, bestDir) ? Optional.of(centre) : Optional.empty();
    }

    static List<Vec3> fibonacci(int n) {
        List<Vec3> out = new ArrayList<>(n);
        double golden = Math.PI * (3 - Math.sqrt(5));
        for (int i = 0; i < n; i++) {
            double z = 1 - (2 * i + 1.0) / n;
            double rxy = Math.sqrt(1 - z * z);
            out.add(new Vec3(rxy * Math.cos(golden * i), rxy * Math.sin(golden * i), z));
        }
        return out;
    }
}
