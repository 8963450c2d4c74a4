package org.noduletrack.archive.index;

import java.util.List;
import org.noduletrack.archive.PatientKey;
import org.noduletrack.archive.StudyUid;

/**
 * A study held in the library.
 *
 * @param date       Study Date (DA, YYYYMMDD) or empty
 * @param time       Study Time (TM) or empty
 * @param modalities distinct modalities of its series, sorted
 */
public record StudyRecord(StudyUid uid, PatientKey patient, String patientId, String date, String time,
                          String accessionNumber, String studyId, String description, List<String> modalities,
                          int series, int instances) {
    public StudyRecord {
        modalities = List.copyOf(modalities);
    }
}
