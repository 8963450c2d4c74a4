package org.noduletrack.dicom.codec;

import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;

/**
 * The Image Pixel module attributes that say how to interpret pixel data (PS3.3 C.7.6.3).
 *
 * @param signed     Pixel Representation 1 (two's complement samples)
 * @param planarConfiguration 0 = colour-by-pixel (R1G1B1R2...), 1 = colour-by-plane
 */
public record PixelDescriptor(int rows, int columns, int samplesPerPixel, int bitsAllocated, int bitsStored, int highBit,
                              boolean signed, int planarConfiguration, String photometricInterpretation, int frames) {
    /** Largest frame we agree to decode into memory (samples); larger claims are corrupt headers, not images. */
    public static final long MAX_SAMPLES_PER_FRAME = 1L << 28;

    public PixelDescriptor {
        if (rows <= 0 || columns <= 0) {
            throw new IllegalArgumentException("image has no rows or columns (" + rows + "x" + columns + ")");
        }
        if (samplesPerPixel != 1 && samplesPerPixel != 3 && samplesPerPixel != 4) {
            throw new IllegalArgumentException("unsupported Samples per Pixel " + samplesPerPixel);
        }
        if (bitsAllocated != 1 && bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
            throw new IllegalArgumentException("unsupported Bits Allocated " + bitsAllocated);
        }
        if (bitsStored < 1 || bitsStored > bitsAllocated) {
            throw new IllegalArgumentException("Bits Stored " + bitsStored + " does not fit Bits Allocated " + bitsAllocated);
        }
        if (highBit < bitsStored - 1 || highBit >= bitsAllocated) {
            throw new IllegalArgumentException("High Bit " + highBit + " inconsistent with Bits Stored " + bitsStored);
        }
        if (frames < 1) {
            throw new IllegalArgumentException("Number of Frames " + frames);
        }
        if ((long) rows * columns * samplesPerPixel > MAX_SAMPLES_PER_FRAME) {
            throw new IllegalArgumentException("frame of " + rows + "x" + columns + "x" + samplesPerPixel + " samples is implausibly large");
        }
    }

    /** Reads the descriptor; missing High Bit and Bits Stored default from Bits Allocated as many writers assume. */
    public static PixelDescriptor of(DicomDataset ds) {
        int bitsAllocated = ds.intValue(Tags.BitsAllocated, 16);
        int bitsStored = ds.intValue(Tags.BitsStored, bitsAllocated);
        return new PixelDescriptor(
                ds.intValue(Tags.Rows, 0),
                ds.intValue(Tags.Columns, 0),
                ds.intValue(Tags.SamplesPerPixel, 1),
                bitsAllocated,
                bitsStored,
                ds.intValue(Tags.HighBit, bitsStored - 1),
                ds.intValue(Tags.PixelRepresentation, 0) == 1,
                ds.intValue(Tags.PlanarConfiguration, 0),
                ds.string(Tags.PhotometricInterpretation, ds.intValue(Tags.SamplesPerPixel, 1) == 3 ? "RGB" : "MONOCHROME2"),
                Math.max(1, ds.intValue(Tags.NumberOfFrames, 1)));
    }

    public int samplesPerFrame() { return rows * columns * samplesPerPixel; }

    /** Bytes one native (uncompressed) frame occupies; 1-bit data is packed (PS3.5 8.1.1). */
    public long nativeFrameBits() { return (long) samplesPerFrame() * bitsAllocated; }

    public long nativeFrameBytes() { return (nativeFrameBits() + 7) / 8; }

    public boolean isMonochrome() { return photometricInterpretation.startsWith("MONOCHROME"); }

    public PixelDescriptor withPhotometric(String pi, int planar) {
        return new PixelDescriptor(rows, columns, samplesPerPixel, bitsAllocated, bitsStored, highBit, signed, planar, pi, frames);
    }
}
