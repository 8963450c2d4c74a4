package org.noduletrack.dicom.io;

import org.noduletrack.dicom.data.TagFormat;

/** A tolerated deviation from the standard, found while reading, and what the reader did about it. */
public record ParseIssue(long offset, int tag, String message) {
    @Override
    public String toString() {
        return "byte " + offset + (tag != DicomParseException.NO_TAG ? " " + TagFormat.toString(tag) : "") + ": " + message;
    }
}
