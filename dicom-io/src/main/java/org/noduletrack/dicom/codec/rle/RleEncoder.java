package org.noduletrack.dicom.codec.rle;

import java.util.Arrays;

/**
 * Encoder for DICOM RLE Lossless (PS3.5 Annex G). Produces one fragment per frame: the 64-byte header,
 * then one PackBits segment per byte plane (most significant byte of each component first), each coded
 * row by row as G.3.1 asks and padded to even length.
 */
public final class RleEncoder {

    public RleEncoder() {
    }

    /**
     * Encodes one frame.
     *
     * @param nativeLittleEndian native pixel data of the frame: little-endian samples of
     *                           {@code bitsAllocated / 8} bytes, colour-by-pixel (Planar Configuration 0)
     *                           for three samples per pixel; one trailing padding byte is allowed
     * @param samplesPerPixel    1 or 3
     * @param bitsAllocated      8, 16 or 32
     * @return the fragment bytes
     * @throws IllegalArgumentException if the parameters are unsupported or do not match the data length
     */
    public byte[] encode(byte[] nativeLittleEndian, int rows, int columns, int samplesPerPixel, int bitsAllocated) {
        RleLayout layout = RleLayout.of(rows, columns, samplesPerPixel, bitsAllocated, IllegalArgumentException::new);
        int length = layout.frameLength();
        if (nativeLittleEndian == null || nativeLittleEndian.length < length || nativeLittleEndian.length > length + 1) {
            throw new IllegalArgumentException("pixel data of " + (nativeLittleEndian == null ? 0
                    : nativeLittleEndian.length) + " bytes does not match a frame of " + length + " bytes");
        }
        int segments = layout.segmentCount();
        int bps = layout.bytesPerSample();
        int pixelStride = samplesPerPixel * bps;
        // worst case is about one literal header per 128 bytes of a row; leave generous room
        int worstSegment = rows * (columns + columns / 64 + 2) + 1;
        byte[] out = new byte[RleLayout.HEADER_LENGTH + segments * worstSegment];
        putU32(out, 0, segments);
        byte[] row = new byte[columns];
        int pos = RleLayout.HEADER_LENGTH;
        for (int s = 0; s < segments; s++) {
            putU32(out, 4 + 4 * s, pos);
            int sample = s / bps;
            int significance = s % bps;
            int offsetInPixel = sample * bps + (bps - 1 - significance);
            for (int y = 0; y < rows; y++) {
                int in = y * columns * pixelStride + offsetInPixel;
                for (int x = 0; x < columns; x++) {
                    row[x] = nativeLittleEndian[in];
                    in += pixelStride;
                }
                pos = packBits(row, out, pos);
            }
            if ((pos & 1) != 0) {
                out[pos++] = 0;
            }
        }
        return Arrays.copyOf(out, pos);
    }

    /** Codes one row: replicate runs of 2 or more bytes, literals broken off where a run of 3 starts. */
    private static int packBits(byte[] row, byte[] out, int pos) {
        int length = row.length;
        int i = 0;
        while (i < length) {
            int run = 1;
            while (i + run < length && run < 128 && row[i + run] == row[i]) {
                run++;
            }
            if (run >= 2) {
                out[pos++] = (byte) (1 - run);
                out[pos++] = row[i];
                i += run;
                continue;
            }
            int start = i++;
            while (i < length && i - start < 128
                    && !(i + 2 < length && row[i] == row[i + 1] && row[i] == row[i + 2])) {
                i++;
            }
            int literal = i - start;
            out[pos++] = (byte) (literal - 1);
            System.arraycopy(row, start, out, pos, literal);
            pos += literal;
        }
        return pos;
    }

    private static void putU32(byte[] b, int pos, int value) {
        b[pos] = (byte) value;
        b[pos + 1] = (byte) (value >> 8);
        b[pos + 2] = (byte) (value >> 16);
        b[pos + 3] = (byte) (value >> 24);
    }
}
