package org.noduletrack.nodule.growth;

import org.noduletrack.nodule.guideline.Explanations;

import java.util.Locale;
import java.util.OptionalDouble;
import org.noduletrack.nodule.growth.GrowthAssessment.Trend;
import org.noduletrack.nodule.growth.GrowthAssessment.VdtBand;
import org.noduletrack.nodule.model.NoduleType;

/**
 * Volume doubling time (modified Schwartz: VDT = Δt·ln2 / ln(V2/V1)) and the ±25 % measurement-variability rule. Pure.
 */
public final class GrowthAnalyzer {
    /** NELSON baseline volume categories for solid nodules. */
    public enum NelsonCategory { NEGATIVE, INDETERMINATE, POSITIVE }

    private final GrowthParams params;
    private final Explanations text;

    public GrowthAnalyzer(GrowthParams params, Explanations text) {
        this.params = params;
        this.text = text;
    }

    public GrowthAnalyzer() {
        this(GrowthParams.DEFAULTS, new Explanations());
    }

    /** Volume of a sphere of diameter d: πd³/6. */
    public static double sphereVolumeMm3(double diameterMm) {
        return Math.PI * diameterMm * diameterMm * diameterMm / 6;
    }

    /** Δt·ln2/ln(V2/V1); +∞ when V2 = V1, negative when shrinking. */
    public static double vdtDays(double v1, double v2, double days) {
        if (!(v1 > 0) || !(v2 > 0) || !(days > 0)) {
            throw new IllegalArgumentException("volumes and interval must be positive: " + v1 + ", " + v2 + ", " + days);
        }
        double l = Math.log(v2 / v1);
        return l == 0 ? Double.POSITIVE_INFINITY : days * Math.log(2) / l;
    }

    /** VDT from mean diameters: Δt·ln2 / (3·ln(d2/d1)). */
    public static double vdtDaysFromDiameters(double d1, double d2, double days) {
        return vdtDays(sphereVolumeMm3(d1), sphereVolumeMm3(d2), days);
    }

    /** NELSON: &lt; 50 mm³ negative, 50-500 indeterminate (repeat LDCT at ~3 months), &gt; 500 positive (boundaries inclusive in the middle). */
    public static NelsonCategory nelsonBaseline(double volumeMm3) {
        return volumeMm3 < 50 ? NelsonCategory.NEGATIVE : volumeMm3 <= 500 ? NelsonCategory.INDETERMINATE : NelsonCategory.POSITIVE;
    }

    public GrowthAssessment assess(double v1, double v2, double days, NoduleType type) {
        double raw = vdtDays(v1, v2, days);
        double ratio = v2 / v1;
        double eps = 1e-12;
        Trend trend = ratio >= 1 + params.variabilityFraction() - eps ? Trend.GROWTH
                : ratio <= 1 - params.variabilityFraction() + eps ? Trend.SHRINKAGE : Trend.NO_SIGNIFICANT_CHANGE;
        OptionalDouble vdt = trend == Trend.NO_SIGNIFICANT_CHANGE ? OptionalDouble.empty() : OptionalDouble.of(raw);
        VdtBand band = VdtBand.NOT_APPLICABLE;
        if (trend == Trend.GROWTH && type == NoduleType.SOLID) {
            band = raw < params.suspiciousVdtDays() ? VdtBand.MALIGNANT_RANGE
                    : raw <= params.benignVdtDays() ? VdtBand.INDETERMINATE : VdtBand.BENIGN_RANGE;
        }
        String pct = String.format(Locale.ROOT, "%+.1f", (ratio - 1) * 100);
        String days1 = String.format(Locale.ROOT, "%.0f", days);
        String vdtText = vdt.isPresent() ? String.format(Locale.ROOT, "%.1f", Math.abs(raw)) : "";
        String key = "growth." + trend.name();
        String en = text.en(key, pct, days1, vdtText, String.format(Locale.ROOT, "%.0f", params.variabilityFraction() * 100));
        String zh = text.zh(key, pct, days1, vdtText, String.format(Locale.ROOT, "%.0f", params.variabilityFraction() * 100));
        if (trend == Trend.GROWTH) {
            String bandKey = type == NoduleType.SOLID ? "growth.band." + band.name() : "growth.band.SUBSOLID";
            en += " " + text.en(bandKey);
            zh += " " + text.zh(bandKey);
        }
        en += " " + text.en("disclaimer");
        zh += " " + text.zh("disclaimer");
        return new GrowthAssessment(v1, v2, days, ratio - 1, trend, vdt, raw, band, en, zh);
    }

    /** Same from mean diameters (spheres). */
    public GrowthAssessment assessDiameters(double d1, double d2, double days, NoduleType type) {
        return assess(sphereVolumeMm3(d1), sphereVolumeMm3(d2), days, type);
    }
}
