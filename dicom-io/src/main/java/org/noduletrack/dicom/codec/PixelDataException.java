package org.noduletrack.dicom.codec;

import java.io.IOException;

/** Pixel data that is missing, inconsistent with its descriptor, or corrupt. */
public class PixelDataException extends IOException {
    public PixelDataException(String message) { super(message); }

    public PixelDataException(String message, Throwable cause) { super(message, cause); }
}
