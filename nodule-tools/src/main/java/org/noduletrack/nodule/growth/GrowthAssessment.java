package org.noduletrack.nodule.growth;

import java.util.OptionalDouble;

/**
 * Volume change between two measurements of one nodule.
 *
 * @param volumeChangeFraction (V2 − V1) / V1
 * @param trend                growth or shrinkage beyond measurement variability, or neither
 * @param vdtDays              volume doubling time, reported only when the change exceeds the variability (negative:
 *                             shrinking); empty for no significant change
 * @param rawVdtDays           Δt·ln2/ln(V2/V1) whatever the change (infinite when V2 = V1)
 * @param band                 VDT band (solid nodules only)
 * @param explanationEn        plain-language summary, English
 * @param explanationZh        plain-language summary, Simplified Chinese
 */
public record GrowthAssessment(double volume1Mm3, double volume2Mm3, double intervalDays, double volumeChangeFraction,
                               Trend trend, OptionalDouble vdtDays, double rawVdtDays, VdtBand band, String explanationEn,
                               String explanationZh) {
    public enum Trend { GROWTH, NO_SIGNIFICANT_CHANGE, SHRINKAGE }

    public enum VdtBand {
        /** VDT below 400 d. */
        MALIGNANT_RANGE,
        /** 400 to 600 d. */
        INDETERMINATE,
        /** Above 600 d. */
        BENIGN_RANGE,
        /** No significant growth, shrinking, or a subsolid nodule (the 400-d cut-off does not apply). */
        NOT_APPLICABLE
    }
}
