package org.noduletrack.samples.bundle;

import java.io.IOException;
import java.util.List;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.DecodedFrame;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.dicom.codec.PixelDescriptor;
import org.noduletrack.dicom.codec.jpegls.JpegLsEncoder;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.FragmentsElement;
import org.noduletrack.dicom.data.InlineValue;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomFile;

/**
 * Re-encodes single-frame greyscale native pixel data as JPEG-LS lossless. Only the Pixel Data element changes: the
 * values decode to exactly the stored values, so the SOP Instance UID may stay (PS3.5 8.2: lossless re-encoding).
 */
public final class JpegLsTranscoder {
    /** JPEG-LS Lossless Image Compression. */
    public static final String TRANSFER_SYNTAX = "1.2.840.10008.1.2.4.80";

    private final PixelDataReader pixels = new PixelDataReader(CodecRegistry.standard());
    private final JpegLsEncoder encoder = new JpegLsEncoder();

    /** The data set of {@code file} with its pixel data JPEG-LS encoded, to be written with {@link #TRANSFER_SYNTAX}. */
    public DicomDataset encode(DicomFile file) throws IOException {
        PixelDescriptor d = pixels.descriptor(file);
        if (d.frames() != 1 || d.samplesPerPixel() != 1 || d.bitsAllocated() != 16) {
            throw new IllegalArgumentException("only single-frame 16-bit-allocated greyscale is transcoded, not "
                    + d.frames() + " frame(s) of " + d.samplesPerPixel() + "x" + d.bitsAllocated() + " bits");
        }
        DecodedFrame frame = pixels.decodeFrame(file, 0);
        byte[] codestream = encoder.encodeStored(d.columns(), d.rows(), d.bitsStored(), d.signed(), frame.samples());
        return file.dataset().toBuilder().put(encapsulate(codestream)).build();
    }

    /** One frame, one fragment, an empty Basic Offset Table (allowed for single-frame images, PS3.5 A.4). */
    public static FragmentsElement encapsulate(byte[] codestream) {
        return new FragmentsElement(Tags.PixelData, Vr.OB, InlineValue.of(new byte[0]), List.of(InlineValue.of(codestream)));
    }
}
