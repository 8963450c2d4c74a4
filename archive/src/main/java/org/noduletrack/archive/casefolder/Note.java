package org.noduletrack.archive.casefolder;

import java.time.Instant;

/** A note in a patient's case folder. */
public record Note(long id, String author, Instant createdAt, String text) {
}
