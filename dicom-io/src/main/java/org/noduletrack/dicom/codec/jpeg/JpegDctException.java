package org.noduletrack.dicom.codec.jpeg;

import java.io.IOException;

/**
 * Thrown by {@link JpegDctDecoder} when a codestream is malformed, truncated, too large, or uses a JPEG
 * process this decoder does not implement (progressive, lossless, hierarchical, arithmetic coding). The
 * message names the problem and ends with the byte offset in the codestream where it was detected.
 */
public final class JpegDctException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int offset;

    public JpegDctException(String problem, int offset) {
        super(problem + " (at byte offset " + offset + ")");
        this.offset = offset;
    }

    /**
     * Byte offset in the codestream at which the problem was detected: the start of the offending marker
     * or field, or, inside entropy-coded data, the position the bit reader had reached.
     */
    public int offset() {
        return offset;
    }
}
