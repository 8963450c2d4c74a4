package org.noduletrack.nodule.matching;

import org.noduletrack.nodule.guideline.FleischnerEngine;
import org.noduletrack.nodule.growth.GrowthAnalyzer;
import org.noduletrack.nodule.growth.GrowthAssessment;
import org.noduletrack.nodule.guideline.LungRadsEngine;
import org.noduletrack.nodule.measurement.Rounding;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.render.geom.Affine3;

/**
 * Matches nodules measured on a prior and a current scan through a prior → current map (registration), greedily by
 * increasing distance between the mapped prior centroid and the current centroid (deterministic: ties by input order),
 * and assesses growth for each pair.
 *
 * @see GrowthAnalyzer
 */
public final class NoduleMatcher {
    /** Status of a nodule between two scans. */
    public enum Status { GROWING, STABLE, SHRINKING, NEW, RESOLVED }

    /**
     * One nodule across the two dates.
     *
     * @param priorIndex / currentIndex index into the input lists, −1 when absent
     * @param matchDistanceMm distance between mapped prior and current centroid (NaN when unmatched)
     * @param lungRadsGrowth  mean-diameter increase > 1.5 mm (Lung-RADS; only meaningful within 12 months)
     * @param fleischnerGrowth rounded mean diameter increased by ≥ 2 mm
     */
    public record Pair(int priorIndex, int currentIndex, Optional<Measurement> prior, Optional<Measurement> current,
                       double matchDistanceMm, Status status, Optional<GrowthAssessment> growth, boolean lungRadsGrowth,
                       boolean fleischnerGrowth) {}

    public record Report(LocalDate priorDate, LocalDate currentDate, long intervalDays, List<Pair> pairs) {}

    private final GrowthAnalyzer growth;
    private final double toleranceMm;

    /** @param toleranceMm a pair is accepted when the distance is below max(toleranceMm, prior mean diameter) */
    public NoduleMatcher(GrowthAnalyzer growth, double toleranceMm) {
        this.growth = growth;
        this.toleranceMm = toleranceMm;
    }

    public NoduleMatcher() {
        this(new GrowthAnalyzer(), 6);
    }

    public Report match(List<Measurement> prior, LocalDate priorDate, List<Measurement> current, LocalDate currentDate,
                        Affine3 priorToCurrent) {
        long days = ChronoUnit.DAYS.between(priorDate, currentDate);
        record Cand(int p, int c, double d) {}
        List<Cand> cands = new ArrayList<>();
        for (int i = 0; i < prior.size(); i++) {
            var mapped = priorToCurrent.applyToPoint(prior.get(i).centroidLps());
            double tol = Math.max(toleranceMm, prior.get(i).meanDiameterMm());
            for (int j = 0; j < current.size(); j++) {
                double d = mapped.distanceTo(current.get(j).centroidLps());
                if (d <= tol) cands.add(new Cand(i, j, d));
            }
        }
        cands.sort(Comparator.comparingDouble(Cand::d).thenComparingInt(Cand::p).thenComparingInt(Cand::c));
        int[] priorMatch = new int[prior.size()], currentMatch = new int[current.size()];
        double[] dist = new double[prior.size()];
        java.util.Arrays.fill(priorMatch, -1);
        java.util.Arrays.fill(currentMatch, -1);
        for (Cand c : cands) {
            if (priorMatch[c.p] < 0 && currentMatch[c.c] < 0) {
                priorMatch[c.p] = c.c;
                currentMatch[c.c] = c.p;
                dist[c.p] = c.d;
            }
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < prior.size(); i++) {
            Measurement a = prior.get(i);
            if (priorMatch[i] < 0) {
                pairs.add(new Pair(i, -1, Optional.of(a), Optional.empty(), Double.NaN, Status.RESOLVED, Optional.empty(), false, false));
                continue;
            }
            Measurement b = current.get(priorMatch[i]);
            Optional<GrowthAssessment> g = days > 0 && a.volumeMm3() > 0 && b.volumeMm3() > 0
                    ? Optional.of(growth.assess(a.volumeMm3(), b.volumeMm3(), days, b.type())) : Optional.empty();
            Status s = g.map(x -> switch (x.trend()) {
                case GROWTH -> Status.GROWING;
                case SHRINKAGE -> Status.SHRINKING;
                case NO_SIGNIFICANT_CHANGE -> Status.STABLE;
            }).orElse(Status.STABLE);
            pairs.add(new Pair(i, priorMatch[i], Optional.of(a), Optional.of(b), dist[i], s, g,
                    LungRadsEngine.isGrowth(Rounding.lungRadsMeanMm(a.longAxisMm(), a.shortAxisMm()),
                            Rounding.lungRadsMeanMm(b.longAxisMm(), b.shortAxisMm())),
                    FleischnerEngine.isGrowth(a.meanDiameterMm(), b.meanDiameterMm())));
        }
        for (int j = 0; j < current.size(); j++) {
            if (currentMatch[j] < 0) {
                pairs.add(new Pair(-1, j, Optional.empty(), Optional.of(current.get(j)), Double.NaN, Status.NEW, Optional.empty(),
                        false, false));
            }
        }
        return new Report(priorDate, currentDate, days, pairs);
    }
}
