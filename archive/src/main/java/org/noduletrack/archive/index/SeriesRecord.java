package org.noduletrack.archive.index;

import java.util.OptionalInt;
import org.noduletrack.archive.PatientKey;
import org.noduletrack.archive.SeriesUid;
import org.noduletrack.archive.StudyUid;

/** A series held in the library; {@code instances} is the number of instances held. */
public record SeriesRecord(SeriesUid uid, StudyUid study, PatientKey patient, String patientId, String modality,
                           OptionalInt number, String date, String description, String bodyPart,
                           String frameOfReferenceUid, GeometrySummary geometry, int instances) {
}
