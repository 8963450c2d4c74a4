package org.noduletrack.dicom.codec.jpegls;

import java.util.Arrays;

/**
 * Decodes the entropy-coded data of one scan (T.87 Annex A, with the multi-component rules of Annex B)
 * into the output sample array.
 *
 * <p>Each component keeps two line buffers of {@code width + 2} samples: index 0 and {@code width + 1}
 * hold the edge values A.2.1 prescribes (Ra of the first sample is the sample above it, Rd of the last
 * sample repeats Rb), so the inner loop needs no edge tests.
 */
final class ScanDecoder {

    /** Run-length order table J of T.87 A.2.1. */
    private static final int[] J = {
        0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3,
        4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 13, 14, 15
    };

    /** Valid streams need k of at most about 17 (A/N is bounded by RANGE); more means corrupt data. */
    private static final int MAX_GOLOMB_K = 24;

    private final byte[] data;
    private final int width;
    private final int height;
    private final int frameComponents;
    private final int[] componentIndexes;
    private final boolean sampleInterleaved;
    private final int restartInterval;
    private final int[] out;

    private final int near;
    private final int qstep;
    private final int maxVal;
    private final int rangeTimesQstep;
    private final int qbpp;
    private final int limit;
    /** Gradient quantisation table for differences -MAXVAL..MAXVAL, offset by MAXVAL. */
    private final byte[] quant;
    private final int quantOffset;

    private final ContextState ctx;
    /** RUNindex, one per scan component: line-interleaved components each keep their own. */
    private final int[] runIndex;
    private BitReader in;

    ScanDecoder(byte[] data, FrameHeader frame, ScanHeader scan, PresetParameters params,
                int restartInterval, int[] out) {
        this.data = data;
        this.width = frame.width();
        this.height = frame.height();
        this.frameComponents = frame.componentCount();
        this.componentIndexes = scan.componentIndexes();
        this.sampleInterleaved = scan.interleaveMode() == ScanHeader.ILV_SAMPLE && scan.componentCount() > 1;
        this.restartInterval = restartInterval;
        this.out = out;

        this.near = scan.near();
        this.qstep = 2 * near + 1;
        this.maxVal = params.maxVal();
        int range = (maxVal + 2 * near) / qstep + 1;
        this.rangeTimesQstep = range * qstep;
        this.qbpp = ceilLog2(range);
        int bpp = Math.max(2, ceilLog2(maxVal + 1));
        this.limit = 2 * (bpp + Math.max(8, bpp));
        this.quantOffset = maxVal;
        this.quant = new byte[2 * maxVal + 1];
        for (int d = -maxVal; d <= maxVal; d++) {
            quant[d + maxVal] = quantize(d, params);
        }
        this.ctx = new ContextState(range, params.reset());
        this.runIndex = new int[scan.componentCount()];
    }

    private static int ceilLog2(int value) {
        return 32 - Integer.numberOfLeadingZeros(value - 1);
    }

    private byte quantize(int d, PresetParameters p) {
        if (d <= -p.t3()) {
            return -4;
        }
        if (d <= -p.t2()) {
            return -3;
        }
        if (d <= -p.t1()) {
            return -2;
        }
        if (d < -near) {
            return -1;
        }
        if (d <= near) {
            return 0;
        }
        if (d < p.t1()) {
            return 1;
        }
        if (d < p.t2()) {
            return 2;
        }
        if (d < p.t3()) {
            return 3;
        }
        return 4;
    }

    /**
     * Decodes the scan starting at {@code start}, the first byte after the SOS segment.
     *
     * @return the offset of the marker that follows the scan data
     */
    int decode(int start) throws JpegLsException {
        in = new BitReader(data, start);
        int ns = componentIndexes.length;
        int[][] prev = new int[ns][width + 2];
        int[][] cur = new int[ns][width + 2];
        int[] contextIds = new int[ns];
        int restarts = 0;
        for (int y = 0; y < height; y++) {
            if (restartInterval > 0 && y > 0 && y % restartInterval == 0) {
                restart(restarts++);
                for (int c = 0; c < ns; c++) {
                    Arrays.fill(prev[c], 0); // the first line after a restart is predicted like line 0
                }
            }
            if (sampleInterleaved) {
                decodeInterleavedLine(prev, cur, contextIds);
            } else {
                for (int c = 0; c < ns; c++) {
                    decodeLine(prev[c], cur[c], c);
                }
            }
            if (in.overrun()) {
                throw new JpegLsException("scan data ends before line " + y + " is complete (truncated or corrupt)",
                        in.position());
            }
            for (int c = 0; c < ns; c++) {
                store(cur[c], y, componentIndexes[c]);
            }
            int[][] t = prev;
            prev = cur;
            cur = t;
        }
        return in.markerPosition();
    }

    private void store(int[] line, int y, int component) {
        if (frameComponents == 1) {
            System.arraycopy(line, 1, out, y * width, width);
            return;
        }
        int o = y * width * frameComponents + component;
        for (int x = 1; x <= width; x++) {
            out[o] = line[x];
            o += frameComponents;
        }
    }

    /** Moves past the RSTm marker that must end the current interval and resets the coder state (T.87 D.2). */
    private void restart(int count) throws JpegLsException {
        int markerPos = in.markerPosition();
        int p = markerPos;
        while (p < data.length && data[p] == (byte) 0xFF) {
            p++;
        }
        if (p >= data.length || p == markerPos) {
            throw new JpegLsException("codestream truncated: restart marker expected", markerPos);
        }
        int code = data[p] & 0xFF;
        int expected = 0xD0 + (count & 7);
        if (code != expected) {
            throw new JpegLsException(String.format("expected restart marker 0xFF%02X, found 0xFF%02X", expected, code),
                    markerPos);
        }
        in = new BitReader(data, p + 1);
        ctx.init();
        Arrays.fill(runIndex, 0);
    }

    private void decodeLine(int[] prev, int[] cur, int comp) throws JpegLsException {
        int w = width;
        prev[w + 1] = prev[w];
        cur[0] = prev[1];
        byte[] qt = quant;
        int off = quantOffset;
        int x = 1;
        while (x <= w) {
            int ra = cur[x - 1];
            int rb = prev[x];
            int rc = prev[x - 1];
            int rd = prev[x + 1];
            int q = 81 * qt[rd - rb + off] + 9 * qt[rb - rc + off] + qt[rc - ra + off];
            if (q != 0) {
                cur[x] = decodeRegular(q, ra, rb, rc);
                x++;
            } else {
                x = decodeRun(prev, cur, x, comp);
            }
        }
    }

    private void decodeInterleavedLine(int[][] prev, int[][] cur, int[] contextIds) throws JpegLsException {
        int w = width;
        int ns = prev.length;
        for (int c = 0; c < ns; c++) {
            prev[c][w + 1] = prev[c][w];
            cur[c][0] = prev[c][1];
        }
        byte[] qt = quant;
        int off = quantOffset;
        int x = 1;
        while (x <= w) {
            boolean run = true;
            for (int c = 0; c < ns; c++) {
                int[] p = prev[c];
                int ra = cur[c][x - 1];
                int rb = p[x];
                int rc = p[x - 1];
                int rd = p[x + 1];
                int q = 81 * qt[rd - rb + off] + 9 * qt[rb - rc + off] + qt[rc - ra + off];
                contextIds[c] = q;
                run &= q == 0;
            }
            if (run) {
                // run mode only when every component is flat (T.87 B.3)
                x = decodeInterleavedRun(prev, cur, x);
            } else {
                for (int c = 0; c < ns; c++) {
                    cur[c][x] = decodeRegular(contextIds[c], cur[c][x - 1], prev[c][x], prev[c][x - 1]);
                }
                x++;
            }
        }
    }

    /** Regular mode (T.87 A.4 - A.6) for one sample with signed context id {@code q}. */
    private int decodeRegular(int q, int ra, int rb, int rc) throws JpegLsException {
        int sign = (q >> 31) | 1;
        int ci = q < 0 ? -q : q;
        // median edge detector
        int px;
        if (rc >= Math.max(ra, rb)) {
            px = Math.min(ra, rb);
        } else if (rc <= Math.min(ra, rb)) {
            px = Math.max(ra, rb);
        } else {
            px = ra + rb - rc;
        }
        px += sign * ctx.c[ci];
        if (px > maxVal) {
            px = maxVal;
        } else if (px < 0) {
            px = 0;
        }
        int nq = ctx.n[ci];
        int k = golombK(nq, ctx.a[ci]);
        int m = readGolomb(k, limit);
        if (k == 0 && near == 0 && 2 * ctx.b[ci] <= -nq) {
            m ^= 1; // the alternative error mapping of A.5.2 swaps the roles of odd and even codes
        }
        int errval = (m >>> 1) ^ -(m & 1);
        ctx.updateRegular(ci, errval, qstep);
        return reconstruct(px, sign * errval * qstep);
    }

    /** Run mode (T.87 A.7) for a single component; returns the column after the run and its interruption. */
    private int decodeRun(int[] prev, int[] cur, int x, int comp) throws JpegLsException {
        int ri = runIndex[comp];
        int end = width + 1;
        int i = x;
        while (in.readBit() == 1) {
            int segment = 1 << J[ri];
            int count = Math.min(segment, end - i);
            i += count;
            if (count == segment && ri < 31) {
                ri++;
            }
            if (i == end) {
                break;
            }
        }
        boolean interrupted = false;
        if (i < end) {
            i += in.readBits(J[ri]);
            if (i > end) {
                throw new JpegLsException("run length exceeds the line (corrupt scan data)", in.position());
            }
            interrupted = i < end;
        }
        int ra = cur[x - 1];
        Arrays.fill(cur, x, i, ra);
        if (interrupted) {
            int rb = prev[i];
            int riType = Math.abs(ra - rb) <= near ? 1 : 0;
            int errval = decodeRunInterruptionError(riType, J[ri]);
            cur[i] = riType == 1
                    ? reconstruct(ra, errval * qstep)
                    : reconstruct(rb, (ra > rb ? -errval : errval) * qstep);
            i++;
            if (ri > 0) {
                ri--;
            }
        }
        runIndex[comp] = ri;
        return i;
    }

    /**
     * Run mode of a sample-interleaved scan: the run covers all components; an interruption codes every
     * component with RItype 0 (prediction Rb), since some of them may equal Ra.
     */
    private int decodeInterleavedRun(int[][] prev, int[][] cur, int x) throws JpegLsException {
        int ri = runIndex[0];
        int end = width + 1;
        int i = x;
        while (in.readBit() == 1) {
            int segment = 1 << J[ri];
            int count = Math.min(segment, end - i);
            i += count;
            if (count == segment && ri < 31) {
                ri++;
            }
            if (i == end) {
                break;
            }
        }
        boolean interrupted = false;
        if (i < end) {
            i += in.readBits(J[ri]);
            if (i > end) {
                throw new JpegLsException("run length exceeds the line (corrupt scan data)", in.position());
            }
            interrupted = i < end;
        }
        for (int[] line : cur) {
            Arrays.fill(line, x, i, line[x - 1]);
        }
        if (interrupted) {
            for (int c = 0; c < cur.length; c++) {
                int ra = cur[c][i - 1];
                int rb = prev[c][i];
                int errval = decodeRunInterruptionError(0, J[ri]);
                cur[c][i] = reconstruct(rb, (ra > rb ? -errval : errval) * qstep);
            }
            i++;
            if (ri > 0) {
                ri--;
            }
        }
        runIndex[0] = ri;
        return i;
    }

    /** Decodes the error of a run-interruption sample (T.87 A.7.2) and updates its context. */
    private int decodeRunInterruptionError(int riType, int runBits) throws JpegLsException {
        int nq = ctx.runN[riType];
        long temp = riType == 0 ? ctx.runA[riType] : ctx.runA[riType] + (nq >> 1);
        int k = golombK(nq, temp);
        int emErrval = readGolomb(k, limit - runBits - 1);
        int t = emErrval + riType;
        int map = t & 1;
        int magnitude = (t + map) >> 1;
        boolean mapMeansNegative = k != 0 || 2 * ctx.runNn[riType] >= nq;
        int errval = mapMeansNegative == (map == 1) ? -magnitude : magnitude;
        ctx.updateRunInterruption(riType, errval, emErrval);
        return errval;
    }

    private int golombK(int n, long a) throws JpegLsException {
        int k = 0;
        while (((long) n << k) < a) {
            if (++k > MAX_GOLOMB_K) {
                throw new JpegLsException("Golomb parameter out of range (corrupt scan data)", in.position());
            }
        }
        return k;
    }

    /** Limited-length Golomb code LG(k, limit) of T.87 A.5.3. */
    private int readGolomb(int k, int codeLimit) throws JpegLsException {
        int escapeZeros = codeLimit - qbpp - 1;
        int zeros = in.readUnary(escapeZeros);
        if (zeros < escapeZeros) {
            return (zeros << k) + in.readBits(k);
        }
        return in.readBits(qbpp) + 1;
    }

    /** Adds the dequantised error and undoes the modulo reduction, then clamps (T.87 A.4.4 / F.1 step 9). */
    private int reconstruct(int px, int error) {
        int rx = px + error;
        if (rx < -near) {
            rx += rangeTimesQstep;
        } else if (rx > maxVal + near) {
            rx -= rangeTimesQstep;
        }
        return rx < 0 ? 0 : Math.min(rx, maxVal);
    }
}
