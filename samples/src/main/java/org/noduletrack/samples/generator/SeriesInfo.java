package org.noduletrack.samples.generator;

import java.time.LocalDate;

/**
 * Identifiers and descriptive attributes of one generated series (one study per date, one series per study).
 */
public record SeriesInfo(String patientId, String patientName, LocalDate birthDate, String sex, String studyInstanceUid,
                         String seriesInstanceUid, String frameOfReferenceUid, LocalDate studyDate, String accessionNumber,
                         int seriesNumber, String seriesDescription, double sliceThicknessMm, String instanceUidPrefix) {
}
