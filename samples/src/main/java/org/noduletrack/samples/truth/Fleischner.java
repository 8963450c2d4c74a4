package org.noduletrack.samples.truth;

import java.util.List;

/**
 * Fleischner 2017 recommendation for incidental nodules (shared/notes/clinical-rules.md section 1), for the exam at
 * which the nodules are first seen: solid and subsolid tables, single or multiple, low or high risk, sizes = mean of
 * axial long and short axis rounded to whole mm half-up. Scoped reference for ground truth, like {@link LungRads}.
 */
public final class Fleischner {
    private Fleischner() {}

    public record Nodule(LungRads.Finding.Kind kind, double meanDiameterMm, double solidMeanDiameterMm) {}

    public static long roundMm(double mm) {
        return (long) Math.floor(mm + 0.5);
    }

    /** The recommendation text, or "not applicable (reason)". */
    public static String recommendation(List<Nodule> nodules, int ageYears, boolean highRisk, boolean screening) {
        if (screening) {
            return "not applicable (screening CT: use Lung-RADS)";
        }
        if (ageYears < 35) {
            return "not applicable (age < 35)";
        }
        if (nodules.isEmpty()) {
            return "no nodule";
        }
        boolean multiple = nodules.size() > 1;
        boolean anySubsolid = nodules.stream().anyMatch(n -> n.kind() != LungRads.Finding.Kind.SOLID);
        long maxSolid = nodules.stream().filter(n -> n.kind() == LungRads.Finding.Kind.SOLID)
                .mapToLong(n -> roundMm(n.meanDiameterMm())).max().orElse(0);
        if (anySubsolid) {
            // the most suspicious finding drives management: a part-solid nodule with a solid part >= 6 mm first
            for (Nodule n : nodules) {
                if (n.kind() == LungRads.Finding.Kind.PART_SOLID && roundMm(n.meanDiameterMm()) >= 6
                        && roundMm(n.solidMeanDiameterMm()) >= 6) {
                    return "part-solid with solid part >= 6 mm: CT 3-6 months; suspicious morphology, growing solid part"
                            + " or solid part > 8 mm: PET/CT, biopsy or resection";
                }
            }
            if (maxSolid > 8) {
                return solid(maxSolid, multiple, highRisk);
            }
            if (multiple) {
                boolean allSmall = nodules.stream().allMatch(n -> roundMm(n.meanDiameterMm()) < 6);
                return allSmall ? "multiple subsolid < 6 mm: CT 3-6 months; if stable consider CT at 2 and 4 years"
                        : "multiple subsolid, one >= 6 mm: CT 3-6 months; further management by the most suspicious nodule";
            }
            Nodule n = nodules.getFirst();
            long d = roundMm(n.meanDiameterMm());
            if (n.kind() == LungRads.Finding.Kind.GROUND_GLASS) {
                return d < 6 ? "single ground-glass < 6 mm: no routine follow-up"
                        : "single ground-glass >= 6 mm: CT 6-12 months, then every 2 years until 5 years";
            }
            return d < 6 ? "single part-solid < 6 mm: no routine follow-up"
                    : "single part-solid >= 6 mm, solid part < 6 mm: CT 3-6 months; if unchanged, annual CT for 5 years";
        }
        return solid(maxSolid, multiple, highRisk);
    }

    private static String solid(long d, boolean multiple, boolean highRisk) {
        if (d < 6) {
            return (multiple ? "multiple" : "single") + " solid < 6 mm: "
                    + (highRisk ? "optional CT at 12 months" : "no routine follow-up");
        }
        if (!multiple) {
            if (d <= 8) {
                return "single solid 6-8 mm: CT 6-12 months, then " + (highRisk ? "CT 18-24 months" : "consider CT 18-24 months");
            }
            return "single solid > 8 mm: consider CT at 3 months, PET/CT or tissue sampling";
        }
        return "multiple solid " + (d <= 8 ? "6-8 mm" : "> 8 mm") + ": CT 3-6 months, then "
                + (highRisk ? "CT 18-24 months" : "consider CT 18-24 months");
    }
}
