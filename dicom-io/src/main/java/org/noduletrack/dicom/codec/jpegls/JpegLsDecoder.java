package org.noduletrack.dicom.codec.jpegls;

import java.nio.charset.StandardCharsets;

/**
 * Pure-Java JPEG-LS decoder (ITU-T T.87 | ISO/IEC 14495-1, baseline).
 *
 * <p>Supports lossless and near-lossless coding, 2..16 bits per sample, any number of components with
 * interleave modes none, line and sample, LSE preset parameters (MAXVAL, T1..T3, RESET) and oversize
 * dimensions, and restart intervals (DRI / RSTm). Not supported, and rejected with a
 * {@link JpegLsException}: mapping tables (palettes), subsampled components, point transforms and the
 * HP colour transforms (LSE id 13 or APP8 "mrfx"); the samples are returned exactly as coded.
 *
 * <p>Instances hold no state between calls; one decoder may be used from several threads.
 */
public final class JpegLsDecoder {

    /** Largest number of samples an image may have (1 GiB of ints). */
    static final long MAX_SAMPLES = 1L << 28;

    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int DNL = 0xDC;
    private static final int DRI = 0xDD;
    private static final int SOF55 = 0xF7;
    private static final int LSE = 0xF8;
    private static final int APP8 = 0xE8;
    private static final int COM = 0xFE;

    private static final byte[] HP_COLOR_TRANSFORM_TAG = "mrfx".getBytes(StandardCharsets.US_ASCII);

    public JpegLsDecoder() {
    }

    /** Decodes one complete JPEG-LS codestream (SOI..EOI). */
    public JpegLsImage decode(byte[] codestream) throws JpegLsException {
        if (codestream == null) {
            throw new JpegLsException("no codestream", 0);
        }
        return new Session(codestream).run();
    }

    /** The state of one decode call: headers seen so far and the output. */
    private static final class Session {
        private final byte[] data;
        private final CodestreamReader reader;
        private FrameHeader frame;
        private PresetParameters preset;
        private int restartInterval;
        private int[] samples;
        private boolean[] decoded;
        private int maxNear;

        Session(byte[] data) {
            this.data = data;
            this.reader = new CodestreamReader(data);
        }

        JpegLsImage run() throws JpegLsException {
            if (reader.readMarker() != SOI) {
                throw new JpegLsException("not a JPEG codestream: SOI marker missing", 0);
            }
            while (true) {
                int markerPos = reader.position();
                int marker = reader.readMarker();
                switch (marker) {
                    case SOF55 -> readFrameHeader(markerPos);
                    case LSE -> readPresetSegment(markerPos);
                    case DRI -> readRestartInterval(markerPos);
                    case SOS -> decodeScan(markerPos);
                    case EOI -> {
                        return finish(markerPos);
                    }
                    case APP8 -> readApp8(markerPos);
                    case COM -> skipSegment("COM");
                    case SOI -> throw new JpegLsException("unexpected second SOI marker", markerPos);
                    case DNL -> throw new JpegLsException("DNL marker is not supported", markerPos);
                    default -> {
                        if (marker >= 0xE0 && marker <= 0xEF) {
                            skipSegment("APP" + (marker - 0xE0));
                        } else if (marker >= 0xD0 && marker <= 0xD7) {
                            throw new JpegLsException("restart marker outside scan data", markerPos);
                        } else if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8
                                && marker != 0xCC) {
                            throw new JpegLsException(String.format(
                                    "not a JPEG-LS codestream: SOF%d marker (0xFF%02X) of ISO 10918 JPEG",
                                    marker - 0xC0, marker), markerPos);
                        } else {
                            throw new JpegLsException(String.format("unexpected marker 0xFF%02X", marker),
                                    markerPos);
                        }
                    }
                }
            }
        }

        private void skipSegment(String name) throws JpegLsException {
            reader.skip(reader.readSegmentLength(name), name);
        }

        private void readFrameHeader(int markerPos) throws JpegLsException {
            if (frame != null) {
                throw new JpegLsException("second SOF55 frame header", markerPos);
            }
            int length = reader.readSegmentLength("SOF55");
            int bits = reader.readU8("SOF55 precision");
            int height = reader.readU16("SOF55 lines");
            int width = reader.readU16("SOF55 samples per line");
            int count = reader.readU8("SOF55 component count");
            if (length != 6 + 3 * count) {
                throw new JpegLsException("SOF55 length " + (length + 2) + " does not match " + count + " components",
                        markerPos);
            }
            if (bits < 2 || bits > 16) {
                throw new JpegLsException("unsupported sample precision " + bits + " (JPEG-LS allows 2..16)",
                        markerPos);
            }
            if (count < 1) {
                throw new JpegLsException("SOF55 declares no components", markerPos);
            }
            int[] ids = new int[count];
            int firstSampling = -1;
            for (int i = 0; i < count; i++) {
                ids[i] = reader.readU8("component id");
                int sampling = reader.readU8("sampling factors");
                reader.readU8("Tq");
                if (firstSampling >= 0 && sampling != firstSampling) {
                    throw new JpegLsException("subsampled components are not supported", markerPos);
                }
                firstSampling = sampling;
                for (int j = 0; j < i; j++) {
                    if (ids[j] == ids[i]) {
                        throw new JpegLsException("duplicate component id " + ids[i], markerPos);
                    }
                }
            }
            frame = new FrameHeader(bits, height, width, ids);
        }

        private void readPresetSegment(int markerPos) throws JpegLsException {
            int length = reader.readSegmentLength("LSE");
            if (length < 1) {
                throw new JpegLsException("empty LSE segment", markerPos);
            }
            int id = reader.readU8("LSE id");
            switch (id) {
                case 1 -> {
                    if (length != 11) {
                        throw new JpegLsException("LSE preset parameters segment has length " + (length + 2)
                                + ", expected 13", markerPos);
                    }
                    preset = new PresetParameters(reader.readU16("MAXVAL"), reader.readU16("T1"),
                            reader.readU16("T2"), reader.readU16("T3"), reader.readU16("RESET"));
                }
                case 2, 3 -> reader.skip(length - 1, "LSE mapping table"); // only used if a scan selects one
                case 4 -> readOversizeDimensions(markerPos, length);
                case 13 -> throw new JpegLsException("HP colour transform (LSE id 13) is not supported", markerPos);
                default -> throw new JpegLsException("unknown LSE id " + id, markerPos);
            }
        }

        private void readOversizeDimensions(int markerPos, int length) throws JpegLsException {
            if (frame == null) {
                throw new JpegLsException("LSE oversize dimensions before the frame header", markerPos);
            }
            int wxy = reader.readU8("LSE Wxy");
            if (wxy < 2 || wxy > 4 || length != 2 + 2 * wxy) {
                throw new JpegLsException("invalid LSE oversize dimension segment", markerPos);
            }
            int height = reader.readUnsigned(wxy, "image height");
            int width = reader.readUnsigned(wxy, "image width");
            frame = frame.withDimensions(height, width);
        }

        private void readRestartInterval(int markerPos) throws JpegLsException {
            int length = reader.readSegmentLength("DRI");
            if (length < 2 || length > 4) {
                throw new JpegLsException("DRI segment has invalid length " + (length + 2), markerPos);
            }
            restartInterval = reader.readUnsigned(length, "restart interval");
        }

        /** APP8 "mrfx" announces an HP colour transform; a transform id of 0 means none. */
        private void readApp8(int markerPos) throws JpegLsException {
            int length = reader.readSegmentLength("APP8");
            int start = reader.position();
            if (length == 5 && reader.lookingAt(HP_COLOR_TRANSFORM_TAG)) {
                reader.skip(4, "APP8");
                int transform = reader.readU8("colour transform");
                if (transform != 0) {
                    throw new JpegLsException("HP colour transform " + transform + " (APP8 mrfx) is not supported",
                            markerPos);
                }
            }
            reader.seek(start);
            reader.skip(length, "APP8");
        }

        private void decodeScan(int markerPos) throws JpegLsException {
            if (frame == null) {
                throw new JpegLsException("SOS before the SOF55 frame header", markerPos);
            }
            int length = reader.readSegmentLength("SOS");
            int count = reader.readU8("SOS component count");
            if (count < 1 || count > frame.componentCount() || length != 4 + 2 * count) {
                throw new JpegLsException("invalid SOS header for " + count + " components", markerPos);
            }
            allocateOutput(markerPos);
            int[] indexes = new int[count];
            for (int i = 0; i < count; i++) {
                int id = reader.readU8("scan component id");
                int index = frame.indexOf(id);
                if (index < 0) {
                    throw new JpegLsException("scan refers to unknown component id " + id, markerPos);
                }
                if (decoded[index]) {
                    throw new JpegLsException("component " + id + " coded in more than one scan", markerPos);
                }
                decoded[index] = true;
                indexes[i] = index;
                if (reader.readU8("mapping table selector") != 0) {
                    throw new JpegLsException("mapping tables (palette images) are not supported", markerPos);
                }
            }
            int near = reader.readU8("NEAR");
            int ilv = reader.readU8("ILV");
            int pointTransform = reader.readU8("point transform");
            if (ilv > ScanHeader.ILV_SAMPLE) {
                throw new JpegLsException("invalid interleave mode " + ilv, markerPos);
            }
            if (ilv == ScanHeader.ILV_NONE && count != 1) {
                throw new JpegLsException("non-interleaved scan with " + count + " components", markerPos);
            }
            if (pointTransform != 0) {
                throw new JpegLsException("point transform " + pointTransform + " is not supported", markerPos);
            }
            PresetParameters params = PresetParameters.resolve(preset, frame.bitsPerSample(), near, markerPos);
            maxNear = Math.max(maxNear, near);
            ScanHeader scan = new ScanHeader(indexes, near, ilv);
            ScanDecoder decoder = new ScanDecoder(data, frame, scan, params, restartInterval, samples);
            reader.seek(decoder.decode(reader.position()));
        }

        private void allocateOutput(int markerPos) throws JpegLsException {
            if (samples != null) {
                return;
            }
            int width = frame.width();
            int height = frame.height();
            if (width == 0 || height == 0) {
                throw new JpegLsException("image has zero width or height", markerPos);
            }
            long total = (long) width * height * frame.componentCount();
            if (total > MAX_SAMPLES) {
                throw new JpegLsException("image of " + width + "x" + height + "x" + frame.componentCount()
                        + " samples exceeds the supported maximum of 2^28", markerPos);
            }
            // Every line costs at least one bit and one bit codes at most 2^15 samples (longest run
            // segment), so a header far larger than the data is corrupt: refuse before allocating.
            long bitsLeft = 8L * (data.length - reader.position()) + 64;
            if ((long) height * frame.componentCount() > bitsLeft || total > bitsLeft << 15) {
                throw new JpegLsException("image of " + width + "x" + height + " samples cannot fit in the "
                        + (data.length - reader.position()) + " bytes of remaining codestream", markerPos);
            }
            samples = new int[(int) total];
            decoded = new boolean[frame.componentCount()];
        }

        private JpegLsImage finish(int markerPos) throws JpegLsException {
            if (frame == null || samples == null) {
                throw new JpegLsException("EOI before any scan", markerPos);
            }
            for (int i = 0; i < decoded.length; i++) {
                if (!decoded[i]) {
                    throw new JpegLsException("EOI before component " + frame.componentIds()[i] + " was decoded",
                            markerPos);
                }
            }
            return new JpegLsImage(frame.width(), frame.height(), frame.componentCount(), frame.bitsPerSample(),
                    maxNear, samples);
        }
    }
}
