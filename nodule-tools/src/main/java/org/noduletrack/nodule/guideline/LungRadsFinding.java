package org.noduletrack.nodule.guideline;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One finding of a screening exam for Lung-RADS v2022. Diameters are millimetres (the engine rounds them to one
 * decimal); the priors and the category the finding had at the previous exam drive growth and stepped management.
 *
 * @param kind               what the finding is
 * @param meanDiameterMm     mean diameter (total size for part-solid and ground-glass nodules)
 * @param solidPartMm        mean diameter of the solid component (part-solid; 0 otherwise)
 * @param presence           first screen (baseline), new since the prior screen, or seen before
 * @param examDate           date of this exam
 * @param priors             earlier measurements of the same finding
 * @param previousCategory   the category it had at the previous exam (stepped management), if known
 * @param provenBenign       a category 4B finding proven benign by work-up
 * @param suspiciousFeatures additional features that raise suspicion (category 3/4 → 4X)
 */
public record LungRadsFinding(Kind kind, double meanDiameterMm, double solidPartMm, Presence presence, LocalDate examDate,
                              List<Prior> priors, Optional<String> previousCategory, boolean provenBenign,
                              boolean suspiciousFeatures) {
    public enum Kind {
        SOLID, PART_SOLID, GROUND_GLASS,
        /** Juxtapleural solid nodule with smooth margins and oval, lentiform or triangular shape. */
        JUXTAPLEURAL_SOLID,
        AIRWAY_SUBSEGMENTAL,
        /** Segmental or more proximal airway nodule. */
        AIRWAY_SEGMENTAL
    }

    public enum Presence { BASELINE, NEW, EXISTING }

    public record Prior(LocalDate date, double meanDiameterMm, double solidPartMm) {}

    public LungRadsFinding {
        priors = priors.stream().sorted(Comparator.comparing(Prior::date)).toList();
        if (presence == Presence.EXISTING && priors.isEmpty() && previousCategory.isEmpty()) {
            throw new IllegalArgumentException("an existing finding needs priors or its previous category");
        }
    }

    public static LungRadsFinding baseline(Kind kind, double meanDiameterMm, double solidPartMm) {
        return new LungRadsFinding(kind, meanDiameterMm, solidPartMm, Presence.BASELINE, LocalDate.of(2000, 1, 1), List.of(),
                Optional.empty(), false, false);
    }

    public static LungRadsFinding newFinding(Kind kind, double meanDiameterMm, double solidPartMm) {
        return new LungRadsFinding(kind, meanDiameterMm, solidPartMm, Presence.NEW, LocalDate.of(2000, 1, 1), List.of(),
                Optional.empty(), false, false);
    }

    public static LungRadsFinding followUp(Kind kind, double meanDiameterMm, double solidPartMm, LocalDate examDate,
                                           List<Prior> priors, Optional<String> previousCategory) {
        return new LungRadsFinding(kind, meanDiameterMm, solidPartMm, Presence.EXISTING, examDate, priors, previousCategory,
                false, false);
    }

    public LungRadsFinding withSuspiciousFeatures() {
        return new LungRadsFinding(kind, meanDiameterMm, solidPartMm, presence, examDate, priors, previousCategory,
                provenBenign, true);
    }

    public LungRadsFinding withProvenBenign() {
        return new LungRadsFinding(kind, meanDiameterMm, solidPartMm, presence, examDate, priors, previousCategory, true,
                suspiciousFeatures);
    }
}
