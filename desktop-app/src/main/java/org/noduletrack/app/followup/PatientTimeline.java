package org.noduletrack.app.followup;

import java.util.List;
import java.util.Optional;
import org.noduletrack.archive.index.PatientRecord;

/**
 * A patient's chest CTs, oldest first, one per study (studies without a usable CT series or without a date are left
 * out). The latest is the default "current" study; the one before it the proposed prior.
 */
public record PatientTimeline(PatientRecord patient, List<FollowUpStudy> studies) {
    public PatientTimeline {
        studies = studies.stream().sorted(java.util.Comparator.comparing(FollowUpStudy::date)).toList();
    }

    public Optional<FollowUpStudy> latest() {
        return studies.isEmpty() ? Optional.empty() : Optional.of(studies.getLast());
    }

    /** The most recent study before the latest: what "Compare with prior" proposes. */
    public Optional<FollowUpStudy> proposedPrior() {
        return studies.size() < 2 ? Optional.empty() : Optional.of(studies.get(studies.size() - 2));
    }

    /** Every study dated before {@code current}, oldest first. */
    public List<FollowUpStudy> priorsOf(FollowUpStudy current) {
        return studies.stream().filter(s -> s.date().isBefore(current.date())).toList();
    }
}
