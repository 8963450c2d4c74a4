package org.noduletrack.dicom.codec.rle;

import java.io.IOException;

/** Thrown when an RLE Lossless fragment is malformed or does not match the image it is said to hold. */
public final class RleException extends IOException {

    private static final long serialVersionUID = 1L;

    public RleException(String message) {
        super(message);
    }
}
