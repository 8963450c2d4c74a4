package org.noduletrack.app.followup;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.noduletrack.dicom.geom.Vec3;

/**
 * One nodule followed over the patient's CTs.
 *
 * @param id                stable identifier within the patient's findings ("N1", "N2", ...)
 * @param seedLps           the click on the current study, LPS mm of that study
 * @param observations      one per study of the case, oldest first (the last is the current study)
 * @param growth            from the most recent earlier date it was measured on to the current study
 * @param growthSinceFirst  from the first date it was measured on to the current study (empty with fewer than 3 dates)
 * @param guideline         the guideline's suggestion for this nodule at the current study
 */
public record TrackedNodule(String id, Vec3 seedLps, List<NoduleObservation> observations, Optional<NoduleGrowth> growth,
                            Optional<NoduleGrowth> growthSinceFirst, Optional<GuidelineResult> guideline) {
    public TrackedNodule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(seedLps, "seedLps");
        observations = List.copyOf(observations);
        if (observations.isEmpty()) {
            throw new IllegalArgumentException("a tracked nodule has at least the current observation");
        }
    }

    public NoduleObservation current() { return observations.getLast(); }

    public Optional<NoduleObservation> at(FollowUpStudy study) {
        return observations.stream().filter(o -> o.study().equals(study)).findFirst();
    }
}
