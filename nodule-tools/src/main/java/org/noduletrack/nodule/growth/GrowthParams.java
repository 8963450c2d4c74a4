package org.noduletrack.nodule.growth;

/**
 * Thresholds of the growth assessment.
 *
 * @param variabilityFraction volume change within ±this fraction is measurement variability (0.25: NELSON/BTS)
 * @param suspiciousVdtDays   solid nodules: VDT below this is in the malignant range (400 d)
 * @param benignVdtDays       solid nodules: VDT above this is in the benign range (600 d)
 */
public record GrowthParams(double variabilityFraction, double suspiciousVdtDays, double benignVdtDays) {
    public static final GrowthParams DEFAULTS = new GrowthParams(0.25, 400, 600);
}
