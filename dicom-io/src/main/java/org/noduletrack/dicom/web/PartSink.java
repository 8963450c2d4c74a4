package org.noduletrack.dicom.web;

import java.io.IOException;
import java.io.InputStream;

/**
 * Receives the parts of a multipart answer one at a time. {@code body} ends (-1) only after the part's closing boundary
 * was read, so a sink that keeps a part only after reading its body to the end never keeps a truncated one; a body
 * cut short throws {@link DicomWebException} ({@code CONNECTION} or {@code BAD_RESPONSE}) from {@code read}. What the
 * sink leaves unread is skipped.
 */
@FunctionalInterface
public interface PartSink {
    void accept(Part part, InputStream body) throws IOException;
}
