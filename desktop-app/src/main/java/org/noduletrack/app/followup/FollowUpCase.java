package org.noduletrack.app.followup;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.noduletrack.archive.index.PatientRecord;

/**
 * The follow-up of one patient as it stands: the current CT, the priors compared with it, their registrations, the
 * tracked nodules with per-date measurements, growth and guideline, and the exam-level guideline result.
 *
 * @param priors        oldest first
 * @param registrations one per prior, same order
 * @param exam          the exam-level suggestion (Lung-RADS exam category, Fleischner for all nodules together);
 *                      empty without nodules or while {@link GuidelineContext#missing()} is not empty
 */
public record FollowUpCase(PatientRecord patient, FollowUpStudy current, List<FollowUpStudy> priors,
                           List<StudyRegistration> registrations, GuidelineContext context, List<TrackedNodule> nodules,
                           Optional<GuidelineResult> exam) {
    public FollowUpCase {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(exam, "exam");
        priors = List.copyOf(priors);
        registrations = List.copyOf(registrations);
        nodules = List.copyOf(nodules);
        if (registrations.size() != priors.size()) {
            throw new IllegalArgumentException(registrations.size() + " registrations for " + priors.size() + " priors");
        }
    }

    /** Every study of the case, oldest first (priors then current). */
    public List<FollowUpStudy> studies() {
        return java.util.stream.Stream.concat(priors.stream(), java.util.stream.Stream.of(current)).toList();
    }

    public Optional<StudyRegistration> registrationOf(FollowUpStudy prior) {
        return registrations.stream().filter(r -> r.prior().equals(prior)).findFirst();
    }

    public Optional<TrackedNodule> nodule(String id) {
        return nodules.stream().filter(n -> n.id().equals(id)).findFirst();
    }
}
