package org.noduletrack.samples.truth;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The Lung-RADS v2022 rules the generator needs to state expected categories for solid, part-solid and ground-glass
 * nodules (shared/notes/clinical-rules.md section 2): size bands at baseline, new nodules, growth (> 1.5 mm mean
 * diameter within 12 months), band crossing, stepped management (4A stable -> 3, 3 stable -> 2) and the smooth
 * juxtapleural solid < 10 mm exemption. Not covered (the generator never makes them): airway nodules, cysts,
 * calcification, 4X and S. Sizes are mean diameters rounded to 0.1 mm half-up, as v2022 reports them.
 *
 * <p>This is the ground truth's reference, scoped to samples; nodule-tools owns the product's guideline engine, and a
 * disagreement between the two is a bug in one of them.
 */
public final class LungRads {
    private LungRads() {}

    /** What is known about one nodule at one exam. */
    public record Finding(Kind kind, double meanDiameterMm, double solidMeanDiameterMm, boolean isNew, boolean growing,
                          boolean smoothJuxtapleural, String previousCategory, double previousMeanDiameterMm) {
        public enum Kind { SOLID, PART_SOLID, GROUND_GLASS }
    }

    public static double round1(double mm) {
        return BigDecimal.valueOf(mm).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    /** Growth per v2022: mean diameter increase strictly greater than 1.5 mm (intervals here are <= 12 months). */
    public static boolean isGrowth(double previousMm, double currentMm) {
        return BigDecimal.valueOf(round1(currentMm)).subtract(BigDecimal.valueOf(round1(previousMm)))
                .compareTo(new BigDecimal("1.5")) > 0;
    }

    /** Category of one nodule: "2", "3", "4A" or "4B". */
    public static String category(Finding f) {
        double d = round1(f.meanDiameterMm());
        double solid = round1(f.solidMeanDiameterMm());
        boolean baseline = f.previousCategory() == null && !f.isNew();
        if (baseline) {
            return baselineCategory(f.kind(), d, solid, f.smoothJuxtapleural());
        }
        if (f.isNew()) {
            return switch (f.kind()) {
                case SOLID -> f.smoothJuxtapleural() && d < 10 ? "2" : d < 4 ? "2" : d < 6 ? "3" : d < 8 ? "4A" : "4B";
                case PART_SOLID -> d < 6 ? "3" : solid < 4 ? "4A" : "4B";
                case GROUND_GLASS -> d < 30 ? "2" : "3";
            };
        }
        if (f.growing()) {
            return switch (f.kind()) {
                case SOLID -> d < 8 ? "4A" : "4B";
                case PART_SOLID -> solid < 4 ? "4A" : "4B";
                case GROUND_GLASS -> "2";
            };
        }
        // not new, not growing: a higher size band reclassifies; otherwise stepped management applies
        String bySize = baselineCategory(f.kind(), d, solid, f.smoothJuxtapleural());
        if (rank(bySize) > rank(baselineCategory(f.kind(), round1(f.previousMeanDiameterMm()),
                solidFor(f), f.smoothJuxtapleural()))) {
            return bySize;
        }
        return switch (f.previousCategory()) {
            case "4A" -> "3";
            case "3" -> "2";
            default -> f.previousCategory();
        };
    }

    private static double solidFor(Finding f) {
        return f.kind() == Finding.Kind.PART_SOLID && f.meanDiameterMm() > 0
                ? round1(f.solidMeanDiameterMm() * f.previousMeanDiameterMm() / f.meanDiameterMm())
                : round1(f.previousMeanDiameterMm());
    }

    static String baselineCategory(Finding.Kind kind, double d, double solid, boolean smoothJuxtapleural) {
        return switch (kind) {
            case SOLID -> smoothJuxtapleural && d < 10 ? "2" : d < 6 ? "2" : d < 8 ? "3" : d < 15 ? "4A" : "4B";
            case PART_SOLID -> d < 6 ? "2" : solid < 6 ? "3" : solid < 8 ? "4A" : "4B";
            case GROUND_GLASS -> d < 30 ? "2" : "3";
        };
    }

    /** Exam category: the most suspicious finding; "1" when there is none. */
    public static String exam(Iterable<String> categories) {
        String worst = "1";
        for (String c : categories) {
            if (rank(c) > rank(worst)) {
                worst = c;
            }
        }
        return worst;
    }

    public static int rank(String category) {
        return switch (category) {
            case "1" -> 1;
            case "2" -> 2;
            case "3" -> 3;
            case "4A" -> 4;
            case "4B" -> 5;
            default -> throw new IllegalArgumentException("unknown category " + category);
        };
    }
}
