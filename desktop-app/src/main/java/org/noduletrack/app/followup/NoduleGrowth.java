package org.noduletrack.app.followup;

import java.util.Objects;
import java.util.OptionalDouble;
import org.noduletrack.nodule.growth.GrowthAssessment;

/** Volume change of one nodule between two dates. */
public record NoduleGrowth(FollowUpStudy from, FollowUpStudy to, GrowthAssessment assessment) {
    public NoduleGrowth {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(assessment, "assessment");
    }

    public double volumeChangePercent() { return 100 * assessment.volumeChangeFraction(); }

    /** Volume doubling time in days, only when the nodule grows beyond the measurement variability. */
    public OptionalDouble vdtDays() {
        return assessment.trend() == GrowthAssessment.Trend.GROWTH ? assessment.vdtDays() : OptionalDouble.empty();
    }

    /** The change is within the ±25 % volume measurement variability. */
    public boolean withinVariability() { return assessment.trend() == GrowthAssessment.Trend.NO_SIGNIFICANT_CHANGE; }
}
