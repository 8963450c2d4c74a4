package org.noduletrack.dicom.codec;

import java.io.IOException;
import org.noduletrack.dicom.codec.rle.RleDecoder;

/** RLE Lossless (PS3.5 Annex G): segments decode to native bytes, colour by plane. */
public final class RleFrameDecoder implements FrameDecoder {
    private final NativeFrameDecoder nativeDecoder = new NativeFrameDecoder();

    @Override
    public DecodedFrame decode(byte[] encoded, PixelDescriptor d) throws IOException {
        byte[] bytes = new RleDecoder().decode(encoded, d.rows(), d.columns(), d.samplesPerPixel(), d.bitsAllocated());
        // RLE always stores colour by plane, whatever Planar Configuration says (PS3.5 G.2).
        PixelDescriptor planar = d.samplesPerPixel() > 1 ? d.withPhotometric(d.photometricInterpretation(), 1) : d;
        return nativeDecoder.decode(bytes, planar);
    }
}
