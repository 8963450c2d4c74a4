package org.noduletrack.app.followup;

import java.util.Objects;
import java.util.Optional;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.model.Measurement;

/**
 * A tracked nodule at one date.
 *
 * @param seedLps     where segmentation started, LPS mm of that study (the click, or the registered position)
 * @param measurement the segmentation's measurement; empty when {@link MatchState#NOT_FOUND}
 */
public record NoduleObservation(FollowUpStudy study, Vec3 seedLps, MatchState state, Optional<Measurement> measurement) {
    public NoduleObservation {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(seedLps, "seedLps");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(measurement, "measurement");
        if (measurement.isEmpty() != (state == MatchState.NOT_FOUND)) {
            throw new IllegalArgumentException("a measurement is present exactly when the nodule was found: " + state);
        }
    }

    public boolean found() { return measurement.isPresent(); }

    /** The measured centroid, else the seed. */
    public Vec3 centreLps() { return measurement.map(Measurement::centroidLps).orElse(seedLps); }

    public NoduleObservation withState(MatchState s) { return new NoduleObservation(study, seedLps, s, measurement); }
}
