package org.noduletrack.samples.generator;

/**
 * How a nodule's volume changes: V(t) = V_baseline * 2^(t / volumeDoublingTimeDays) while present (t in days from
 * the baseline study; a negative doubling time shrinks). NEW nodules are absent before {@code appearsAtTimepoint};
 * RESOLVING ones are absent from {@code resolvedAtTimepoint} on.
 */
public record GrowthLaw(Kind kind, double volumeDoublingTimeDays, int appearsAtTimepoint, int resolvedAtTimepoint) {
    public enum Kind { STABLE, GROWING, NEW, SHRINKING, RESOLVING }

    public static GrowthLaw stable() { return new GrowthLaw(Kind.STABLE, Double.POSITIVE_INFINITY, 0, Integer.MAX_VALUE); }

    public double volumeFactor(double daysFromBaseline) {
        return Double.isInfinite(volumeDoublingTimeDays) ? 1 : Math.pow(2, daysFromBaseline / volumeDoublingTimeDays);
    }

    public boolean presentAt(int timepoint) {
        return timepoint >= appearsAtTimepoint && timepoint < resolvedAtTimepoint;
    }
}
