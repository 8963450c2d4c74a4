package org.noduletrack.dicom.codec.jpegls;

/**
 * MSB-first reader of one entropy-coded segment (the data after SOS or after an RSTm marker).
 *
 * <p>JPEG-LS marks markers with bit stuffing rather than byte stuffing (T.87 A.1): after a 0xFF data byte
 * the encoder inserts a 0 bit, so the following byte only carries 7 bits. A 0xFF followed by a byte with
 * its high bit set is therefore a marker and ends the segment.
 *
 * <p>Bits are buffered left-aligned in a {@code long} so that the decoder's hot paths need no per-bit
 * calls. Past the segment end the reader supplies zero bits instead of failing immediately, because the
 * cache is filled ahead of use; {@link #overrun()} tells whether any of those were actually consumed,
 * which means the scan was truncated or corrupt.
 */
final class BitReader {

    private final byte[] data;
    private int pos;
    /** Buffered bits, left-aligned; bits below the {@code bitCount} valid ones are always zero. */
    private long cache;
    private int bitCount;
    /** The last byte loaded was 0xFF, so the next one carries only 7 bits. */
    private boolean afterFF;
    /** Offset of the 0xFF that starts the marker ending this segment (or the data length), once seen. */
    private int markerPos = -1;
    /** Zero bits appended past the end of the segment. */
    private long padBits;

    BitReader(byte[] data, int start) {
        this.data = data;
        this.pos = start;
        fill();
    }

    private void fill() {
        while (bitCount <= 56) {
            if (markerPos >= 0) {
                padBits += 64 - bitCount;
                bitCount = 64;
                return;
            }
            if (pos >= data.length) {
                markerPos = data.length;
                continue;
            }
            int b = data[pos] & 0xFF;
            if (afterFF) {
                // the peek below guarantees the high (stuffed) bit is 0
                cache |= (long) b << (57 - bitCount);
                bitCount += 7;
                afterFF = false;
            } else if (b == 0xFF) {
                if (pos + 1 >= data.length || (data[pos + 1] & 0x80) != 0) {
                    markerPos = pos;
                    continue;
                }
                cache |= 0xFFL << (56 - bitCount);
                bitCount += 8;
                afterFF = true;
            } else {
                cache |= (long) b << (56 - bitCount);
                bitCount += 8;
            }
            pos++;
        }
    }

    int readBit() {
        if (bitCount == 0) {
            fill();
        }
        int bit = (int) (cache >>> 63);
        cache <<= 1;
        bitCount--;
        return bit;
    }

    /** Reads {@code n} bits, 0 &lt;= n &lt;= 31, as an unsigned value. */
    int readBits(int n) {
        if (n == 0) {
            return 0;
        }
        if (bitCount < n) {
            fill();
        }
        int value = (int) (cache >>> (64 - n));
        cache <<= n;
        bitCount -= n;
        return value;
    }

    /**
     * Reads the unary prefix of a Golomb code: counts 0 bits up to and including the terminating 1.
     *
     * @param maxZeros the most zeros a valid code can have
     * @return the number of zeros
     */
    int readUnary(int maxZeros) throws JpegLsException {
        int zeros = 0;
        while (true) {
            if (bitCount == 0) {
                fill();
            }
            int lz = Long.numberOfLeadingZeros(cache);
            if (lz < bitCount) {
                zeros += lz;
                // two shifts: a shift by 64 would be a no-op in Java
                cache = (cache << lz) << 1;
                bitCount -= lz + 1;
                if (zeros > maxZeros) {
                    throw invalidCode();
                }
                return zeros;
            }
            zeros += bitCount;
            cache = 0;
            bitCount = 0;
            if (zeros > maxZeros) {
                throw invalidCode();
            }
        }
    }

    private JpegLsException invalidCode() {
        return new JpegLsException("invalid Golomb code in scan data (corrupt or truncated)", position());
    }

    /** True if the decoder has consumed bits beyond the end of the segment. */
    boolean overrun() {
        return padBits > bitCount;
    }

    /** Approximate offset of the next unread bit, for error messages. */
    int position() {
        return Math.max(0, Math.min(pos, data.length) - bitCount / 8);
    }

    /**
     * Offset of the marker that ends this segment: the first 0xFF followed by a byte with the high bit
     * set at or after the bytes read so far; the data length when there is none.
     */
    int markerPosition() {
        if (markerPos < 0) {
            int i = pos;
            while (i < data.length && !((data[i] & 0xFF) == 0xFF
                    && (i + 1 >= data.length || (data[i + 1] & 0x80) != 0))) {
                i++;
            }
            markerPos = i;
        }
        return markerPos;
    }
}
