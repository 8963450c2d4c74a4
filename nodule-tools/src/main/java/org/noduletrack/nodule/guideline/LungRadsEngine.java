package org.noduletrack.nodule.guideline;

import org.noduletrack.nodule.measurement.Rounding;

import java.util.List;
import java.util.Optional;
import org.noduletrack.nodule.guideline.LungRadsFinding.Kind;
import org.noduletrack.nodule.guideline.LungRadsFinding.Presence;
import org.noduletrack.nodule.guideline.LungRadsFinding.Prior;
import org.noduletrack.nodule.model.FollowUpRecommendation;

/**
 * ACR Lung-RADS v2022 categories for screening CT, encoded from /work/shared/notes/clinical-rules.md section 2. Pure and
 * deterministic.
 *
 * <p>Sizes are rounded to 0.1 mm half-up in decimal arithmetic. Growth = mean diameter (or, for part-solid nodules, solid
 * part) increase strictly greater than 1.5 mm against a prior at most 12 calendar months old. Implementation choices
 * (not stated by the guideline): an existing, non-growing nodule that enlarges into a higher baseline size band is
 * re-classified by size; otherwise stepped management applies to the previous category (4A → 3, 3 → 2, 4B stays unless
 * proven benign); with no previous category, a stable nodule is 2. "Slow growth" = no growth within 12 months but a
 * > 1.5 mm increase against the earliest prior more than 12 months old, never decreasing between priors → 4B.
 */
public final class LungRadsEngine {
    public static final String GUIDELINE = "Lung-RADS v2022";
    private static final List<String> ORDER = List.of("1", "2", "3", "4A", "4B", "4X", "0");

    /** A finding's category and the rule that fired. */
    public record Decision(String category, String ruleId) {}

    private final Explanations text;

    public LungRadsEngine(Explanations text) {
        this.text = text;
    }

    public LungRadsEngine() {
        this(new Explanations());
    }

    /** Rank for "most suspicious" (1 < 2 < 3 < 4A < 4B < 4X; 0 ranks highest: the exam is incomplete). */
    public static int rank(String category) {
        int r = ORDER.indexOf(category);
        if (r < 0) {
            throw new IllegalArgumentException("not a Lung-RADS category: " + category);
        }
        return r;
    }

    /** Growth per v2022: increase > 1.5 mm (after rounding to 0.1 mm). */
    public static boolean isGrowth(double priorMm, double currentMm) {
        return Rounding.compareDifference(Rounding.tenthMm(currentMm), Rounding.tenthMm(priorMm), 1.5) > 0;
    }

    public Decision decide(LungRadsFinding f) {
        Decision d = decideBase(f);
        if (f.suspiciousFeatures() && List.of("3", "4A", "4B").contains(d.category())) {
            return new Decision("4X", d.ruleId() + "+4X");
        }
        return d;
    }

    private Decision decideBase(LungRadsFinding f) {
        double d = Rounding.tenthMm(f.meanDiameterMm());
        double s = Rounding.tenthMm(f.solidPartMm());
        if (f.provenBenign() && f.previousCategory().filter("4B"::equals).isPresent()) {
            return new Decision("2", "LR-4B-PROVEN-BENIGN");
        }
        switch (f.kind()) {
            case AIRWAY_SUBSEGMENTAL:
                return new Decision("2", "LR-AIRWAY-SUBSEGMENTAL");
            case AIRWAY_SEGMENTAL:
                return f.presence() == Presence.EXISTING && f.previousCategory().filter(c -> rank(c) >= rank("4A")).isPresent()
                        ? new Decision("4B", "LR-AIRWAY-PERSISTENT")
                        : new Decision("4A", "LR-AIRWAY-SEGMENTAL");
            case JUXTAPLEURAL_SOLID:
                if (Rounding.compare(d, 10) < 0) {
                    return new Decision("2", "LR-JUXTAPLEURAL-LT10");
                }
                return solid(f, d);
            case SOLID:
                return solid(f, d);
            case PART_SOLID:
                return partSolid(f, d, s);
            case GROUND_GLASS:
                return groundGlass(f, d);
            default:
                throw new AssertionError(f.kind());
        }
    }

    static String solidBaselineCategory(double d) {
        return lt(d, 6) ? "2" : lt(d, 8) ? "3" : lt(d, 15) ? "4A" : "4B";
    }

    static String partSolidBaselineCategory(double d, double s) {
        return lt(d, 6) ? "2" : lt(s, 6) ? "3" : lt(s, 8) ? "4A" : "4B";
    }

    private static boolean lt(double a, double b) { return Rounding.compare(a, b) < 0; }

    private Decision solid(LungRadsFinding f, double d) {
        switch (f.presence()) {
            case BASELINE:
                return new Decision(solidBaselineCategory(d), "LR-SOLID-BASELINE-" + solidBaselineCategory(d));
            case NEW: {
                String c = lt(d, 4) ? "2" : lt(d, 6) ? "3" : lt(d, 8) ? "4A" : "4B";
                return new Decision(c, "LR-SOLID-NEW-" + c);
            }
            default:
                break;
        }
        if (growingWithin12Months(f, false)) {
            return lt(d, 8) ? new Decision("4A", "LR-SOLID-GROWING-LT8") : new Decision("4B", "LR-SOLID-GROWING-GE8");
        }
        if (slowlyGrowing(f, false)) {
            return new Decision("4B", "LR-SLOW-GROWTH");
        }
        Optional<Prior> last = f.priors().isEmpty() ? Optional.empty() : Optional.of(f.priors().getLast());
        if (last.isPresent() && rank(solidBaselineCategory(d)) > rank(solidBaselineCategory(Rounding.tenthMm(last.get().meanDiameterMm())))) {
            return new Decision(solidBaselineCategory(d), "LR-SOLID-ENLARGED-INTO-BAND-" + solidBaselineCategory(d));
        }
        return stepped(f);
    }

    private Decision partSolid(LungRadsFinding f, double d, double s) {
        switch (f.presence()) {
            case BASELINE: {
                String c = partSolidBaselineCategory(d, s);
                return new Decision(c, "LR-PARTSOLID-BASELINE-" + c);
            }
            case NEW:
                if (lt(d, 6)) {
                    return new Decision("3", "LR-PARTSOLID-NEW-LT6");
                }
                return lt(s, 4) ? new Decision("4A", "LR-PARTSOLID-NEW-SOLID-LT4") : new Decision("4B", "LR-PARTSOLID-NEW-SOLID-GE4");
            default:
                break;
        }
        boolean newSolidPart = !f.priors().isEmpty() && f.priors().getLast().solidPartMm() <= 0 && s > 0;
        if (newSolidPart || growingWithin12Months(f, true)) {
            String why = newSolidPart ? "NEW" : "GROWING";
            return lt(s, 4) ? new Decision("4A", "LR-PARTSOLID-" + why + "-SOLID-LT4")
                    : new Decision("4B", "LR-PARTSOLID-" + why + "-SOLID-GE4");
        }
        if (slowlyGrowing(f, true)) {
            return new Decision("4B", "LR-SLOW-GROWTH");
        }
        if (!f.priors().isEmpty()) {
            Prior p = f.priors().getLast();
            String now = partSolidBaselineCategory(d, s);
            if (rank(now) > rank(partSolidBaselineCategory(Rounding.tenthMm(p.meanDiameterMm()), Rounding.tenthMm(p.solidPartMm())))) {
                return new Decision(now, "LR-PARTSOLID-ENLARGED-INTO-BAND-" + now);
            }
        }
        return stepped(f);
    }

    private Decision groundGlass(LungRadsFinding f, double d) {
        if (lt(d, 30)) {
            return new Decision("2", "LR-GGN-LT30");
        }
        if (f.presence() != Presence.EXISTING) {
            return new Decision("3", "LR-GGN-GE30-" + f.presence());
        }
        return growingWithin12Months(f, false) ? new Decision("3", "LR-GGN-GE30-GROWING")
                : new Decision("2", "LR-GGN-GE30-STABLE");
    }

    private Decision stepped(LungRadsFinding f) {
        String prev = f.previousCategory().orElse("2");
        return switch (prev) {
            case "4A" -> new Decision("3", "LR-STEPPED-4A-STABLE");
            case "3" -> new Decision("2", "LR-STEPPED-3-STABLE");
            case "4B", "4X" -> new Decision(prev, "LR-STEPPED-" + prev + "-UNRESOLVED");
            default -> new Decision("2", "LR-STABLE");
        };
    }

    private static boolean growingWithin12Months(LungRadsFinding f, boolean solidPart) {
        double now = solidPart ? f.solidPartMm() : f.meanDiameterMm();
        for (Prior p : f.priors()) {
            if (!p.date().isBefore(f.examDate().minusMonths(12)) && isGrowth(solidPart ? p.solidPartMm() : p.meanDiameterMm(), now)) {
                return true;
            }
        }
        return false;
    }

    private static boolean slowlyGrowing(LungRadsFinding f, boolean solidPart) {
        if (f.priors().isEmpty()) {
            return false;
        }
        Prior first = f.priors().getFirst();
        if (!first.date().isBefore(f.examDate().minusMonths(12))) {
            return false;
        }
        double prev = Double.NEGATIVE_INFINITY;
        for (Prior p : f.priors()) {
            double v = Rounding.tenthMm(solidPart ? p.solidPartMm() : p.meanDiameterMm());
            if (v < prev) {
                return false;
            }
            prev = v;
        }
        double now = Rounding.tenthMm(solidPart ? f.solidPartMm() : f.meanDiameterMm());
        return now >= prev && isGrowth(solidPart ? first.solidPartMm() : first.meanDiameterMm(), now);
    }

    /** The exam category: the most suspicious finding's; 1 without findings. */
    public static String examCategory(List<String> findingCategories) {
        return findingCategories.stream().max((a, b) -> Integer.compare(rank(a), rank(b))).orElse("1");
    }

    /** Suggestion for one finding (or the exam, given its category) with explanations. */
    public FollowUpRecommendation recommend(LungRadsFinding f) {
        Decision d = decide(f);
        boolean petMention = d.category().equals("4A") && Rounding.compare(Rounding.tenthMm(
                f.kind() == Kind.PART_SOLID ? f.solidPartMm() : f.meanDiameterMm()), 8) >= 0;
        return toRecommendation(d, petMention);
    }

    public FollowUpRecommendation recommendExam(List<LungRadsFinding> findings) {
        String best = "1";
        Decision bestDecision = new Decision("1", "LR-NO-NODULES");
        for (LungRadsFinding f : findings) {
            Decision d = decide(f);
            if (rank(d.category()) > rank(best)) {
                best = d.category();
                bestDecision = d;
            }
        }
        return toRecommendation(bestDecision, false);
    }

    private FollowUpRecommendation toRecommendation(Decision d, boolean petMention) {
        String key = "lungrads.management." + d.category();
        String en = text.en("lungrads.basis", d.category(), d.ruleId()) + " " + text.en(key)
                + (petMention ? " " + text.en("lungrads.pet") : "") + " " + text.en("disclaimer");
        String zh = text.zh("lungrads.basis", d.category(), d.ruleId()) + " " + text.zh(key)
                + (petMention ? " " + text.zh("lungrads.pet") : "") + " " + text.zh("disclaimer");
        return new FollowUpRecommendation(GUIDELINE, true, d.category(), d.ruleId(), "LUNG_RADS_" + d.category(), en, zh);
    }
}
