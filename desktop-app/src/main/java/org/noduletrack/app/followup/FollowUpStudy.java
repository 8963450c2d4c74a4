package org.noduletrack.app.followup;

import java.time.LocalDate;
import java.util.Objects;
import org.noduletrack.archive.SeriesUid;
import org.noduletrack.archive.StudyUid;
import org.noduletrack.nodule.model.SeriesRef;

/**
 * One chest CT of a patient's timeline: the study and the series chosen to measure on (see {@link CtSeriesChooser}).
 *
 * @param date               study date (series date when the study has none)
 * @param slices             instances of the series held in the library
 * @param sliceThicknessMm   slice thickness, NaN when unknown
 */
public record FollowUpStudy(StudyUid studyUid, SeriesUid seriesUid, String frameOfReferenceUid, LocalDate date,
                            String description, int slices, double sliceThicknessMm) {
    public FollowUpStudy {
        Objects.requireNonNull(studyUid, "studyUid");
        Objects.requireNonNull(seriesUid, "seriesUid");
        Objects.requireNonNull(frameOfReferenceUid, "frameOfReferenceUid");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(description, "description");
    }

    /** The series reference measurements made on this study carry. */
    public SeriesRef seriesRef() { return new SeriesRef(seriesUid.value(), frameOfReferenceUid); }
}
