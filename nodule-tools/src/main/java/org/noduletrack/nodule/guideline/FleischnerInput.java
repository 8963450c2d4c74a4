package org.noduletrack.nodule.guideline;

import org.noduletrack.nodule.measurement.Rounding;

import java.util.List;
import java.util.OptionalDouble;
import org.noduletrack.nodule.model.NoduleType;

/**
 * What the Fleischner 2017 rules need about the patient and the exam.
 *
 * @param screeningCt       the CT is a lung-cancer screening exam (then Lung-RADS applies, not Fleischner)
 * @param knownPrimaryCancer patient has a known primary cancer
 * @param immunocompromised patient is immunosuppressed or immunocompromised
 * @param highRisk          smoking history or other known risk factor (Fleischner "high risk")
 * @param nodules           every nodule found on the exam (more than one: the "multiple" rows apply)
 */
public record FleischnerInput(int ageYears, boolean screeningCt, boolean knownPrimaryCancer, boolean immunocompromised,
                              boolean highRisk, List<Finding> nodules) {
    public FleischnerInput {
        nodules = List.copyOf(nodules);
    }

    /**
     * One nodule. Sizes are unrounded millimetres (the engine rounds to whole mm); the volume is used only when no mean
     * diameter is given.
     *
     * @param meanDiameterMm      mean of long and short axis (total size for subsolid nodules)
     * @param solidPartMm         mean diameter of the solid component (part-solid only; 0 otherwise)
     * @param volumeMm3           volume alternative
     */
    public record Finding(NoduleType type, OptionalDouble meanDiameterMm, double solidPartMm, OptionalDouble volumeMm3) {
        public static Finding ofAxes(NoduleType type, double longAxisMm, double shortAxisMm) {
            return new Finding(type, OptionalDouble.of(Rounding.meanOfAxes(longAxisMm, shortAxisMm)), 0, OptionalDouble.empty());
        }

        public static Finding ofMean(NoduleType type, double meanDiameterMm) {
            return new Finding(type, OptionalDouble.of(meanDiameterMm), 0, OptionalDouble.empty());
        }

        public static Finding partSolid(double meanDiameterMm, double solidPartMm) {
            return new Finding(NoduleType.PART_SOLID, OptionalDouble.of(meanDiameterMm), solidPartMm, OptionalDouble.empty());
        }

        public static Finding ofVolume(NoduleType type, double volumeMm3) {
            return new Finding(type, OptionalDouble.empty(), 0, OptionalDouble.of(volumeMm3));
        }

        public Finding {
            if (meanDiameterMm.isEmpty() && volumeMm3.isEmpty()) {
                throw new IllegalArgumentException("a nodule needs a mean diameter or a volume");
            }
        }
    }

    public static FleischnerInput single(int ageYears, boolean highRisk, Finding nodule) {
        return new FleischnerInput(ageYears, false, false, false, highRisk, List.of(nodule));
    }
}
