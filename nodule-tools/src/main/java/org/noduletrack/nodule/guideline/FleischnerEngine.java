package org.noduletrack.nodule.guideline;

import org.noduletrack.nodule.measurement.Rounding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.noduletrack.nodule.guideline.FleischnerInput.Finding;
import org.noduletrack.nodule.model.FollowUpRecommendation;
import org.noduletrack.nodule.model.NoduleType;

/**
 * Fleischner Society 2017 recommendations for incidental pulmonary nodules (MacMahon et al., Radiology 2017;284:228-243),
 * encoded from /work/shared/notes/clinical-rules.md section 1. Pure and deterministic.
 *
 * <p>Implementation choices (documented, not stated by the guideline): size = mean of the axes rounded to whole mm, ties
 * half-up; with volume only, exactly 100 and 250 mm³ are "intermediate" (6-8 mm); with several nodules the most
 * suspicious drives management, taken as the row with the most intensive management among the solid rows and the
 * subsolid rows; growth (Fleischner) = increase of at least 2 mm in rounded mean diameter.
 */
public final class FleischnerEngine {
    public static final String GUIDELINE = "Fleischner 2017";

    /** Size classes of the tables. */
    public enum SizeClass { SMALL, INTERMEDIATE, LARGE }

    /** Management steps, in increasing order of intensity. */
    public enum Management {
        NOT_APPLICABLE,
        NO_ROUTINE_FOLLOW_UP,
        OPTIONAL_CT_12_MONTHS,
        CT_6_12_THEN_CONSIDER_18_24,
        CT_6_12_THEN_18_24,
        GGN_CT_6_12_THEN_EVERY_2Y_TO_5Y,
        MULTIPLE_SUBSOLID_SMALL_CT_3_6_THEN_2_4Y,
        CT_3_6_THEN_CONSIDER_18_24,
        CT_3_6_THEN_18_24,
        MULTIPLE_SUBSOLID_CT_3_6_MOST_SUSPICIOUS,
        PART_SOLID_CT_3_6_THEN_ANNUAL_5Y,
        CONSIDER_CT_3_PET_TISSUE,
        PART_SOLID_SOLID_GE_6_SUSPICIOUS
    }

    /** One row of the tables that fired. */
    public record Decision(Management management, String ruleId, SizeClass sizeClass, int sizeMm, int drivingNodule) {}

    private final Explanations text;

    public FleischnerEngine(Explanations text) {
        this.text = text;
    }

    public FleischnerEngine() {
        this(new Explanations());
    }

    /** Size class of a nodule (whole-mm mean diameter, else the volume cut-offs 100 / 250 mm³). */
    public static SizeClass sizeClass(Finding f) {
        if (f.meanDiameterMm().isPresent()) {
            int mm = Rounding.wholeMm(f.meanDiameterMm().getAsDouble());
            return mm <= 5 ? SizeClass.SMALL : mm <= 8 ? SizeClass.INTERMEDIATE : SizeClass.LARGE;
        }
        double v = f.volumeMm3().orElseThrow();
        return v < 100 ? SizeClass.SMALL : v <= 250 ? SizeClass.INTERMEDIATE : SizeClass.LARGE;
    }

    /** Fleischner growth: rounded mean diameter increased by 2 mm or more. */
    public static boolean isGrowth(double priorMeanMm, double currentMeanMm) {
        return Rounding.wholeMm(currentMeanMm) - Rounding.wholeMm(priorMeanMm) >= 2;
    }

    /** The reason the guideline does not apply, or empty. */
    public static java.util.Optional<String> notApplicableReason(FleischnerInput in) {
        if (in.ageYears() < 35) {
            return java.util.Optional.of("age");
        } else if (in.screeningCt()) {
            return java.util.Optional.of("screening");
        } else if (in.knownPrimaryCancer()) {
            return java.util.Optional.of("cancer");
        } else if (in.immunocompromised()) {
            return java.util.Optional.of("immunocompromised");
        } else if (in.nodules().isEmpty()) {
            return java.util.Optional.of("no_nodules");
        }
        return java.util.Optional.empty();
    }

    public Decision decide(FleischnerInput in) {
        if (notApplicableReason(in).isPresent()) {
            return new Decision(Management.NOT_APPLICABLE, "F-NA-" + notApplicableReason(in).get().toUpperCase(java.util.Locale.ROOT),
                    SizeClass.SMALL, 0, -1);
        }
        List<Finding> nodules = in.nodules();
        boolean multiple = nodules.size() > 1;
        List<Decision> candidates = new ArrayList<>();
        List<Integer> solid = new ArrayList<>();
        List<Integer> subsolid = new ArrayList<>();
        for (int i = 0; i < nodules.size(); i++) {
            (nodules.get(i).type() == NoduleType.SOLID ? solid : subsolid).add(i);
        }
        if (!solid.isEmpty()) {
            int driver = solid.stream().max(Comparator.comparing((Integer i) -> sizeClass(nodules.get(i)))
                    .thenComparingDouble(i -> sizeMm(nodules.get(i)))).orElseThrow();
            candidates.add(solidRow(nodules.get(driver), driver, multiple, in.highRisk()));
        }
        if (!subsolid.isEmpty()) {
            if (subsolid.size() == 1) {
                candidates.add(subsolidSingle(nodules.get(subsolid.getFirst()), subsolid.getFirst()));
            } else {
                for (int i : subsolid) {
                    candidates.add(subsolidMultiple(nodules, subsolid, i));
                }
            }
        }
        return candidates.stream().max(Comparator.comparing(Decision::management)).orElseThrow();
    }

    private static int sizeMm(Finding f) {
        return f.meanDiameterMm().isPresent() ? Rounding.wholeMm(f.meanDiameterMm().getAsDouble()) : 0;
    }

    private static Decision solidRow(Finding f, int index, boolean multiple, boolean highRisk) {
        SizeClass c = sizeClass(f);
        String row = (multiple ? "F-SOLID-MULTIPLE-" : "F-SOLID-SINGLE-") + c + (highRisk ? "-HIGH" : "-LOW");
        Management m = switch (c) {
            case SMALL -> highRisk ? Management.OPTIONAL_CT_12_MONTHS : Management.NO_ROUTINE_FOLLOW_UP;
            case INTERMEDIATE -> multiple
                    ? (highRisk ? Management.CT_3_6_THEN_18_24 : Management.CT_3_6_THEN_CONSIDER_18_24)
                    : (highRisk ? Management.CT_6_12_THEN_18_24 : Management.CT_6_12_THEN_CONSIDER_18_24);
            case LARGE -> multiple
                    ? (highRisk ? Management.CT_3_6_THEN_18_24 : Management.CT_3_6_THEN_CONSIDER_18_24)
                    : Management.CONSIDER_CT_3_PET_TISSUE;
        };
        return new Decision(m, row, c, sizeMm(f), index);
    }

    private static Decision subsolidSingle(Finding f, int index) {
        SizeClass c = sizeClass(f);
        boolean small = c == SizeClass.SMALL;
        if (f.type() == NoduleType.GROUND_GLASS) {
            return small ? new Decision(Management.NO_ROUTINE_FOLLOW_UP, "F-GGN-SINGLE-LT6", c, sizeMm(f), index)
                    : new Decision(Management.GGN_CT_6_12_THEN_EVERY_2Y_TO_5Y, "F-GGN-SINGLE-GE6", c, sizeMm(f), index);
        }
        if (small) {
            return new Decision(Management.NO_ROUTINE_FOLLOW_UP, "F-PARTSOLID-SINGLE-LT6", c, sizeMm(f), index);
        }
        return Rounding.wholeMm(f.solidPartMm()) >= 6
                ? new Decision(Management.PART_SOLID_SOLID_GE_6_SUSPICIOUS, "F-PARTSOLID-SOLID-GE6", c, sizeMm(f), index)
                : new Decision(Management.PART_SOLID_CT_3_6_THEN_ANNUAL_5Y, "F-PARTSOLID-SINGLE-GE6-SOLID-LT6", c, sizeMm(f), index);
    }

    private static Decision subsolidMultiple(List<Finding> all, List<Integer> subsolid, int i) {
        Finding f = all.get(i);
        if (f.type() == NoduleType.PART_SOLID && sizeClass(f) != SizeClass.SMALL && Rounding.wholeMm(f.solidPartMm()) >= 6) {
            return new Decision(Management.PART_SOLID_SOLID_GE_6_SUSPICIOUS, "F-PARTSOLID-SOLID-GE6", sizeClass(f), sizeMm(f), i);
        }
        boolean allSmall = subsolid.stream().allMatch(j -> sizeClass(all.get(j)) == SizeClass.SMALL);
        return allSmall
                ? new Decision(Management.MULTIPLE_SUBSOLID_SMALL_CT_3_6_THEN_2_4Y, "F-SUBSOLID-MULTIPLE-LT6", sizeClass(f), sizeMm(f), i)
                : new Decision(Management.MULTIPLE_SUBSOLID_CT_3_6_MOST_SUSPICIOUS, "F-SUBSOLID-MULTIPLE-GE6", sizeClass(f), sizeMm(f), i);
    }

    /** The decision as a user-facing suggestion with explanations in English and Simplified Chinese. */
    public FollowUpRecommendation recommend(FleischnerInput in) {
        Decision d = decide(in);
        if (d.management() == Management.NOT_APPLICABLE) {
            String reason = notApplicableReason(in).orElseThrow();
            return new FollowUpRecommendation(GUIDELINE, false, "", d.ruleId(), d.management().name(),
                    text.en("fleischner.na." + reason) + " " + text.en("disclaimer"),
                    text.zh("fleischner.na." + reason) + " " + text.zh("disclaimer"));
        }
        Finding driver = in.nodules().get(d.drivingNodule());
        String size = driver.meanDiameterMm().isPresent() ? d.sizeMm() + " mm"
                : String.format(java.util.Locale.ROOT, "%.0f mm³", driver.volumeMm3().orElseThrow());
        String key = "fleischner." + d.management().name();
        return new FollowUpRecommendation(GUIDELINE, true, d.sizeClass().name(), d.ruleId(), d.management().name(),
                text.en("fleischner.basis", d.ruleId(), size) + " " + text.en(key) + " " + text.en("disclaimer"),
                text.zh("fleischner.basis", d.ruleId(), size) + " " + text.zh(key) + " " + text.zh("disclaimer"));
    }
}
