package org.noduletrack.nodule.measurement;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Guideline rounding in decimal arithmetic, ties half-up (an implementation choice: neither guideline states a tie
 * rule). A double is taken at its shortest decimal representation ({@link BigDecimal#valueOf(double)}), so 7.95 is 7.95,
 * not 7.9499999…
 */
public final class Rounding {
    private Rounding() {}

    private static final BigDecimal TWO = BigDecimal.valueOf(2);

    /** Fleischner 2017: whole millimetres. */
    public static int wholeMm(double mm) {
        return BigDecimal.valueOf(mm).setScale(0, RoundingMode.HALF_UP).intValueExact();
    }

    /** Lung-RADS v2022: one decimal. */
    public static double tenthMm(double mm) {
        return BigDecimal.valueOf(mm).setScale(1, RoundingMode.HALF_UP).doubleValue();
    }

    /** Exact decimal mean of two axes ((long + short) / 2), unrounded. */
    public static double meanOfAxes(double longAxisMm, double shortAxisMm) {
        return BigDecimal.valueOf(longAxisMm).add(BigDecimal.valueOf(shortAxisMm)).divide(TWO).doubleValue();
    }

    /** Fleischner size: mean of the axes rounded to whole mm. */
    public static int fleischnerSizeMm(double longAxisMm, double shortAxisMm) {
        return wholeMm(meanOfAxes(longAxisMm, shortAxisMm));
    }

    /** Lung-RADS size: each axis to one decimal, then their mean to one decimal. */
    public static double lungRadsMeanMm(double longAxisMm, double shortAxisMm) {
        return tenthMm(meanOfAxes(tenthMm(longAxisMm), tenthMm(shortAxisMm)));
    }

    /** {@code a - b} compared with {@code limit} in decimal: sign of (a − b − limit). */
    public static int compareDifference(double a, double b, double limit) {
        return BigDecimal.valueOf(a).subtract(BigDecimal.valueOf(b)).compareTo(BigDecimal.valueOf(limit));
    }

    /** Decimal comparison of two doubles at their shortest representation. */
    public static int compare(double a, double b) {
        return BigDecimal.valueOf(a).compareTo(BigDecimal.valueOf(b));
    }
}
