package org.noduletrack.dicom.io;

import java.io.IOException;
import org.noduletrack.dicom.data.TagFormat;

/** The input is not a DICOM stream we can read: says what was wrong, at which byte offset and in which element. */
public class DicomParseException extends IOException {
    private final long offset;
    private final int tag;

    public DicomParseException(String message, long offset, int tag) {
        super(message + " at byte " + offset + (tag != NO_TAG ? " in " + TagFormat.toString(tag) : ""));
        this.offset = offset;
        this.tag = tag;
    }

    public DicomParseException(String message, long offset, int tag, Throwable cause) {
        this(message, offset, tag);
        initCause(cause);
    }

    /** Marker for errors not tied to one element. */
    public static final int NO_TAG = -1;

    /** Byte offset in the file (or in the inflated stream for deflated data sets). */
    public long offset() { return offset; }

    public int tag() { return tag; }
}
