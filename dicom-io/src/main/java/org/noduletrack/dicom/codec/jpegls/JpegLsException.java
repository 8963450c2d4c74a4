package org.noduletrack.dicom.codec.jpegls;

import java.io.IOException;

/**
 * Thrown when a JPEG-LS codestream is malformed, truncated or uses a feature this decoder does not
 * support. The message names the problem and the byte offset in the codestream where it was found.
 */
public final class JpegLsException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int offset;

    public JpegLsException(String problem, int offset) {
        super(problem + " (at byte offset " + offset + ")");
        this.offset = offset;
    }

    /** Byte offset in the codestream at (or near, inside entropy-coded data) which the problem was detected. */
    public int offset() {
        return offset;
    }
}
