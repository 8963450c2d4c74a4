package org.noduletrack.app.viewmodel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.noduletrack.nodule.growth.GrowthAnalyzer;
import org.noduletrack.nodule.growth.GrowthAssessment;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.nodule.model.SeriesRef;
import org.noduletrack.nodule.segmentation.Segmentation;

/** One nodule followed over the timeline: its segmentation on each scan date (oldest first), with the match state. */
public record NoduleTrack(String id, List<AtDate> dates) {
    /** How the nodule on a prior was found. */
    public enum Match {
        /** The scan the reader clicked on. */
        CURRENT,
        /** Found through the registration, not reviewed yet. */
        PROPOSED,
        /** Reviewed (or re-seeded) by the reader. */
        CONFIRMED,
        /** The reader says this is not the same nodule: left out of growth and guideline. */
        REJECTED,
        /** Nothing segmentable at the registered position (a new nodule, or a miss to re-seed). */
        NOT_FOUND
    }

    public record AtDate(LocalDate date, SeriesRef series, Optional<Segmentation> segmentation, Match match) {
        public AtDate withMatch(Match m) { return new AtDate(date, series, segmentation, m); }

        /** The measurement when it counts (found and not rejected). */
        public Optional<Measurement> measurement() {
            return match == Match.REJECTED ? Optional.empty() : segmentation.map(Segmentation::measurement);
        }
    }

    public NoduleTrack {
        dates = dates.stream().sorted(Comparator.comparing(AtDate::date)).toList();
    }

    public Optional<AtDate> at(LocalDate date) { return dates.stream().filter(a -> a.date().equals(date)).findFirst(); }

    /** The latest date (the current scan). */
    public AtDate latest() { return dates.getLast(); }

    /** The same track with {@code a} replacing the entry of its date. */
    public NoduleTrack with(AtDate a) {
        List<AtDate> l = new ArrayList<>(dates.stream().filter(d -> !d.date().equals(a.date())).toList());
        l.add(a);
        return new NoduleTrack(id, l);
    }

    /** The most recent earlier date with a counted measurement, if any. */
    public Optional<AtDate> previousMeasured() {
        for (int i = dates.size() - 2; i >= 0; i--) {
            if (dates.get(i).measurement().isPresent()) {
                return Optional.of(dates.get(i));
            }
        }
        return Optional.empty();
    }

    /** Growth from the previous measured date to the latest (empty without both). */
    public Optional<GrowthAssessment> growth(GrowthAnalyzer analyzer) {
        Optional<Measurement> now = latest().measurement();
        Optional<AtDate> prev = previousMeasured();
        if (now.isEmpty() || prev.isEmpty()) {
            return Optional.empty();
        }
        Measurement p = prev.get().measurement().orElseThrow();
        long days = FollowUpViewModel.days(prev.get().date(), latest().date());
        if (days <= 0 || p.volumeMm3() <= 0) {
            return Optional.empty();
        }
        return Optional.of(analyzer.assess(p.volumeMm3(), now.get().volumeMm3(), days, now.get().type()));
    }
}
