package org.noduletrack.dicom.codec.jpeg;

/**
 * MSB-first bit reader over the Huffman-coded data of a scan, with the sequential-mode symbol decoding of
 * T.81 F.2.2 (DECODE, RECEIVE, EXTEND) and block decoding.
 *
 * <p>Byte stuffing (0xFF 0x00 is a data byte 0xFF) is removed, and, like libjpeg, any number of 0xFF fill
 * bytes before a marker is accepted. Reaching a marker or the end of the data stops the reader; because bits
 * are buffered ahead of use, it then supplies zero bits instead of failing at once, and {@link #overrun()}
 * tells whether any of those were actually consumed, which means the data was truncated or corrupt. The
 * decoder checks that after every MCU, so a damaged scan costs at most one MCU of wasted work.
 */
final class EntropyReader {

    /** Marker value meaning "the data ended" rather than a real marker. */
    static final int END_OF_DATA = -2;
    private static final int NO_MARKER = -1;

    private final byte[] data;
    private int pos;
    /** Buffered bits, right-aligned: the low {@code bitCount} bits are valid. */
    private long buffer;
    private int bitCount;
    /** The marker that stopped the reader, {@link #END_OF_DATA}, or {@link #NO_MARKER}. */
    private int marker = NO_MARKER;
    /** Offset of the 0xFF just before that marker's code (or the data length at the end of the data). */
    private int markerPos;
    /** Zero bits appended after the marker or the end of the data. */
    private int padBits;

    EntropyReader(byte[] data, int start) {
        this.data = data;
        this.pos = start;
    }

    /** Offset of the next byte to be loaded into the bit buffer; used for error messages. */
    int position() {
        return pos;
    }

    /** Whether bits past the end of the entropy-coded segment have been consumed. */
    boolean overrun() {
        return padBits > bitCount;
    }

    private void fill() {
        while (bitCount <= 56) {
            int b;
            if (marker != NO_MARKER) {
                b = 0;
                padBits += 8;
            } else if (pos >= data.length) {
                marker = END_OF_DATA;
                markerPos = data.length;
                continue;
            } else {
                b = data[pos] & 0xFF;
                if (b == 0xFF) {
                    int p = pos + 1;
                    while (p < data.length && data[p] == (byte) 0xFF) {
                        p++; // fill bytes
                    }
                    if (p >= data.length) {
                        marker = END_OF_DATA;
                        markerPos = pos;
                        pos = data.length;
                        continue;
                    }
                    if (data[p] != 0) {
                        marker = data[p] & 0xFF;
                        markerPos = p - 1;
                        pos = p - 1;
                        continue;
                    }
                    pos = p + 1; // 0xFF 0x00: a stuffed data byte 0xFF
                } else {
                    pos++;
                }
            }
            buffer = buffer << 8 | b;
            bitCount += 8;
        }
    }

    /** Decodes one Huffman-coded symbol (T.81 F.16 with a look-up table for short codes). */
    int decode(HuffmanTable table) throws JpegDctException {
        if (bitCount < 16) {
            fill();
        }
        int look = (int) (buffer >>> (bitCount - HuffmanTable.LOOKAHEAD_BITS))
                & ((1 << HuffmanTable.LOOKAHEAD_BITS) - 1);
        int entry = table.fast[look];
        if (entry != 0) {
            bitCount -= entry >> 8;
            return entry & 0xFF;
        }
        int bits16 = (int) (buffer >>> (bitCount - 16)) & 0xFFFF;
        for (int length = HuffmanTable.LOOKAHEAD_BITS + 1; length <= 16; length++) {
            int code = bits16 >>> (16 - length);
            if (code <= table.maxCode[length]) {
                int index = code + table.valueOffset[length];
                if (index < 0 || index >= table.values.length) {
                    break;
                }
                bitCount -= length;
                return table.values[index];
            }
        }
        throw new JpegDctException("corrupt entropy-coded data: no Huffman code matches", pos);
    }

    /** RECEIVE(s) followed by EXTEND (T.81 F.2.2.1): the signed value of an s-bit magnitude, 0 &lt;= s &lt;= 16. */
    int receiveExtend(int s) {
        if (s == 0) {
            return 0;
        }
        if (bitCount < s) {
            fill();
        }
        int v = (int) (buffer >>> (bitCount - s)) & ((1 << s) - 1);
        bitCount -= s;
        return v < 1 << (s - 1) ? v - (1 << s) + 1 : v;
    }

    /**
     * Decodes the 64 coefficients of one block (T.81 F.2.2), adding the DC prediction.
     *
     * @param coef   receives the quantized coefficients in natural order; must be all zero on entry and
     *               is left with at most the returned number of non-zero entries
     * @param dcPred DC predictor (updated in place at index {@code component})
     * @return the number of entries written to {@code coef} in zig-zag order: 1 means the block has only a
     *         DC coefficient
     */
    int decodeBlock(int[] coef, HuffmanTable dc, HuffmanTable ac, int[] dcPred, int component)
            throws JpegDctException {
        int t = decode(dc);
        int diff = receiveExtend(t);
        int pred = dcPred[component] + diff;
        dcPred[component] = pred;
        coef[0] = pred;
        int k = 1;
        int last = 1;
        while (k < 64) {
            int rs = decode(ac);
            int r = rs >> 4;
            int s = rs & 15;
            if (s == 0) {
                if (r != 15) {
                    break; // EOB
                }
                k += 16; // ZRL
                continue;
            }
            k += r;
            if (k > 63) {
                throw new JpegDctException("corrupt entropy-coded data: AC coefficient index beyond 63", pos);
            }
            coef[ZIGZAG[k]] = receiveExtend(s);
            k++;
            last = k;
        }
        return last;
    }

    /**
     * Ends an entropy-coded segment: drops the buffered bits and, if no marker has stopped the reader yet,
     * looks for the next marker (skipping any extraneous bytes, as libjpeg does with a warning).
     *
     * @return the marker found (its 0xFF is at {@link #markerPosition()}), or {@link #END_OF_DATA}
     */
    int finishSegment() {
        buffer = 0;
        bitCount = 0;
        padBits = 0;
        if (marker == NO_MARKER) {
            int p = pos;
            while (true) {
                if (p >= data.length) {
                    marker = END_OF_DATA;
                    markerPos = data.length;
                    break;
                }
                if (data[p] == (byte) 0xFF) {
                    int q = p + 1;
                    while (q < data.length && data[q] == (byte) 0xFF) {
                        q++;
                    }
                    if (q >= data.length) {
                        marker = END_OF_DATA;
                        markerPos = p;
                        break;
                    }
                    if (data[q] != 0) {
                        marker = data[q] & 0xFF;
                        markerPos = q - 1;
                        break;
                    }
                    p = q + 1;
                } else {
                    p++;
                }
            }
        }
        return marker;
    }

    /** Offset of the 0xFF of the marker returned by {@link #finishSegment()} (the data length at the end). */
    int markerPosition() {
        return markerPos;
    }

    /** Continues with the entropy-coded segment that follows the RSTm marker found by {@link #finishSegment()}. */
    void restart() {
        pos = markerPos + 2;
        marker = NO_MARKER;
        buffer = 0;
        bitCount = 0;
        padBits = 0;
    }

    /** Zig-zag index to natural (row-major) index (T.81 Figure A.6). */
    static final int[] ZIGZAG = {
        0, 1, 8, 16, 9, 2, 3, 10,
        17, 24, 32, 25, 18, 11, 4, 5,
        12, 19, 26, 33, 40, 48, 41, 34,
        27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36,
        29, 22, 15, 23, 30, 37, 44, 51,
        58, 59, 52, 45, 38, 31, 39, 46,
        53, 60, 61, 54, 47, 55, 62, 63
    };
}
