package org.noduletrack.archive.casefolder;

import java.util.Optional;
import org.noduletrack.archive.PatientKey;
import org.noduletrack.archive.SopInstanceUid;
import org.noduletrack.archive.index.ReportKind;

/**
 * A report in a case folder: an attached file ({@code filePath}, relative to the library root) or a DICOM SR /
 * encapsulated PDF instance found on imported media ({@code instance}).
 *
 * @param date DA string (YYYYMMDD) or empty
 */
public record ReportEntry(long id, PatientKey patient, ReportKind kind, String title, String date,
                          Optional<String> filePath, Optional<SopInstanceUid> instance) {
}
