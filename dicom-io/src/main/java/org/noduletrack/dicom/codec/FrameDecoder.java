package org.noduletrack.dicom.codec;

import java.io.IOException;

/** Decodes one encoded frame of one transfer syntax. */
public interface FrameDecoder {
    /**
     * @param encoded    the frame's bytes: native little-endian pixel data, or the concatenated fragments of one frame
     * @param descriptor the Image Pixel attributes of the data set
     */
    DecodedFrame decode(byte[] encoded, PixelDescriptor descriptor) throws IOException;
}
