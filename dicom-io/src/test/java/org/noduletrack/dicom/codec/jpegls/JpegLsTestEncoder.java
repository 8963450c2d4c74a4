package org.noduletrack.dicom.codec.jpegls;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * A small JPEG-LS encoder for tests, written from the encoder side of T.87 (Annex A) so that decoder
 * features no available encoder produces (2..5 bit samples, custom MAXVAL and RESET, arbitrary restart
 * intervals) can be round-tripped. Not optimised and not for production use.
 */
final class JpegLsTestEncoder {

    private static final int[] J = {
        0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
        4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15
    };

    /** What to encode. {@code preset} fields of 0 mean default; {@code writePreset} emits an LSE segment. */
    record Options(int bitsPerSample, int near, int interleaveMode, PresetParameters preset, boolean writePreset,
                   int restartInterval) {
    }

    /** The codestream and the samples a conforming decoder must reconstruct. */
    record Result(byte[] codestream, int[] reconstructed) {
    }

    private final int width;
    private final int height;
    private final int components;
    private final int[] source;
    private final Options options;
    private final int[] reconstructed;

    private int maxVal;
    private int near;
    private int qstep;
    private int range;
    private int qbpp;
    private int limit;
    private int t1;
    private int t2;
    private int t3;
    private int reset;

    private long[] a;
    private int[] b;
    private int[] c;
    private int[] n;
    private int[] nn;
    private int[] runIndex;
    private BitWriter out;

    private JpegLsTestEncoder(int width, int height, int components, int[] samples, Options options) {
        this.width = width;
        this.height = height;
        this.components = components;
        this.source = samples;
        this.options = options;
        this.reconstructed = new int[samples.length];
    }

    static Result encode(int width, int height, int components, int[] samples, Options options) {
        return new JpegLsTestEncoder(width, height, components, samples, options).run();
    }

    private Result run() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PresetParameters p = options.preset();
        maxVal = p.maxVal() != 0 ? p.maxVal() : (1 << options.bitsPerSample()) - 1;
        near = options.near();
        PresetParameters defaults = PresetParameters.defaults(maxVal, near);
        t1 = p.t1() != 0 ? p.t1() : defaults.t1();
        t2 = p.t2() != 0 ? p.t2() : defaults.t2();
        t3 = p.t3() != 0 ? p.t3() : defaults.t3();
        reset = p.reset() != 0 ? p.reset() : 64;
        qstep = 2 * near + 1;
        range = (maxVal + 2 * near) / qstep + 1;
        qbpp = ceilLog2(range);
        int bpp = Math.max(2, ceilLog2(maxVal + 1));
        limit = 2 * (bpp + Math.max(8, bpp));

        marker(bytes, 0xD8);
        marker(bytes, 0xF7);
        u16(bytes, 8 + 3 * components);
        bytes.write(options.bitsPerSample());
        u16(bytes, height);
        u16(bytes, width);
        bytes.write(components);
        for (int i = 0; i < components; i++) {
            bytes.write(i + 1);
            bytes.write(0x11);
            bytes.write(0);
        }
        if (options.writePreset()) {
            marker(bytes, 0xF8);
            u16(bytes, 13);
            bytes.write(1);
            u16(bytes, p.maxVal());
            u16(bytes, p.t1());
            u16(bytes, p.t2());
            u16(bytes, p.t3());
            u16(bytes, p.reset());
        }
        if (options.restartInterval() > 0) {
            marker(bytes, 0xDD);
            u16(bytes, 4);
            u16(bytes, options.restartInterval());
        }
        int ilv = components == 1 ? 0 : options.interleaveMode();
        if (ilv == 0) {
            for (int comp = 0; comp < components; comp++) {
                encodeScan(bytes, new int[] {comp}, 0);
            }
        } else {
            int[] all = new int[components];
            Arrays.setAll(all, i -> i);
            encodeScan(bytes, all, ilv);
        }
        marker(bytes, 0xD9);
        return new Result(bytes.toByteArray(), reconstructed);
    }

    private void encodeScan(ByteArrayOutputStream bytes, int[] comps, int ilv) {
        marker(bytes, 0xDA);
        u16(bytes, 6 + 2 * comps.length);
        bytes.write(comps.length);
        for (int comp : comps) {
            bytes.write(comp + 1);
            bytes.write(0);
        }
        bytes.write(near);
        bytes.write(ilv);
        bytes.write(0);

        int ns = comps.length;
        int[][] prev = new int[ns][width + 2];
        int[][] cur = new int[ns][width + 2];
        out = new BitWriter(bytes);
        resetState(ns);
        int restarts = 0;
        for (int y = 0; y < height; y++) {
            if (options.restartInterval() > 0 && y > 0 && y % options.restartInterval() == 0) {
                out.flush();
                marker(bytes, 0xD0 + (restarts++ & 7));
                out = new BitWriter(bytes);
                resetState(ns);
                for (int[] line : prev) {
                    Arrays.fill(line, 0);
                }
            }
            for (int s = 0; s < ns; s++) {
                prev[s][width + 1] = prev[s][width];
                cur[s][0] = prev[s][1];
            }
            if (ilv == 2) {
                encodeSampleInterleavedLine(y, comps, prev, cur);
            } else {
                for (int s = 0; s < ns; s++) {
                    encodeLine(y, comps[s], s, prev[s], cur[s]);
                }
            }
            for (int s = 0; s < ns; s++) {
                for (int x = 0; x < width; x++) {
                    reconstructed[(y * width + x) * components + comps[s]] = cur[s][x + 1];
                }
            }
            int[][] t = prev;
            prev = cur;
            cur = t;
        }
        out.flush();
    }

    private void resetState(int ns) {
        int initA = Math.max(2, (range + 32) / 64);
        a = new long[367];
        Arrays.fill(a, initA);
        b = new int[367];
        c = new int[367];
        n = new int[367];
        Arrays.fill(n, 1);
        nn = new int[367];
        runIndex = new int[ns];
    }

    private int src(int x, int y, int comp) {
        return source[(y * width + x) * components + comp];
    }

    private int context(int ra, int rb, int rc, int rd) {
        return 81 * quantize(rd - rb) + 9 * quantize(rb - rc) + quantize(rc - ra);
    }

    private int quantize(int d) {
        if (d <= -t3) {
            return -4;
        } else if (d <= -t2) {
            return -3;
        } else if (d <= -t1) {
            return -2;
        } else if (d < -near) {
            return -1;
        } else if (d <= near) {
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

    private void encodeLine(int y, int comp, int s, int[] prev, int[] cur) {
        int x = 1;
        while (x <= width) {
            int ra = cur[x - 1];
            int q = context(ra, prev[x], prev[x - 1], prev[x + 1]);
            if (q == 0) {
                x = encodeRun(y, new int[] {comp}, new int[][] {prev}, new int[][] {cur}, x, s);
            } else {
                cur[x] = encodeRegular(q, src(x - 1, y, comp), ra, prev[x], prev[x - 1]);
                x++;
            }
        }
    }

    private void encodeSampleInterleavedLine(int y, int[] comps, int[][] prev, int[][] cur) {
        int x = 1;
        while (x <= width) {
            int[] q = new int[comps.length];
            boolean flat = true;
            for (int s = 0; s < comps.length; s++) {
                q[s] = context(cur[s][x - 1], prev[s][x], prev[s][x - 1], prev[s][x + 1]);
                flat &= q[s] == 0;
            }
            if (flat) {
                x = encodeRun(y, comps, prev, cur, x, 0);
            } else {
                for (int s = 0; s < comps.length; s++) {
                    cur[s][x] = encodeRegular(q[s], src(x - 1, y, comps[s]), cur[s][x - 1], prev[s][x], prev[s][x - 1]);
                }
                x++;
            }
        }
    }

    private int encodeRegular(int q, int ix, int ra, int rb, int rc) {
        int sign = q < 0 ? -1 : 1;
        int ctx = Math.abs(q);
        int px;
        if (rc >= Math.max(ra, rb)) {
            px = Math.min(ra, rb);
        } else if (rc <= Math.min(ra, rb)) {
            px = Math.max(ra, rb);
        } else {
            px = ra + rb - rc;
        }
        px = Math.clamp(px + sign * c[ctx], 0, maxVal);
        int errval = sign * (ix - px);
        errval = quantizeError(errval);
        int rx = reconstruct(px + sign * errval * qstep);
        errval = moduloReduce(errval);
        int k = 0;
        while (((long) n[ctx] << k) < a[ctx]) {
            k++;
        }
        int merr;
        if (near == 0 && k == 0 && 2 * b[ctx] <= -n[ctx]) {
            merr = errval >= 0 ? 2 * errval + 1 : -2 * (errval + 1);
        } else {
            merr = errval >= 0 ? 2 * errval : -2 * errval - 1;
        }
        golomb(k, merr, limit);
        // A.6: variable update and bias correction
        b[ctx] += errval * qstep;
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
        return rx;
    }

    private int encodeRun(int y, int[] comps, int[][] prev, int[][] cur, int x, int s) {
        int[] runVal = new int[comps.length];
        for (int i = 0; i < comps.length; i++) {
            runVal[i] = cur[i][x - 1];
        }
        int i = x;
        while (i <= width) {
            boolean same = true;
            for (int k = 0; k < comps.length; k++) {
                same &= Math.abs(src(i - 1, y, comps[k]) - runVal[k]) <= near;
            }
            if (!same) {
                break;
            }
            for (int k = 0; k < comps.length; k++) {
                cur[k][i] = runVal[k];
            }
            i++;
        }
        int count = i - x;
        int ri = runIndex[s];
        while (count >= (1 << J[ri])) {
            out.bit(1);
            count -= 1 << J[ri];
            if (ri < 31) {
                ri++;
            }
        }
        if (i > width) {
            if (count > 0) {
                out.bit(1);
            }
            runIndex[s] = ri;
            return i;
        }
        out.bit(0);
        out.bits(count, J[ri]);
        for (int k = 0; k < comps.length; k++) {
            int ra = runVal[k];
            int rb = prev[k][i];
            int riType = comps.length == 1 && Math.abs(ra - rb) <= near ? 1 : 0;
            cur[k][i] = encodeInterruption(src(i - 1, y, comps[k]), ra, rb, riType, J[ri]);
        }
        if (ri > 0) {
            ri--;
        }
        runIndex[s] = ri;
        return i + 1;
    }

    private int encodeInterruption(int ix, int ra, int rb, int riType, int runBits) {
        int ctx = 365 + riType;
        int px = riType == 1 ? ra : rb;
        int sign = riType == 0 && ra > rb ? -1 : 1;
        int errval = quantizeError(sign * (ix - px));
        int rx = reconstruct(px + sign * errval * qstep);
        errval = moduloReduce(errval);
        long temp = riType == 0 ? a[ctx] : a[ctx] + (n[ctx] >> 1);
        int k = 0;
        while (((long) n[ctx] << k) < temp) {
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
        return rx;
    }

    private int quantizeError(int errval) {
        if (near == 0) {
            return errval;
        }
        return errval > 0 ? (errval + near) / qstep : -((near - errval) / qstep);
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

    private int reconstruct(int rx) {
        if (rx < -near) {
            rx += range * qstep;
        } else if (rx > maxVal + near) {
            rx -= range * qstep;
        }
        return Math.clamp(rx, 0, maxVal);
    }

    private void golomb(int k, int value, int codeLimit) {
        int escape = codeLimit - qbpp - 1;
        int q = value >> k;
        if (q < escape) {
            out.bits(0, q);
            out.bit(1);
            out.bits(value & ((1 << k) - 1), k);
        } else {
            out.bits(0, escape);
            out.bit(1);
            out.bits(value - 1, qbpp);
        }
    }

    private static int ceilLog2(int v) {
        return 32 - Integer.numberOfLeadingZeros(v - 1);
    }

    private static void marker(ByteArrayOutputStream bytes, int code) {
        bytes.write(0xFF);
        bytes.write(code);
    }

    private static void u16(ByteArrayOutputStream bytes, int v) {
        bytes.write(v >> 8);
        bytes.write(v);
    }

    /** MSB-first bit output with the JPEG-LS rule: a byte after 0xFF carries only 7 bits. */
    private static final class BitWriter {
        private final ByteArrayOutputStream bytes;
        private int current;
        private int filled;
        private int capacity = 8;

        BitWriter(ByteArrayOutputStream bytes) {
            this.bytes = bytes;
        }

        void bit(int bit) {
            current = (current << 1) | bit;
            if (++filled == capacity) {
                emit();
            }
        }

        void bits(int value, int count) {
            for (int i = count - 1; i >= 0; i--) {
                bit((value >>> i) & 1);
            }
        }

        private void emit() {
            bytes.write(current);
            capacity = current == 0xFF ? 7 : 8;
            current = 0;
            filled = 0;
        }

        /** Pads with zero bits to a byte boundary; a trailing 0xFF gets a zero byte so no marker is faked. */
        void flush() {
            if (filled > 0) {
                current <<= capacity - filled;
                emit();
            }
            if (capacity == 7) {
                bytes.write(0);
            }
        }
    }
}
