package org.noduletrack.nodule.model;

import java.util.Objects;

/** The series a measurement was made on and the patient frame its LPS coordinates belong to. */
public record SeriesRef(String seriesUid, String frameOfReferenceUid) {
    public SeriesRef {
        Objects.requireNonNull(seriesUid, "seriesUid");
        Objects.requireNonNull(frameOfReferenceUid, "frameOfReferenceUid");
    }
}
