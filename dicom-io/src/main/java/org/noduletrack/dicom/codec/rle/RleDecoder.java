package org.noduletrack.dicom.codec.rle;

/**
 * Decoder for DICOM RLE Lossless (PS3.5 Annex G, transfer syntax 1.2.840.10008.1.2.5).
 *
 * <p>Each frame is one fragment: a 64-byte header (segment count and up to 15 segment offsets, little
 * endian) followed by PackBits-coded segments, one per byte plane: for every component, its most
 * significant byte first.
 *
 * <p><b>Output layout.</b> Samples are little endian ({@code bitsAllocated / 8} bytes each), in row-major
 * order. For three samples per pixel the result is colour-by-plane (Planar Configuration 1: all of the
 * first component, then the second, then the third), because that is how RLE stores them; callers that
 * need colour-by-pixel must interleave.
 *
 * <p>Corrupt fragments raise {@link RleException}: a header that does not match the image, offsets
 * outside the fragment, a segment that ends early or codes more bytes than the image has. Padding after
 * a complete segment (0x00 or 0x80 bytes, or a single odd byte) is tolerated.
 */
public final class RleDecoder {

    public RleDecoder() {
    }

    /**
     * Decodes one RLE-compressed frame.
     *
     * @param fragment        the fragment's bytes: header and segments
     * @param bitsAllocated   8, 16 or 32
     * @param samplesPerPixel 1 or 3
     * @return native little-endian pixel bytes, colour-by-plane for three samples per pixel
     */
    public byte[] decode(byte[] fragment, int rows, int columns, int samplesPerPixel, int bitsAllocated)
            throws RleException {
        RleLayout layout = RleLayout.of(rows, columns, samplesPerPixel, bitsAllocated, RleException::new);
        if (fragment == null || fragment.length < RleLayout.HEADER_LENGTH) {
            throw new RleException("fragment of " + (fragment == null ? 0 : fragment.length)
                    + " bytes is shorter than the 64-byte RLE header");
        }
        int count = u32(fragment, 0);
        if (count != layout.segmentCount()) {
            throw new RleException("RLE header declares " + Integer.toUnsignedString(count) + " segments, but "
                    + samplesPerPixel + " samples of " + bitsAllocated + " bits need " + layout.segmentCount());
        }
        int[] offsets = new int[count + 1];
        for (int s = 0; s < count; s++) {
            int offset = u32(fragment, 4 + 4 * s);
            int min = s == 0 ? RleLayout.HEADER_LENGTH : offsets[s - 1];
            if (offset < min || offset > fragment.length) {
                throw new RleException("segment " + s + " offset " + Integer.toUnsignedString(offset)
                        + " is outside " + min + ".." + fragment.length);
            }
            offsets[s] = offset;
        }
        offsets[count] = fragment.length;

        int pixels = layout.pixels();
        int bps = layout.bytesPerSample();
        byte[] out = new byte[layout.frameLength()];
        for (int s = 0; s < count; s++) {
            int sample = s / bps;
            int significance = s % bps; // 0 = most significant byte
            int first = sample * pixels * bps + (bps - 1 - significance);
            decodeSegment(fragment, offsets[s], offsets[s + 1], out, first, bps, pixels, s);
        }
        return out;
    }

    /** PackBits: header n >= 0 copies n+1 literal bytes, -127..-1 repeats the next byte 1-n times, -128 is a no-op. */
    private static void decodeSegment(byte[] in, int start, int end, byte[] out, int first, int stride, int expected,
                                      int segment) throws RleException {
        int pos = start;
        int o = first;
        int written = 0;
        while (written < expected) {
            if (pos >= end) {
                throw new RleException("segment " + segment + " ends after " + written + " of " + expected
                        + " bytes (truncated or corrupt)");
            }
            int n = in[pos++];
            if (n >= 0) {
                int length = n + 1;
                if (length > end - pos) {
                    throw new RleException("segment " + segment + ": literal run of " + length
                            + " bytes runs past the segment end");
                }
                if (length > expected - written) {
                    throw overrun(segment, expected);
                }
                if (stride == 1) {
                    System.arraycopy(in, pos, out, o, length);
                    o += length;
                } else {
                    for (int i = 0; i < length; i++) {
                        out[o] = in[pos + i];
                        o += stride;
                    }
                }
                pos += length;
                written += length;
            } else if (n != -128) {
                int length = 1 - n;
                if (pos >= end) {
                    throw new RleException("segment " + segment + ": replicate run without its byte at the segment end");
                }
                if (length > expected - written) {
                    throw overrun(segment, expected);
                }
                byte value = in[pos++];
                if (stride == 1) {
                    java.util.Arrays.fill(out, o, o + length, value);
                    o += length;
                } else {
                    for (int i = 0; i < length; i++) {
                        out[o] = value;
                        o += stride;
                    }
                }
                written += length;
            }
        }
        if (!isPadding(in, pos, end)) {
            throw new RleException("segment " + segment + " holds " + (end - pos) + " more bytes after the "
                    + expected + " bytes of the image (image size wrong or data corrupt)");
        }
    }

    /** Encoders pad segments to even length; accept a single byte of any value, or zero and no-op bytes. */
    private static boolean isPadding(byte[] in, int pos, int end) {
        if (end - pos <= 1) {
            return true;
        }
        for (int i = pos; i < end; i++) {
            if (in[i] != 0 && in[i] != (byte) 0x80) {
                return false;
            }
        }
        return true;
    }

    private static RleException overrun(int segment, int expected) {
        return new RleException("segment " + segment + " decodes to more than the " + expected
                + " bytes of the image (image size wrong or data corrupt)");
    }

    private static int u32(byte[] b, int pos) {
        return (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8 | (b[pos + 2] & 0xFF) << 16 | (b[pos + 3] & 0xFF) << 24;
    }
}
