package org.noduletrack.archive.index;

import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.noduletrack.archive.SeriesUid;
import org.noduletrack.archive.SopInstanceUid;
import org.noduletrack.archive.StudyUid;
import org.noduletrack.dicom.charset.PersonName;

/**
 * Everything the index keeps about one instance, taken from a header-only read by {@link SeriesIndexer}.
 * Text is decoded with the instance's Specific Character Set. Absent strings are empty.
 */
public record InstanceHeader(
        // patient
        String patientId, String issuer, PersonName patientName, String birthDate, String sex,
        // study
        StudyUid studyUid, String studyDate, String studyTime, String accessionNumber, String studyId,
        String studyDescription,
        // series
        SeriesUid seriesUid, String modality, OptionalInt seriesNumber, String seriesDate, String seriesDescription,
        String bodyPart, String convolutionKernel, String frameOfReferenceUid, int rows, int columns, double rowSpacingMm,
        double columnSpacingMm, double sliceThicknessMm, String orientation,
        // instance
        SopInstanceUid sopUid, String sopClassUid, OptionalInt instanceNumber, String transferSyntaxUid,
        OptionalDouble slicePositionMm, int frames, String contentDate, String documentTitle) {

    /** Identity of the patient record: a different ID, issuer, name or birth date is a different patient. */
    public String patientIdentityKey() {
        return String.join("\u001f", patientId, issuer, patientName.toDicomString(), birthDate);
    }

    /** What kind of report this instance is, if it is one (DICOM SR or encapsulated PDF). */
    public java.util.Optional<ReportKind> reportKind() {
        if (sopClassUid.startsWith("1.2.840.10008.5.1.4.1.1.88.")) {
            return java.util.Optional.of(ReportKind.DICOM_SR);
        }
        if (sopClassUid.equals("1.2.840.10008.5.1.4.1.1.104.1")) {
            return java.util.Optional.of(ReportKind.ENCAPSULATED_PDF);
        }
        return java.util.Optional.empty();
    }
}
