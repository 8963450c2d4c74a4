package org.noduletrack.archive.importer;

import java.util.List;
import java.util.Optional;

/**
 * What an import did. Counts are exact; the lists of skipped and failed files keep at most
 * {@link Importer#MAX_LISTED} entries each.
 *
 * @param imported   instances added to the library
 * @param duplicates files whose SOP Instance UID and content the library already held
 * @param conflicts  files with a SOP Instance UID the library holds with different content: kept aside (quarantine)
 * @param skipped    files that are not DICOM instances (viewers, autorun, images, DICOMDIR): expected on media
 * @param failed     files that could not be read or are damaged DICOM
 * @param series     per series: what was imported or found already present
 * @param dangling   files the DICOMDIR references that are not on the medium
 * @param notes      remarks (DICOMDIR repairs, fallback to scanning)
 * @param cancelled  the user cancelled; what was imported until then is in the library
 * @param error      why the import stopped early (disk full, library not writable), if it did
 */
public record ImportReport(long imported, long duplicates, long conflicts, long skipped, long failed, long bytesImported,
                           double seconds, List<SeriesTally> series, List<FileProblem> skippedFiles,
                           List<FileProblem> failedFiles, List<String> dangling, List<String> notes, boolean cancelled,
                           Optional<String> error) {
    public ImportReport {
        series = List.copyOf(series);
        skippedFiles = List.copyOf(skippedFiles);
        failedFiles = List.copyOf(failedFiles);
        dangling = List.copyOf(dangling);
        notes = List.copyOf(notes);
    }

    /** A file that was not imported, and why. */
    public record FileProblem(String file, String reason) {}

    /**
     * Per series: instances imported and instances already present (duplicates).
     *
     * @param patientName display form of the patient name (for the user's report; never logged)
     */
    public record SeriesTally(String patientId, String patientName, String studyUid, String studyDate,
                              String seriesUid, String modality, String description, long imported, long duplicates) {}

    public boolean complete() { return !cancelled && error.isEmpty() && failed == 0; }
}
