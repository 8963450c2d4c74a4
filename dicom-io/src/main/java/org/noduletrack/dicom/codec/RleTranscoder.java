package org.noduletrack.dicom.codec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.noduletrack.dicom.codec.rle.RleEncoder;
import org.noduletrack.dicom.data.BinaryValue;
import org.noduletrack.dicom.data.DatasetBuilder;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.FragmentsElement;
import org.noduletrack.dicom.data.InlineValue;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomFile;

/**
 * Re-encodes native pixel data as RLE Lossless (PS3.5 Annex G): one fragment per frame, with a Basic Offset Table.
 * The result is written with transfer syntax {@link #TRANSFER_SYNTAX}.
 */
public final class RleTranscoder {
    public static final String TRANSFER_SYNTAX = "1.2.840.10008.1.2.5";

    private final PixelDataReader pixels;

    public RleTranscoder(PixelDataReader pixels) {
        this.pixels = pixels;
    }

    public DicomDataset encode(DicomFile file) throws IOException {
        if (!file.transferSyntax().isNative()) {
            throw new IllegalArgumentException("pixel data is already encapsulated (" + file.transferSyntax().uid() + ")");
        }
        PixelDescriptor d = pixels.descriptor(file);
        if (d.bitsAllocated() == 1) {
            throw new PixelDataException("RLE of 1-bit pixel data is not supported");
        }
        RleEncoder encoder = new RleEncoder();
        List<BinaryValue> fragments = new ArrayList<>();
        byte[] bot = new byte[4 * d.frames()];
        long offset = 0;
        for (int f = 0; f < d.frames(); f++) {
            byte[] nativeFrame = pixels.encodedFrame(file, f);
            if (d.samplesPerPixel() > 1 && d.planarConfiguration() == 1) {
                nativeFrame = byPixel(nativeFrame, d);
            }
            byte[] rle = encoder.encode(nativeFrame, d.rows(), d.columns(), d.samplesPerPixel(), d.bitsAllocated());
            putInt(bot, 4 * f, (int) offset);
            offset += 8 + ((rle.length + 1) & ~1);
            fragments.add(InlineValue.of(rle));
        }
        DatasetBuilder b = file.dataset().toBuilder();
        b.put(new FragmentsElement(Tags.PixelData, Vr.OB, InlineValue.of(bot), fragments));
        if (d.samplesPerPixel() > 1) {
            b.putInts(Tags.PlanarConfiguration, Vr.US, 1); // RLE is colour-by-plane by construction (PS3.5 G.2)
        }
        return b.build();
    }

    /** The encoder takes colour-by-pixel input; interleave a colour-by-plane frame first. */
    private static byte[] byPixel(byte[] planar, PixelDescriptor d) {
        int bytesPerSample = d.bitsAllocated() / 8;
        int pixelsPerFrame = d.rows() * d.columns();
        int spp = d.samplesPerPixel();
        byte[] out = new byte[planar.length];
        for (int c = 0; c < spp; c++) {
            for (int p = 0; p < pixelsPerFrame; p++) {
                System.arraycopy(planar, (c * pixelsPerFrame + p) * bytesPerSample, out, (p * spp + c) * bytesPerSample, bytesPerSample);
            }
        }
        return out;
    }

    private static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
