package org.noduletrack.dicom.codec;

import java.io.IOException;
import org.noduletrack.dicom.codec.jpeg.JpegDctDecoder;
import org.noduletrack.dicom.codec.jpeg.JpegDctImage;

/**
 * The JPEG family (PS3.5 A.4.1): 12-bit DCT frames (extended process 4), which the ImageIO plugin rejects, go to our
 * own decoder; everything else (8-bit baseline/extended, lossless process 14) to TwelveMonkeys through ImageIO.
 */
public final class JpegFrameDecoder implements FrameDecoder {
    private final FrameDecoder imageIo = ImageIoFrameDecoder.jpeg();

    @Override
    public DecodedFrame decode(byte[] encoded, PixelDescriptor d) throws IOException {
        if (!isTwelveBitDct(encoded)) {
            return imageIo.decode(encoded, d);
        }
        JpegDctImage img = new JpegDctDecoder().decode(encoded);
        if (img.width() != d.columns() || img.height() != d.rows() || img.components() != d.samplesPerPixel()) {
            throw new PixelDataException("JPEG codestream is " + img.width() + "x" + img.height() + "x" + img.components()
                    + " but the header says " + d.columns() + "x" + d.rows() + "x" + d.samplesPerPixel());
        }
        int[] s = img.samples();
        if (d.signed()) {
            for (int i = 0; i < s.length; i++) {
                s[i] = NativeFrameDecoder.storedValue(s[i], 0, d.bitsStored(), true);
            }
        }
        return new DecodedFrame(d, s);
    }

    /** Finds the first SOF marker: SOF0/SOF1 with sample precision 12. */
    static boolean isTwelveBitDct(byte[] b) {
        int i = 2; // after SOI
        while (i + 4 < b.length) {
            if ((b[i] & 0xFF) != 0xFF) {
                return false;
            }
            int marker = b[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            int len = ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
            if (marker == 0xC0 || marker == 0xC1) {
                return i + 4 < b.length && (b[i + 4] & 0xFF) == 12;
            }
            if (marker >= 0xC2 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                return false; // another SOF: progressive, lossless, hierarchical or arithmetic
            }
            i += 2 + len;
        }
        return false;
    }
}
