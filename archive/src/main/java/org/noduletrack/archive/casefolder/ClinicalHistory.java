package org.noduletrack.archive.casefolder;

import java.time.Instant;

/** Free-text clinical history of a patient, with who last changed it and when. */
public record ClinicalHistory(String text, Instant updatedAt, String updatedBy) {
}
