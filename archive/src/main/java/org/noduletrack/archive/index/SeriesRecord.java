package org.noduletrack.archive.index;

import java.util.OptionalInt;
import org.noduletrack.archive.PatientKey;
import org.noduletrack.archive.SeriesUid;
import org.noduletrack.archive.StudyUid;

/**
 * A series held in the library; {@code instances} is the number of instances held, {@code kernel} the reconstruction
 * kernel (empty when not given, or for series indexed before library version 4).
 */
public record SeriesRecord(SeriesUid uid, StudyUid study, PatientKey patient, String patientId, String modality,
                           OptionalInt number, String date, String description, String kernel, String bodyPart,
                           String frameOfReferenceUid, GeometrySummary geometry, int instances) {
}
