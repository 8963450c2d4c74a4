package org.noduletrack.dicom.codec;

import java.io.IOException;
import org.noduletrack.dicom.codec.jpegls.JpegLsDecoder;
import org.noduletrack.dicom.codec.jpegls.JpegLsImage;

/** JPEG-LS lossless and near-lossless through our own decoder. */
public final class JpegLsFrameDecoder implements FrameDecoder {
    @Override
    public DecodedFrame decode(byte[] encoded, PixelDescriptor d) throws IOException {
        JpegLsImage img = new JpegLsDecoder().decode(encoded);
        if (img.width() != d.columns() || img.height() != d.rows() || img.components() != d.samplesPerPixel()) {
            throw new PixelDataException("JPEG-LS codestream is " + img.width() + "x" + img.height() + "x" + img.components()
                    + " but the header says " + d.columns() + "x" + d.rows() + "x" + d.samplesPerPixel());
        }
        int[] s = img.samples();
        // The codestream carries the stored bit pattern; signed data is its two's complement masked to Bits Stored.
        if (d.signed()) {
            for (int i = 0; i < s.length; i++) {
                s[i] = NativeFrameDecoder.storedValue(s[i], 0, d.bitsStored(), true);
            }
        }
        PixelDescriptor out = d.samplesPerPixel() == 1 ? d : d.withPhotometric(d.photometricInterpretation(), 0);
        return new DecodedFrame(out, s);
    }
}
