package org.noduletrack.dicom.codec.jpeg;

import java.util.Arrays;

/**
 * Pure-Java decoder for sequential DCT-based JPEG with Huffman coding (ITU-T T.81 | ISO/IEC 10918-1):
 * the baseline process (SOF0) and the extended sequential process (SOF1), with 8 or 12 bit samples. This is
 * what DICOM transfer syntaxes 1.2.840.10008.1.2.4.50 (JPEG Baseline, process 1) and 1.2.840.10008.1.2.4.51
 * (JPEG Extended, processes 2 and 4) carry; the 12-bit greyscale CT/MR frames of the latter are rejected by
 * the ImageIO JPEG plugins ("Unsupported JPEG data precision 12").
 *
 * <p>Supported: DQT with 8- and 16-bit tables, DHT (up to four tables of each class), SOF0/SOF1 with 1 to 4
 * components and sampling factors 1..4 in integral ratios, one interleaved scan or several non-interleaved
 * (or partly interleaved) scans, DRI with RST0..RST7, APPn / COM / DNL skipping, 0xFF fill bytes before
 * markers and byte stuffing. As in libjpeg, SOF0 with 12-bit samples is accepted, and the spectral
 * selection / successive approximation fields of a sequential SOS are ignored.
 *
 * <p>Output: see {@link JpegDctImage}. There is no colour conversion (YCbCr stays YCbCr). Subsampled
 * components are upsampled to the full image size as libjpeg does by default (see {@code Upsampler}).
 *
 * <p>Accuracy: the IDCT is a port of libjpeg's default integer "ISLOW" IDCT with its 8- and 12-bit
 * scaling, so for valid data the samples are identical to those of libjpeg based decoders such as DCMTK's
 * {@code dcmdjpeg} and the JDK's ImageIO JPEG reader, and within ±1 of a correctly rounded floating-point
 * IDCT.
 *
 * <p>Not supported, rejected with a {@link JpegDctException} whose message says "not supported by this
 * decoder": progressive (SOF2), lossless (SOF3), hierarchical (SOF5..7, SOF13..15, DHP, EXP), arithmetic
 * coding (SOF9..11, DAC) and JPEG-LS (SOF55, LSE); also a frame height defined by DNL (Y = 0), non-integral
 * sampling ratios, and more than 4 components.
 *
 * <p>Damaged data never escapes as an unchecked exception: truncation, corrupt entropy-coded data (no
 * matching Huffman code, coefficient index past 63, data running into a marker), missing or out-of-order
 * restart markers and inconsistent headers all raise {@link JpegDctException}; so do images with more than
 * 2^28 samples. Bytes after EOI are ignored; a codestream that ends without EOI after all components were
 * completely decoded is accepted (libjpeg does the same with a warning).
 *
 * <p>Instances hold no state between calls; one decoder may be used from several threads.
 */
public final class JpegDctDecoder {

    /** Largest number of samples (width * height * components) an image may have. */
    static final long MAX_SAMPLES = 1L << 28;

    private static final int SOF0 = 0xC0;
    private static final int SOF1 = 0xC1;
    private static final int DHT = 0xC4;
    private static final int DAC = 0xCC;
    private static final int RST0 = 0xD0;
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int DQT = 0xDB;
    private static final int DNL = 0xDC;
    private static final int DRI = 0xDD;
    private static final int DHP = 0xDE;
    private static final int EXP = 0xDF;
    private static final int SOF55 = 0xF7;
    private static final int LSE = 0xF8;
    private static final int COM = 0xFE;
    private static final int TEM = 0x01;

    public JpegDctDecoder() {
    }

    /**
     * Decodes a baseline (SOF0) or extended (SOF1) Huffman DCT codestream, 8 or 12 bit, 1 or 3 components
     * (sequential, non-progressive), from SOI to EOI.
     *
     * @throws JpegDctException if the codestream is malformed, truncated, too large or uses an unsupported
     *                          JPEG process
     */
    public JpegDctImage decode(byte[] codestream) throws JpegDctException {
        if (codestream == null) {
            throw new JpegDctException("no codestream", 0);
        }
        return new Session(codestream).run();
    }

    /** The state of one decode call. */
    private static final class Session {
        private final byte[] data;
        private int pos;
        private final int[][] quantTables = new int[4][];
        private final HuffmanTable[] dcTables = new HuffmanTable[4];
        private final HuffmanTable[] acTables = new HuffmanTable[4];
        private int restartInterval;

        // frame header
        private boolean frameSeen;
        private int precision;
        private int width;
        private int height;
        private int hMax;
        private int vMax;
        private int mcusPerLine;
        private int mcusPerColumn;
        private FrameComponent[] components;

        private Idct idct;
        private final int[] coef = new int[64];

        Session(byte[] data) {
            this.data = data;
        }

        JpegDctImage run() throws JpegDctException {
            if (data.length < 2 || data[0] != (byte) 0xFF || data[1] != (byte) SOI) {
                throw new JpegDctException("not a JPEG codestream: SOI marker missing", 0);
            }
            pos = 2;
            while (true) {
                if (pos >= data.length) {
                    return endOfData(pos);
                }
                int markerPos = pos;
                if (data[pos] != (byte) 0xFF) {
                    throw new JpegDctException(
                            String.format("expected a marker but found byte 0x%02X", data[pos] & 0xFF), pos);
                }
                while (pos < data.length && data[pos] == (byte) 0xFF) {
                    pos++; // fill bytes
                }
                if (pos >= data.length) {
                    return endOfData(markerPos);
                }
                int marker = data[pos++] & 0xFF;
                switch (marker) {
                    case SOF0, SOF1 -> readFrameHeader(markerPos, marker);
                    case DHT -> readHuffmanTables(markerPos);
                    case DQT -> readQuantizationTables(markerPos);
                    case DRI -> readRestartInterval(markerPos);
                    case SOS -> decodeScan(markerPos);
                    case EOI -> {
                        return finish(markerPos);
                    }
                    case SOI -> throw new JpegDctException("unexpected second SOI marker", markerPos);
                    case 0xC2 -> throw unsupported("progressive DCT (SOF2)", markerPos);
                    case 0xC3 -> throw unsupported("lossless JPEG (SOF3)", markerPos);
                    case 0xC5, 0xC6, 0xC7 -> throw unsupported(
                            String.format("hierarchical (differential) JPEG (SOF%d)", marker - 0xC0), markerPos);
                    case 0xC8 -> throw unsupported("the reserved JPG extension (SOF8)", markerPos);
                    case 0xC9, 0xCA, 0xCB -> throw unsupported(
                            String.format("arithmetic coding (SOF%d)", marker - 0xC0), markerPos);
                    case DAC -> throw unsupported("arithmetic coding (DAC)", markerPos);
                    case 0xCD, 0xCE, 0xCF -> throw unsupported(
                            String.format("hierarchical arithmetic-coded JPEG (SOF%d)", marker - 0xC0), markerPos);
                    case DHP, EXP -> throw unsupported("hierarchical JPEG (DHP/EXP)", markerPos);
                    case SOF55, LSE -> throw unsupported("JPEG-LS (SOF55/LSE)", markerPos);
                    case DNL, COM -> skipSegment(markerPos, marker);
                    case TEM -> {
                        // parameterless, ignored
                    }
                    default -> {
                        if (marker >= RST0 && marker <= RST0 + 7) {
                            // a restart marker outside entropy-coded data is ignored, as libjpeg does
                        } else if (marker >= 0xE0 && marker <= 0xEF || marker >= 0xF0 && marker <= 0xFD) {
                            skipSegment(markerPos, marker); // APPn, JPGn
                        } else if (marker == 0) {
                            throw new JpegDctException("stuffed 0xFF 0x00 outside entropy-coded data", markerPos);
                        } else {
                            throw new JpegDctException(String.format("reserved marker 0xFF%02X", marker), markerPos);
                        }
                    }
                }
            }
        }

        private static JpegDctException unsupported(String what, int offset) {
            return new JpegDctException(what + " is not supported by this decoder", offset);
        }

        // ---------------------------------------------------------------- marker segments

        /** Reads the segment length at {@link #pos}, checks it and moves past it; returns the segment's end offset. */
        private int segmentEnd(int markerPos, String name) throws JpegDctException {
            if (pos + 2 > data.length) {
                throw new JpegDctException("codestream truncated in the length of the " + name + " segment", pos);
            }
            int length = u16(pos);
            if (length < 2) {
                throw new JpegDctException("invalid " + name + " segment length " + length, markerPos);
            }
            int end = pos + length;
            if (end > data.length) {
                throw new JpegDctException(
                        "codestream truncated inside the " + name + " segment (length " + length + ")", markerPos);
            }
            pos += 2;
            return end;
        }

        private void skipSegment(int markerPos, int marker) throws JpegDctException {
            pos = segmentEnd(markerPos, String.format("0xFF%02X", marker));
        }

        private int u16(int at) {
            return (data[at] & 0xFF) << 8 | (data[at + 1] & 0xFF);
        }

        private void need(int bytes, int end, String what) throws JpegDctException {
            if (pos + bytes > end) {
                throw new JpegDctException(what + " segment too short", pos);
            }
        }

        private void readFrameHeader(int markerPos, int marker) throws JpegDctException {
            int end = segmentEnd(markerPos, "SOF");
            if (frameSeen) {
                throw new JpegDctException("more than one frame header (SOF)", markerPos);
            }
            need(6, end, "SOF");
            precision = data[pos] & 0xFF;
            height = u16(pos + 1);
            width = u16(pos + 3);
            int count = data[pos + 5] & 0xFF;
            pos += 6;
            if (precision != 8 && precision != 12) {
                throw new JpegDctException("sample precision " + precision + " is not supported by this decoder"
                        + " (DCT processes use 8 or 12 bits)", markerPos);
            }
            if (count < 1 || count > 4) {
                throw new JpegDctException(count + " components are not supported by this decoder (1 to 4)", markerPos);
            }
            if (end - pos != 3 * count) {
                throw new JpegDctException("SOF length does not match its " + count + " components", markerPos);
            }
            if (width == 0) {
                throw new JpegDctException("frame width is 0", markerPos);
            }
            if (height == 0) {
                throw unsupported("a frame height defined by DNL (Y = 0)", markerPos);
            }
            if ((long) width * height * count > MAX_SAMPLES) {
                throw new JpegDctException("image too large: " + width + "x" + height + "x" + count
                        + " exceeds " + MAX_SAMPLES + " samples", markerPos);
            }
            int[] ids = new int[count];
            int[] hs = new int[count];
            int[] vs = new int[count];
            int[] tqs = new int[count];
            for (int i = 0; i < count; i++, pos += 3) {
                ids[i] = data[pos] & 0xFF;
                hs[i] = (data[pos + 1] & 0xFF) >> 4;
                vs[i] = data[pos + 1] & 0x0F;
                tqs[i] = data[pos + 2] & 0xFF;
                for (int j = 0; j < i; j++) {
                    if (ids[j] == ids[i]) {
                        throw new JpegDctException("duplicate component identifier " + ids[i] + " in SOF", pos);
                    }
                }
                if (hs[i] < 1 || hs[i] > 4 || vs[i] < 1 || vs[i] > 4) {
                    throw new JpegDctException("invalid sampling factors " + hs[i] + "x" + vs[i] + " of component "
                            + ids[i], pos);
                }
                if (tqs[i] > 3) {
                    throw new JpegDctException("invalid quantization table selector " + tqs[i], pos);
                }
                hMax = Math.max(hMax, hs[i]);
                vMax = Math.max(vMax, vs[i]);
            }
            for (int i = 0; i < count; i++) {
                if (hMax % hs[i] != 0 || vMax % vs[i] != 0) {
                    throw unsupported("non-integral sampling ratio " + hMax + "x" + vMax + " : " + hs[i] + "x" + vs[i],
                            markerPos);
                }
            }
            mcusPerLine = ceilDiv(width, 8 * hMax);
            mcusPerColumn = ceilDiv(height, 8 * vMax);
            components = new FrameComponent[count];
            for (int i = 0; i < count; i++) {
                components[i] = new FrameComponent(ids[i], hs[i], vs[i], tqs[i],
                        ceilDiv(width * hs[i], hMax), ceilDiv(height * vs[i], vMax),
                        mcusPerLine * hs[i], mcusPerColumn * vs[i]);
            }
            idct = new Idct(precision);
            frameSeen = true;
        }

        private void readQuantizationTables(int markerPos) throws JpegDctException {
            int end = segmentEnd(markerPos, "DQT");
            while (pos < end) {
                int pqTq = data[pos++] & 0xFF;
                int pq = pqTq >> 4;
                int tq = pqTq & 0x0F;
                if (pq > 1) {
                    throw new JpegDctException("invalid quantization table precision Pq=" + pq, pos - 1);
                }
                if (tq > 3) {
                    throw new JpegDctException("invalid quantization table destination " + tq, pos - 1);
                }
                need(pq == 0 ? 64 : 128, end, "DQT");
                int[] table = new int[64];
                for (int k = 0; k < 64; k++) {
                    int q;
                    if (pq == 0) {
                        q = data[pos++] & 0xFF;
                    } else {
                        q = u16(pos);
                        pos += 2;
                    }
                    table[EntropyReader.ZIGZAG[k]] = q;
                }
                quantTables[tq] = table;
            }
        }

        private void readHuffmanTables(int markerPos) throws JpegDctException {
            int end = segmentEnd(markerPos, "DHT");
            while (pos < end) {
                int tablePos = pos;
                need(17, end, "DHT");
                int tcTh = data[pos++] & 0xFF;
                int tc = tcTh >> 4;
                int th = tcTh & 0x0F;
                if (tc > 1 || th > 3) {
                    throw new JpegDctException(
                            String.format("invalid Huffman table class/destination 0x%02X", tcTh), tablePos);
                }
                int[] counts = new int[16];
                int total = 0;
                for (int i = 0; i < 16; i++) {
                    counts[i] = data[pos++] & 0xFF;
                    total += counts[i];
                }
                if (total > 256) {
                    throw new JpegDctException("Huffman table has " + total + " codes (at most 256)", tablePos);
                }
                need(total, end, "DHT");
                int[] values = new int[total];
                for (int i = 0; i < total; i++) {
                    values[i] = data[pos++] & 0xFF;
                }
                HuffmanTable table = HuffmanTable.build(counts, values, tc == 0, tablePos);
                if (tc == 0) {
                    dcTables[th] = table;
                } else {
                    acTables[th] = table;
                }
            }
        }

        private void readRestartInterval(int markerPos) throws JpegDctException {
            int end = segmentEnd(markerPos, "DRI");
            if (end - pos != 2) {
                throw new JpegDctException("DRI segment must have length 4", markerPos);
            }
            restartInterval = u16(pos);
            pos = end;
        }

        // ---------------------------------------------------------------- scans

        private void decodeScan(int markerPos) throws JpegDctException {
            int end = segmentEnd(markerPos, "SOS");
            if (!frameSeen) {
                throw new JpegDctException("SOS before the frame header (SOF)", markerPos);
            }
            need(1, end, "SOS");
            int count = data[pos++] & 0xFF;
            if (count < 1 || count > components.length) {
                throw new JpegDctException("invalid number of scan components " + count, markerPos);
            }
            if (end - pos != 2 * count + 3) {
                throw new JpegDctException("SOS length does not match its " + count + " components", markerPos);
            }
            FrameComponent[] scan = new FrameComponent[count];
            HuffmanTable[] dc = new HuffmanTable[count];
            HuffmanTable[] ac = new HuffmanTable[count];
            int blocksPerMcu = 0;
            for (int i = 0; i < count; i++, pos += 2) {
                int id = data[pos] & 0xFF;
                int td = (data[pos + 1] & 0xFF) >> 4;
                int ta = data[pos + 1] & 0x0F;
                FrameComponent c = null;
                for (FrameComponent candidate : components) {
                    if (candidate.id == id) {
                        c = candidate;
                    }
                }
                if (c == null) {
                    throw new JpegDctException("scan refers to unknown component " + id, pos);
                }
                for (int j = 0; j < i; j++) {
                    if (scan[j] == c) {
                        throw new JpegDctException("component " + id + " appears twice in one scan", pos);
                    }
                }
                if (c.decoded) {
                    throw new JpegDctException("component " + id + " is coded in more than one scan", pos);
                }
                if (td > 3 || ta > 3) {
                    throw new JpegDctException("invalid Huffman table selectors for component " + id, pos);
                }
                if (dcTables[td] == null) {
                    throw new JpegDctException(
                            "DC Huffman table " + td + " used by component " + id + " is not defined", pos);
                }
                if (acTables[ta] == null) {
                    throw new JpegDctException(
                            "AC Huffman table " + ta + " used by component " + id + " is not defined", pos);
                }
                if (quantTables[c.quantTable] == null) {
                    throw new JpegDctException("quantization table " + c.quantTable + " used by component " + id
                            + " is not defined", pos);
                }
                scan[i] = c;
                dc[i] = dcTables[td];
                ac[i] = acTables[ta];
                blocksPerMcu += c.h * c.v;
            }
            // Ss, Se, Ah/Al: fixed (0, 63, 0) for sequential DCT; like libjpeg, other values are ignored
            pos = end;
            if (count > 1 && blocksPerMcu > 10) {
                throw new JpegDctException(
                        "interleaved scan with " + blocksPerMcu + " blocks per MCU (at most 10)", markerPos);
            }
            for (FrameComponent c : scan) {
                c.quant = quantTables[c.quantTable];
            }

            EntropyReader reader = new EntropyReader(data, pos);
            int[] dcPred = new int[count];
            int mcuCount;
            int blocksPerLine = 0;
            if (count == 1) {
                FrameComponent c = scan[0];
                blocksPerLine = ceilDiv(c.width, 8);
                mcuCount = blocksPerLine * ceilDiv(c.height, 8);
            } else {
                mcuCount = mcusPerLine * mcusPerColumn;
            }
            int expectedRestart = 0;
            for (int mcu = 0; mcu < mcuCount; mcu++) {
                if (count == 1) {
                    decodeBlock(reader, scan[0], mcu % blocksPerLine, mcu / blocksPerLine, dc[0], ac[0], dcPred, 0);
                } else {
                    int mx = mcu % mcusPerLine;
                    int my = mcu / mcusPerLine;
                    for (int i = 0; i < count; i++) {
                        FrameComponent c = scan[i];
                        for (int v = 0; v < c.v; v++) {
                            for (int h = 0; h < c.h; h++) {
                                decodeBlock(reader, c, mx * c.h + h, my * c.v + v, dc[i], ac[i], dcPred, i);
                            }
                        }
                    }
                }
                if (reader.overrun()) {
                    throw new JpegDctException("entropy-coded data truncated or corrupt: it ends (at a marker or the"
                            + " end of the data) in MCU " + mcu + " of " + mcuCount, reader.position());
                }
                if (restartInterval > 0 && (mcu + 1) % restartInterval == 0 && mcu + 1 < mcuCount) {
                    int marker = reader.finishSegment();
                    if (marker != RST0 + expectedRestart) {
                        String found = marker == EntropyReader.END_OF_DATA ? "the end of the data"
                                : String.format("marker 0xFF%02X", marker);
                        throw new JpegDctException("expected restart marker RST" + expectedRestart + " after MCU " + mcu
                                + " but found " + found, reader.markerPosition());
                    }
                    reader.restart();
                    expectedRestart = (expectedRestart + 1) & 7;
                    Arrays.fill(dcPred, 0);
                }
            }
            reader.finishSegment();
            for (FrameComponent c : scan) {
                c.decoded = true;
            }
            pos = reader.markerPosition();
        }

        private void decodeBlock(EntropyReader reader, FrameComponent c, int bx, int by, HuffmanTable dc,
                HuffmanTable ac, int[] dcPred, int index) throws JpegDctException {
            int[] block = coef;
            int n = reader.decodeBlock(block, dc, ac, dcPred, index);
            short[] row = c.blockRow(by);
            if (n == 1) {
                idct.dcOnly(block[0], c.quant[0], row, bx * 8, c.stride);
                block[0] = 0;
            } else {
                idct.transform(block, c.quant, row, bx * 8, c.stride);
                for (int k = 0; k < n; k++) {
                    block[EntropyReader.ZIGZAG[k]] = 0;
                }
            }
        }

        // ---------------------------------------------------------------- output

        private JpegDctImage endOfData(int offset) throws JpegDctException {
            if (frameSeen && allDecoded()) {
                return finish(offset); // EOI missing after a complete image: accepted, as libjpeg does
            }
            throw new JpegDctException("codestream truncated: it ends before "
                    + (frameSeen ? "all components were decoded" : "a frame header (SOF) and scan"), offset);
        }

        private boolean allDecoded() {
            for (FrameComponent c : components) {
                if (!c.decoded) {
                    return false;
                }
            }
            return true;
        }

        private JpegDctImage finish(int offset) throws JpegDctException {
            if (!frameSeen) {
                throw new JpegDctException("EOI without a frame header (SOF)", offset);
            }
            for (FrameComponent c : components) {
                if (!c.decoded) {
                    throw new JpegDctException("EOI before component " + c.id + " was decoded", offset);
                }
            }
            int count = components.length;
            int[] samples = new int[width * height * count];
            for (int i = 0; i < count; i++) {
                Upsampler.interleave(components[i], i, count, width, height, hMax, vMax, samples);
            }
            return new JpegDctImage(width, height, count, precision, samples);
        }

        private static int ceilDiv(int a, int b) {
            return (a + b - 1) / b;
        }
    }
}
