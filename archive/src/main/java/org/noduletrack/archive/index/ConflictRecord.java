package org.noduletrack.archive.index;

import org.noduletrack.archive.SopInstanceUid;

/** A file kept aside because the library already holds different content under its SOP Instance UID. */
public record ConflictRecord(SopInstanceUid uid, String filePath, long size, String sha256, String source) {
}
