package org.noduletrack.dicom.codec.jpegls;

import java.util.Arrays;

/**
 * Lossless JPEG-LS encoder (ITU-T T.87 | ISO/IEC 14495-1, baseline, NEAR = 0) for one component of 2..16 bits, the
 * coding DICOM transfer syntax 1.2.840.10008.1.2.4.80 (JPEG-LS Lossless) carries.
 *
 * <p>Why our own: CT is 12..16-bit greyscale, where JPEG-LS lossless compresses clearly better than deflate or RLE
 * (the bundled LIDC series shrinks to 32 % of its raw size; gzip -9 reaches 49 %), and no Java library in our
 * dependency set writes JPEG-LS. The codestream uses the default coding parameters (no LSE segment), one scan, no
 * restart markers, so every conforming decoder (ours, CharLS, dcmtk, GDCM) reads it.
 *
 * <p>Input samples are the unsigned bit patterns 0..2^P-1; DICOM signed pixel data is encoded as its two's complement
 * masked to Bits Stored (PS3.5 A.4.3), which {@link #encodeStored} does. Instances hold no state between calls and
 * may be shared between threads.
 */
public final class JpegLsEncoder {

    /** Run-length order table J of T.87 A.7.1.1. */
    private static final int[] J = {
        0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
        4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15
    };
    private static final int CONTEXTS = 367; // 365 regular + 2 run-interruption contexts (T.87 A.2)

    public JpegLsEncoder() {
    }

    /**
     * Encodes one greyscale image.
     *
     * @param samples {@code width*height} unsigned values in 0..2^bitsPerSample-1, row-major
     * @return a complete codestream, SOI..EOI
     */
    public byte[] encode(int width, int height, int bitsPerSample, int[] samples) {
        if (width < 1 || height < 1 || width > 0xFFFF || height > 0xFFFF) {
            throw new IllegalArgumentException("image size " + width + "x" + height + " outside 1..65535");
        }
        if (bitsPerSample < 2 || bitsPerSample > 16) {
            throw new IllegalArgumentException("bits per sample " + bitsPerSample + " outside 2..16");
        }
        if (samples.length != (long) width * height) {
            throw new IllegalArgumentException(samples.length + " samples for a " + width + "x" + height + " image");
        }
        int maxVal = (1 << bitsPerSample) - 1;
        for (int s : samples) {
            if (s < 0 || s > maxVal) {
                throw new IllegalArgumentException("sample " + s + " outside 0.." + maxVal);
            }
        }
        return new Scan(width, height, bitsPerSample, samples).run();
    }

    /**
     * Encodes stored DICOM values (as {@code DecodedFrame} returns them: sign-extended when {@code signed}) by masking
     * them to {@code bitsStored} bits, which is how DICOM carries signed samples in JPEG-LS.
     */
    public byte[] encodeStored(int width, int height, int bitsStored, boolean signed, int[] stored) {
        int mask = (1 << bitsStored) - 1;
        int[] coded = new int[stored.length];
        for (int i = 0; i < stored.length; i++) {
            int v = stored[i];
            if (!signed && (v < 0 || v > mask)) {
                throw new IllegalArgumentException("stored value " + v + " does not fit " + bitsStored + " unsigned bits");
            }
            coded[i] = v & mask;
        }
        return encode(width, height, bitsStored, coded);
    }

    /** The state of encoding one image: one scan, ILV none, NEAR 0, default thresholds and RESET. */
    private static final class Scan {
        private final int width;
        private final int height;
        private final int bits;
        private final int[] source;
        private final int maxVal;
        private final int range;
        private final int qbpp;
        private final int limit;
        private final int t1;
        private final int t2;
        private final int t3;
        private final int reset;
        private final int[] a = new int[CONTEXTS];
        private final int[] b = new int[CONTEXTS];
        private final int[] c = new int[CONTEXTS];
        private final int[] n = new int[CONTEXTS];
        private final int[] nn = new int[CONTEXTS];
        private final BitWriter out;
        private int runIndex;
        private int row;

        Scan(int width, int height, int bits, int[] source) {
            this.width = width;
            this.height = height;
            this.bits = bits;
            this.source = source;
            this.maxVal = (1 << bits) - 1;
            PresetParameters p = PresetParameters.defaults(maxVal, 0);
            this.t1 = p.t1();
            this.t2 = p.t2();
            this.t3 = p.t3();
            this.reset = p.reset();
            this.range = maxVal + 1;
            this.qbpp = ceilLog2(range);
            int bpp = Math.max(2, ceilLog2(maxVal + 1));
            this.limit = 2 * (bpp + Math.max(8, bpp));
            // Entropy-coded data rarely exceeds the raw size; the writer grows if it does.
            this.out = new BitWriter(width * height * ((bits + 7) / 8) / 2 + 1024);
            Arrays.fill(a, Math.max(2, (range + 32) / 64));
            Arrays.fill(n, 1);
        }

        byte[] run() {
            writeHeaders();
            // Lines carry one guard sample on each side: [0] = Ra of the first sample, [width+1] = Rd of the last.
            int[] prev = new int[width + 2];
            int[] cur = new int[width + 2];
            for (row = 0; row < height; row++) {
                prev[width + 1] = prev[width];
                cur[0] = prev[1];
                encodeLine(prev, cur);
                int[] t = prev;
                prev = cur;
                cur = t;
            }
            out.flush();
            out.marker(0xD9);
            return out.toByteArray();
        }

        private void writeHeaders() {
            out.marker(0xD8);                      // SOI
            out.marker(0xF7);                      // SOF55: JPEG-LS frame
            out.u16(11);
            out.u8(bits);
            out.u16(height);
            out.u16(width);
            out.u8(1);                             // one component: id 1, no subsampling, Tq 0
            out.u8(1);
            out.u8(0x11);
            out.u8(0);
            out.marker(0xDA);                      // SOS
            out.u16(8);
            out.u8(1);
            out.u8(1);
            out.u8(0);                             // no mapping table
            out.u8(0);                             // NEAR = 0: lossless
            out.u8(0);                             // ILV none
            out.u8(0);                             // no point transform
        }

        private void encodeLine(int[] prev, int[] cur) {
            int base = row * width - 1; // source index of line position x (1-based) is base + x
            int x = 1;
            while (x <= width) {
                int ra = cur[x - 1];
                int rb = prev[x];
                int rc = prev[x - 1];
                int rd = prev[x + 1];
                int q = 81 * quantize(rd - rb) + 9 * quantize(rb - rc) + quantize(rc - ra);
                if (q == 0) {
                    x = encodeRun(prev, cur, x, base);
                } else {
                    int ix = source[base + x];
                    encodeRegular(q, ix, ra, rb, rc);
                    cur[x] = ix;
                    x++;
                }
            }
        }

        private int quantize(int d) {
            if (d <= -t3) {
                return -4;
            } else if (d <= -t2) {
                return -3;
            } else if (d <= -t1) {
                return -2;
            } else if (d < 0) {
                return -1;
            } else if (d == 0) {
                return 0;
            } else if (d < t1) {
                return 1;
            } else if (d < t2) {
                return 2;
            } else if (d < t3) {
                return 3;
            }
            return 4;
        }

        /** Regular mode (T.87 A.4-A.6): median edge prediction, bias correction, Golomb coding, context update. */
        private void encodeRegular(int q, int ix, int ra, int rb, int rc) {
            int sign = q < 0 ? -1 : 1;
            int ctx = q < 0 ? -q : q;
            int px;
            if (rc >= Math.max(ra, rb)) {
                px = Math.min(ra, rb);
            } else if (rc <= Math.min(ra, rb)) {
                px = Math.max(ra, rb);
            } else {
                px = ra + rb - rc;
            }
            px += sign * c[ctx];
            if (px > maxVal) {
                px = maxVal;
            } else if (px < 0) {
                px = 0;
            }
            int errval = moduloReduce(sign * (ix - px));
            int k = 0;
            for (int nk = n[ctx]; nk < a[ctx]; nk <<= 1) {
                k++;
            }
            int merr;
            if (k == 0 && 2 * b[ctx] <= -n[ctx]) {
                merr = errval >= 0 ? 2 * errval + 1 : -2 * (errval + 1);
            } else {
                merr = errval >= 0 ? 2 * errval : -2 * errval - 1;
            }
            golomb(k, merr, limit);
            b[ctx] += errval;
            a[ctx] += Math.abs(errval);
            if (n[ctx] == reset) {
                a[ctx] >>= 1;
                b[ctx] = b[ctx] >= 0 ? b[ctx] >> 1 : -((1 - b[ctx]) >> 1);
                n[ctx] >>= 1;
            }
            n[ctx]++;
            if (b[ctx] <= -n[ctx]) {
                b[ctx] += n[ctx];
                if (c[ctx] > -128) {
                    c[ctx]--;
                }
                if (b[ctx] <= -n[ctx]) {
                    b[ctx] = -n[ctx] + 1;
                }
            } else if (b[ctx] > 0) {
                b[ctx] -= n[ctx];
                if (c[ctx] < 127) {
                    c[ctx]++;
                }
                if (b[ctx] > 0) {
                    b[ctx] = 0;
                }
            }
        }

        /** Run mode (T.87 A.7): a run of samples equal to Ra, then the interruption sample if the line goes on. */
        private int encodeRun(int[] prev, int[] cur, int x, int base) {
            int runVal = cur[x - 1];
            int i = x;
            while (i <= width && source[base + i] == runVal) {
                cur[i] = runVal;
                i++;
            }
            int count = i - x;
            int ri = runIndex;
            while (count >= (1 << J[ri])) {
                out.bits(1, 1);
                count -= 1 << J[ri];
                if (ri < 31) {
                    ri++;
                }
            }
            if (i > width) {
                if (count > 0) {
                    out.bits(1, 1); // a run ended by the line end is flagged with one more 1 bit (A.7.1.1)
                }
                runIndex = ri;
                return i;
            }
            out.bits(0, 1);
            out.bits(count, J[ri]);
            int rb = prev[i];
            int ix = source[base + i];
            encodeInterruption(ix, runVal, rb, runVal == rb ? 1 : 0, J[ri]);
            cur[i] = ix;
            runIndex = ri > 0 ? ri - 1 : 0;
            return i + 1;
        }

        private void encodeInterruption(int ix, int ra, int rb, int riType, int runBits) {
            int ctx = 365 + riType;
            int px = riType == 1 ? ra : rb;
            int sign = riType == 0 && ra > rb ? -1 : 1;
            int errval = moduloReduce(sign * (ix - px));
            int temp = riType == 0 ? a[ctx] : a[ctx] + (n[ctx] >> 1);
            int k = 0;
            for (int nk = n[ctx]; nk < temp; nk <<= 1) {
                k++;
            }
            int map = (k == 0 && errval > 0 && 2 * nn[ctx] < n[ctx]) || (errval < 0 && 2 * nn[ctx] >= n[ctx])
                    || (errval < 0 && k != 0) ? 1 : 0;
            int em = 2 * Math.abs(errval) - riType - map;
            golomb(k, em, limit - runBits - 1);
            if (errval < 0) {
                nn[ctx]++;
            }
            a[ctx] += (em + 1 - riType) >> 1;
            if (n[ctx] == reset) {
                a[ctx] >>= 1;
                n[ctx] >>= 1;
                nn[ctx] >>= 1;
            }
            n[ctx]++;
        }

        private int moduloReduce(int errval) {
            if (errval < 0) {
                errval += range;
            }
            if (errval >= (range + 1) / 2) {
                errval -= range;
            }
            return errval;
        }

        /** Limited-length Golomb code LG(k, limit) of T.87 A.5.3. */
        private void golomb(int k, int value, int codeLimit) {
            int escape = codeLimit - qbpp - 1;
            int q = value >>> k;
            if (q < escape) {
                out.zeros(q);
                out.bits(1, 1);
                if (k > 0) {
                    out.bits(value & ((1 << k) - 1), k);
                }
            } else {
                out.zeros(escape);
                out.bits(1, 1);
                out.bits(value - 1, qbpp);
            }
        }

        private static int ceilLog2(int v) {
            return 32 - Integer.numberOfLeadingZeros(v - 1);
        }
    }

    /**
     * MSB-first bit output for entropy-coded data with the JPEG-LS stuffing rule (T.87 A.1): after a 0xFF byte the
     * next byte carries only 7 bits (its top bit is a stuffed 0), so no marker can appear inside the scan.
     */
    private static final class BitWriter {
        private byte[] buf;
        private int size;
        private long acc;      // pending bits, right-aligned
        private int pending;   // number of pending bits (< 57 between calls)
        private boolean afterFF;

        BitWriter(int capacity) {
            buf = new byte[Math.max(64, capacity)];
        }

        void bits(int value, int count) {
            acc = (acc << count) | (value & ((1L << count) - 1));
            pending += count;
            drain();
        }

        void zeros(int count) {
            while (count > 32) {
                bits(0, 32);
                count -= 32;
            }
            bits(0, count);
        }

        private void drain() {
            while (true) {
                int take = afterFF ? 7 : 8;
                if (pending < take) {
                    return;
                }
                int v = (int) (acc >>> (pending - take)) & ((1 << take) - 1);
                pending -= take;
                put(v);
                afterFF = v == 0xFF;
            }
        }

        /** Pads the last byte with zero bits; a final 0xFF gets a following zero byte so no marker is faked. */
        void flush() {
            if (pending > 0) {
                int take = afterFF ? 7 : 8;
                int v = (int) (acc << (take - pending)) & ((1 << take) - 1);
                put(v);
                afterFF = v == 0xFF;
                pending = 0;
            }
            if (afterFF) {
                put(0);
                afterFF = false;
            }
            acc = 0;
        }

        void marker(int code) {
            put(0xFF);
            put(code);
        }

        void u8(int v) {
            put(v & 0xFF);
        }

        void u16(int v) {
            put((v >>> 8) & 0xFF);
            put(v & 0xFF);
        }

        private void put(int v) {
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            buf[size++] = (byte) v;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buf, size);
        }
    }
}
