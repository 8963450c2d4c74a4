package org.noduletrack.dicom.codec.jpeg;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small, slow, test-only sequential DCT JPEG encoder (Huffman, 8 or 12 bit) that produces codestreams
 * with the structural features the decoder must handle and that the available real files do not all have:
 * restart intervals, fill bytes before markers, 16-bit quantization tables, subsampled components,
 * non-interleaved scans, APPn/COM segments, tables between SOF and SOS. The same configuration apart from
 * such framing options always gives the same quantized coefficients, so variants must decode identically.
 *
 * <p>Huffman tables are generated per image with libjpeg's {@code jpeg_gen_optimal_table} algorithm
 * (lengths limited to 16 bits, all-ones code reserved), so long codes are exercised as well.
 */
final class TestJpegEncoder {

    int precision = 8;
    int sofMarker = 0xC0;
    /** Sampling factors per component; defaults to 1x1 for every component when null. */
    int[] h;
    int[] v;
    /** IJG-style quality used to scale the Annex K tables. */
    int quality = 75;
    boolean sixteenBitDqt;
    int restartInterval;
    boolean interleaved = true;
    /** Extra 0xFF fill bytes written before every marker after SOI (and before each RSTm). */
    int fillBytes;
    /** Adds APP0, APP1, APP14 and COM segments and puts DQT/DHT/DRI between SOF and SOS. */
    boolean extraSegments;

    private static final int[] LUMINANCE = {
        16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
        14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
        18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
        49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99};
    private static final int[] CHROMINANCE = {
        17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99,
        24, 26, 56, 99, 99, 99, 99, 99, 47, 66, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
        99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99};

    private static final double[][] COS = new double[8][8];

    static {
        for (int u = 0; u < 8; u++) {
            double c = u == 0 ? Math.sqrt(0.5) : 1.0;
            for (int x = 0; x < 8; x++) {
                COS[u][x] = c / 2 * Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
    }

    // per encode() call
    private int width;
    private int height;
    private int count;
    private int hMax;
    private int vMax;
    private int mcusX;
    private int mcusY;
    private int[] compWidth;
    private int[] compHeight;
    private int[] blocksPerLine;
    /** [component][block index in the interleaved block grid][64 quantized coefficients, zig-zag order] */
    private int[][][] coefficients;
    private int[][] quant;

    /** Encodes pixel-interleaved samples (0..2^P-1) of {@code components} components. */
    byte[] encode(int width, int height, int components, int[] samples) {
        this.width = width;
        this.height = height;
        this.count = components;
        int[] hs = h != null ? h : filled(components);
        int[] vs = v != null ? v : filled(components);
        hMax = Arrays.stream(hs).max().orElseThrow();
        vMax = Arrays.stream(vs).max().orElseThrow();
        mcusX = (width + 8 * hMax - 1) / (8 * hMax);
        mcusY = (height + 8 * vMax - 1) / (8 * vMax);
        quant = new int[][] {scaled(LUMINANCE), scaled(CHROMINANCE)};
        compWidth = new int[components];
        compHeight = new int[components];
        blocksPerLine = new int[components];
        coefficients = new int[components][][];
        for (int c = 0; c < components; c++) {
            compWidth[c] = (width * hs[c] + hMax - 1) / hMax;
            compHeight[c] = (height * vs[c] + vMax - 1) / vMax;
            blocksPerLine[c] = mcusX * hs[c];
            int blocksPerColumn = mcusY * vs[c];
            int[] plane = downsample(samples, c, hs[c], vs[c]);
            coefficients[c] = new int[blocksPerLine[c] * blocksPerColumn][];
            for (int by = 0; by < blocksPerColumn; by++) {
                for (int bx = 0; bx < blocksPerLine[c]; bx++) {
                    coefficients[c][by * blocksPerLine[c] + bx] = forwardDct(plane, c, bx, by, quant[c == 0 ? 0 : 1]);
                }
            }
        }

        List<int[]> scans = new ArrayList<>();
        if (interleaved) {
            int[] all = new int[components];
            for (int c = 0; c < components; c++) {
                all[c] = c;
            }
            scans.add(all);
        } else {
            for (int c = 0; c < components; c++) {
                scans.add(new int[] {c});
            }
        }

        // pass 1: symbol statistics; pass 2: the code
        long[][] dcFreq = new long[2][257];
        long[][] acFreq = new long[2][257];
        for (int[] scan : scans) {
            new ScanWriter(scan, hs, vs, null, null, dcFreq, acFreq).run();
        }
        int[][][] dcTables = {optimalTable(dcFreq[0]), components > 1 ? optimalTable(dcFreq[1]) : null};
        int[][][] acTables = {optimalTable(acFreq[0]), components > 1 ? optimalTable(acFreq[1]) : null};

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        if (extraSegments) {
            segment(out, 0xE0, "JFIF\0\1\2\0\0\1\0\1\0\0".getBytes(StandardCharsets.ISO_8859_1));
            segment(out, 0xE1, "Exif\0\0 not really exif \u00ff\u00d9 data".getBytes(StandardCharsets.ISO_8859_1));
            segment(out, 0xFE,
                "comment with markers \u00ff\u00d8\u00ff\u00da inside".getBytes(StandardCharsets.ISO_8859_1));
            writeFrameHeader(out, hs, vs);
            writeTables(out, dcTables, acTables);
            segment(out, 0xEE, "Adobe\0\144\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1));
        } else {
            writeTables(out, dcTables, acTables);
            writeFrameHeader(out, hs, vs);
        }
        for (int[] scan : scans) {
            ByteArrayOutputStream sos = new ByteArrayOutputStream();
            sos.write(scan.length);
            for (int c : scan) {
                sos.write(c + 1);
                int t = c == 0 ? 0 : 1;
                sos.write(t << 4 | t);
            }
            sos.write(0);
            sos.write(63);
            sos.write(0);
            segment(out, 0xDA, sos.toByteArray());
            new ScanWriter(scan, hs, vs, dcTables, acTables, null, null).writeTo(out);
        }
        marker(out, 0xD9);
        return out.toByteArray();
    }

    private static int[] filled(int n) {
        int[] a = new int[n];
        Arrays.fill(a, 1);
        return a;
    }

    private int[] scaled(int[] base) {
        int scale = quality < 50 ? 5000 / quality : 200 - quality * 2;
        int limit = sixteenBitDqt || precision > 8 ? 32767 : 255;
        int[] table = new int[64];
        for (int i = 0; i < 64; i++) {
            table[i] = Math.max(1, Math.min(limit, (base[i] * scale + 50) / 100));
        }
        return table; // natural order
    }

    private int[] downsample(int[] samples, int c, int hc, int vc) {
        int hs = hMax / hc;
        int vs = vMax / vc;
        int[] plane = new int[compWidth[c] * compHeight[c]];
        for (int y = 0; y < compHeight[c]; y++) {
            for (int x = 0; x < compWidth[c]; x++) {
                long sum = 0;
                int n = 0;
                for (int dy = 0; dy < vs && y * vs + dy < height; dy++) {
                    for (int dx = 0; dx < hs && x * hs + dx < width; dx++) {
                        sum += samples[((y * vs + dy) * width + x * hs + dx) * count + c];
                        n++;
                    }
                }
                plane[y * compWidth[c] + x] = (int) ((sum + n / 2) / n);
            }
        }
        return plane;
    }

    private int[] forwardDct(int[] plane, int c, int bx, int by, int[] q) {
        double[] f = new double[64];
        int shift = 1 << (precision - 1);
        for (int y = 0; y < 8; y++) {
            int py = Math.min(by * 8 + y, compHeight[c] - 1);
            for (int x = 0; x < 8; x++) {
                int px = Math.min(bx * 8 + x, compWidth[c] - 1);
                f[y * 8 + x] = plane[py * compWidth[c] + px] - shift;
            }
        }
        int[] zz = new int[64];
        for (int k = 0; k < 64; k++) {
            int natural = EntropyReader.ZIGZAG[k];
            int fv = natural >> 3;
            int fu = natural & 7;
            double sum = 0;
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    sum += COS[fv][y] * COS[fu][x] * f[y * 8 + x];
                }
            }
            zz[k] = (int) Math.round(sum / q[natural]);
        }
        return zz;
    }

    private void writeFrameHeader(ByteArrayOutputStream out, int[] hs, int[] vs) {
        ByteArrayOutputStream sof = new ByteArrayOutputStream();
        sof.write(precision);
        sof.write(height >> 8);
        sof.write(height);
        sof.write(width >> 8);
        sof.write(width);
        sof.write(count);
        for (int c = 0; c < count; c++) {
            sof.write(c + 1);
            sof.write(hs[c] << 4 | vs[c]);
            sof.write(c == 0 ? 0 : 1);
        }
        segment(out, sofMarker, sof.toByteArray());
    }

    private void writeTables(ByteArrayOutputStream out, int[][][] dcTables, int[][][] acTables) {
        ByteArrayOutputStream dqt = new ByteArrayOutputStream();
        for (int t = 0; t < (count > 1 ? 2 : 1); t++) {
            boolean wide = sixteenBitDqt || Arrays.stream(quant[t]).max().orElseThrow() > 255;
            dqt.write((wide ? 0x10 : 0) | t);
            for (int k = 0; k < 64; k++) {
                int value = quant[t][EntropyReader.ZIGZAG[k]];
                if (wide) {
                    dqt.write(value >> 8);
                }
                dqt.write(value);
            }
        }
        segment(out, 0xDB, dqt.toByteArray());
        for (int t = 0; t < 2; t++) {
            if (dcTables[t] == null) {
                continue;
            }
            ByteArrayOutputStream dht = new ByteArrayOutputStream();
            writeHuffman(dht, 0x00 | t, dcTables[t]);
            if (extraSegments) {
                segment(out, 0xC4, dht.toByteArray()); // one table per segment
                dht.reset();
            }
            writeHuffman(dht, 0x10 | t, acTables[t]);
            segment(out, 0xC4, dht.toByteArray());
        }
        if (restartInterval > 0) {
            segment(out, 0xDD, new byte[] {(byte) (restartInterval >> 8), (byte) restartInterval});
        }
    }

    private static void writeHuffman(ByteArrayOutputStream out, int tcTh, int[][] table) {
        out.write(tcTh);
        for (int i = 1; i <= 16; i++) {
            out.write(table[0][i]);
        }
        for (int value : table[1]) {
            out.write(value);
        }
    }

    private void marker(ByteArrayOutputStream out, int code) {
        for (int i = 0; i < fillBytes; i++) {
            out.write(0xFF);
        }
        out.write(0xFF);
        out.write(code);
    }

    private void segment(ByteArrayOutputStream out, int code, byte[] payload) {
        marker(out, code);
        out.write((payload.length + 2) >> 8);
        out.write(payload.length + 2);
        out.writeBytes(payload);
    }

    /**
     * libjpeg's {@code jpeg_gen_optimal_table}: returns {BITS[0..16], HUFFVAL} for the given symbol
     * frequencies (index 256 is used internally as the reserved all-ones code point).
     */
    static int[][] optimalTable(long[] frequencies) {
        long[] freq = Arrays.copyOf(frequencies, 257);
        int[] bits = new int[33];
        int[] codeSize = new int[257];
        int[] others = new int[257];
        Arrays.fill(others, -1);
        freq[256] = 1;
        while (true) {
            int c1 = -1;
            long best = Long.MAX_VALUE;
            for (int i = 0; i <= 256; i++) {
                if (freq[i] != 0 && freq[i] <= best) {
                    best = freq[i];
                    c1 = i;
                }
            }
            int c2 = -1;
            best = Long.MAX_VALUE;
            for (int i = 0; i <= 256; i++) {
                if (freq[i] != 0 && freq[i] <= best && i != c1) {
                    best = freq[i];
                    c2 = i;
                }
            }
            if (c2 < 0) {
                break;
            }
            freq[c1] += freq[c2];
            freq[c2] = 0;
            codeSize[c1]++;
            while (others[c1] >= 0) {
                c1 = others[c1];
                codeSize[c1]++;
            }
            others[c1] = c2;
            codeSize[c2]++;
            while (others[c2] >= 0) {
                c2 = others[c2];
                codeSize[c2]++;
            }
        }
        for (int i = 0; i <= 256; i++) {
            if (codeSize[i] != 0) {
                bits[codeSize[i]]++;
            }
        }
        int i;
        for (i = 32; i > 16; i--) {
            while (bits[i] > 0) {
                int j = i - 2;
                while (bits[j] == 0) {
                    j--;
                }
                bits[i] -= 2;
                bits[i - 1]++;
                bits[j + 1] += 2;
                bits[j]--;
            }
        }
        while (bits[i] == 0) {
            i--;
        }
        bits[i]--;
        List<Integer> values = new ArrayList<>();
        for (int length = 1; length <= 32; length++) {
            for (int symbol = 0; symbol <= 255; symbol++) {
                if (codeSize[symbol] == length) {
                    values.add(symbol);
                }
            }
        }
        return new int[][] {Arrays.copyOf(bits, 17), values.stream().mapToInt(Integer::intValue).toArray()};
    }

    /** Encodes (or only counts the symbols of) one scan. */
    private final class ScanWriter {
        private final int[] scan;
        private final int[] hs;
        private final int[] vs;
        private final long[][] dcFreq;
        private final long[][] acFreq;
        private final int[][] dcCode = new int[2][];
        private final int[][] dcSize = new int[2][];
        private final int[][] acCode = new int[2][];
        private final int[][] acSize = new int[2][];
        private ByteArrayOutputStream out;
        private long bitBuffer;
        private int bitCount;

        ScanWriter(int[] scan, int[] hs, int[] vs, int[][][] dcTables, int[][][] acTables, long[][] dcFreq,
                long[][] acFreq) {
            this.scan = scan;
            this.hs = hs;
            this.vs = vs;
            this.dcFreq = dcFreq;
            this.acFreq = acFreq;
            if (dcTables != null) {
                for (int t = 0; t < 2; t++) {
                    if (dcTables[t] != null) {
                        dcCode[t] = new int[256];
                        dcSize[t] = new int[256];
                        codes(dcTables[t], dcCode[t], dcSize[t]);
                        acCode[t] = new int[256];
                        acSize[t] = new int[256];
                        codes(acTables[t], acCode[t], acSize[t]);
                    }
                }
            }
        }

        private static void codes(int[][] table, int[] code, int[] size) {
            int next = 0;
            int k = 0;
            for (int length = 1; length <= 16; length++) {
                for (int i = 0; i < table[0][length]; i++, k++) {
                    code[table[1][k]] = next++;
                    size[table[1][k]] = length;
                }
                next <<= 1;
            }
        }

        void writeTo(ByteArrayOutputStream target) {
            this.out = target;
            run();
        }

        void run() {
            int[] pred = new int[scan.length];
            int mcuCount;
            int singleBlocksPerLine = 0;
            if (scan.length == 1) {
                int c = scan[0];
                singleBlocksPerLine = (compWidth[c] + 7) / 8;
                mcuCount = singleBlocksPerLine * ((compHeight[c] + 7) / 8);
            } else {
                mcuCount = mcusX * mcusY;
            }
            int restartNumber = 0;
            for (int mcu = 0; mcu < mcuCount; mcu++) {
                if (scan.length == 1) {
                    int c = scan[0];
                    int bx = mcu % singleBlocksPerLine;
                    int by = mcu / singleBlocksPerLine;
                    block(c, 0, coefficients[c][by * blocksPerLine[c] + bx], pred);
                } else {
                    int mx = mcu % mcusX;
                    int my = mcu / mcusX;
                    for (int i = 0; i < scan.length; i++) {
                        int c = scan[i];
                        for (int y = 0; y < vs[c]; y++) {
                            for (int x = 0; x < hs[c]; x++) {
                                int bx = mx * hs[c] + x;
                                int by = my * vs[c] + y;
                                block(c, i, coefficients[c][by * blocksPerLine[c] + bx], pred);
                            }
                        }
                    }
                }
                if (restartInterval > 0 && (mcu + 1) % restartInterval == 0 && mcu + 1 < mcuCount) {
                    flush();
                    if (out != null) {
                        marker(out, 0xD0 + restartNumber);
                    }
                    restartNumber = (restartNumber + 1) & 7;
                    Arrays.fill(pred, 0);
                }
            }
            flush();
        }

        private void block(int c, int index, int[] zz, int[] pred) {
            int t = c == 0 ? 0 : 1;
            int diff = zz[0] - pred[index];
            pred[index] = zz[0];
            int s = category(diff);
            if (s > 15) {
                throw new IllegalStateException("DC difference out of range: " + diff);
            }
            symbol(dcFreq, dcCode, dcSize, t, s);
            bits(diff < 0 ? diff - 1 : diff, s);
            int run = 0;
            for (int k = 1; k < 64; k++) {
                int value = zz[k];
                if (value == 0) {
                    run++;
                    continue;
                }
                while (run > 15) {
                    symbol(acFreq, acCode, acSize, t, 0xF0);
                    run -= 16;
                }
                int size = category(value);
                if (size > 15) {
                    throw new IllegalStateException("AC coefficient out of range: " + value);
                }
                symbol(acFreq, acCode, acSize, t, run << 4 | size);
                bits(value < 0 ? value - 1 : value, size);
                run = 0;
            }
            if (run > 0) {
                symbol(acFreq, acCode, acSize, t, 0x00);
            }
        }

        private static int category(int value) {
            return 32 - Integer.numberOfLeadingZeros(Math.abs(value));
        }

        private void symbol(long[][] freq, int[][] code, int[][] size, int table, int symbol) {
            if (out == null) {
                freq[table][symbol]++;
            } else {
                if (size[table][symbol] == 0) {
                    throw new IllegalStateException("symbol without code: " + symbol);
                }
                bits(code[table][symbol], size[table][symbol]);
            }
        }

        private void bits(int value, int n) {
            if (out == null || n == 0) {
                return;
            }
            bitBuffer = bitBuffer << n | (value & ((1L << n) - 1));
            bitCount += n;
            while (bitCount >= 8) {
                int b = (int) (bitBuffer >>> (bitCount - 8)) & 0xFF;
                out.write(b);
                if (b == 0xFF) {
                    out.write(0); // byte stuffing
                }
                bitCount -= 8;
            }
        }

        private void flush() {
            if (out != null && bitCount > 0) {
                bits(0x7F, 8 - bitCount); // pad with 1-bits
            }
        }
    }
}
