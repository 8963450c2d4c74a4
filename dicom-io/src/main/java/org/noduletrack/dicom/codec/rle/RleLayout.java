package org.noduletrack.dicom.codec.rle;

/**
 * The segment structure DICOM PS3.5 Annex G implies for one frame: one segment per byte of each sample,
 * most significant byte first, component after component. Shared by decoder and encoder.
 */
record RleLayout(int rows, int columns, int samplesPerPixel, int bytesPerSample) {

    /** The RLE header holds 15 segment offsets. */
    static final int MAX_SEGMENTS = 15;
    static final int HEADER_LENGTH = 64;

    /** Validates the image parameters; {@code error} builds the exception type the caller reports. */
    static <E extends Exception> RleLayout of(int rows, int columns, int samplesPerPixel, int bitsAllocated,
                                             java.util.function.Function<String, E> error) throws E {
        if (rows <= 0 || columns <= 0) {
            throw error.apply("invalid image size " + rows + "x" + columns);
        }
        if (samplesPerPixel != 1 && samplesPerPixel != 3) {
            throw error.apply("unsupported samples per pixel " + samplesPerPixel + " (1 or 3)");
        }
        if (bitsAllocated != 8 && bitsAllocated != 16 && bitsAllocated != 32) {
            throw error.apply("unsupported bits allocated " + bitsAllocated + " (8, 16 or 32)");
        }
        long total = (long) rows * columns * samplesPerPixel * (bitsAllocated / 8);
        if (total > Integer.MAX_VALUE - 16) {
            throw error.apply("frame of " + total + " bytes is too large");
        }
        return new RleLayout(rows, columns, samplesPerPixel, bitsAllocated / 8);
    }

    int pixels() {
        return rows * columns;
    }

    int segmentCount() {
        return samplesPerPixel * bytesPerSample;
    }

    int frameLength() {
        return pixels() * samplesPerPixel * bytesPerSample;
    }
}
