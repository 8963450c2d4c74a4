package org.noduletrack.dicom.codec.jpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Unsupported processes and malformed codestreams give a clear {@link JpegDctException}. */
class JpegDctMalformedTest {

    private final JpegDctDecoder decoder = new JpegDctDecoder();

    /** A small valid 12-bit greyscale codestream (SOF1) with restart markers every 2 MCUs. */
    private static byte[] valid12Bit() {
        TestJpegEncoder encoder = new TestJpegEncoder();
        encoder.precision = 12;
        encoder.sofMarker = 0xC1;
        encoder.restartInterval = 2;
        return encoder.encode(40, 24, 1, JpegTestData.syntheticImage(40, 24, 1, 12, 1));
    }

    private static int find(byte[] data, int marker) {
        for (int i = 0; i + 1 < data.length; i++) {
            if (data[i] == (byte) 0xFF && data[i + 1] == (byte) marker) {
                return i;
            }
        }
        throw new IllegalArgumentException("marker not found");
    }

    private static byte[] insert(byte[] data, int at, byte[] bytes) {
        byte[] result = new byte[data.length + bytes.length];
        System.arraycopy(data, 0, result, 0, at);
        System.arraycopy(bytes, 0, result, at, bytes.length);
        System.arraycopy(data, at, result, at + bytes.length, data.length - at);
        return result;
    }

    private void assertRejected(byte[] codestream, String message, int offset) {
        assertThatThrownBy(() -> decoder.decode(codestream))
            .isInstanceOf(JpegDctException.class)
            .hasMessageContaining(message)
            .hasMessageContaining("at byte offset")
            .satisfies(e -> {
                if (offset >= 0) {
                    assertThat(((JpegDctException) e).offset()).isEqualTo(offset);
                }
            });
    }

    @ParameterizedTest(name = "SOF{0}")
    @CsvSource({
        "2, progressive DCT (SOF2) is not supported by this decoder",
        "3, lossless JPEG (SOF3) is not supported by this decoder",
        "5, hierarchical (differential) JPEG (SOF5) is not supported by this decoder",
        "6, hierarchical (differential) JPEG (SOF6) is not supported by this decoder",
        "7, hierarchical (differential) JPEG (SOF7) is not supported by this decoder",
        "9, arithmetic coding (SOF9) is not supported by this decoder",
        "10, arithmetic coding (SOF10) is not supported by this decoder",
        "11, arithmetic coding (SOF11) is not supported by this decoder",
        "13, hierarchical arithmetic-coded JPEG (SOF13) is not supported by this decoder",
        "14, hierarchical arithmetic-coded JPEG (SOF14) is not supported by this decoder",
        "15, hierarchical arithmetic-coded JPEG (SOF15) is not supported by this decoder",
        "55, JPEG-LS (SOF55/LSE) is not supported by this decoder"})
    void unsupportedProcessesAreRejected(int sof, String message) {
        byte[] data = valid12Bit();
        int at = find(data, 0xC1);
        data[at + 1] = (byte) (sof == 55 ? 0xF7 : 0xC0 + sof);
        assertRejected(data, message, at);
    }

    @ParameterizedTest(name = "marker 0x{0}")
    @CsvSource({"DE, hierarchical JPEG (DHP/EXP)", "DF, hierarchical JPEG (DHP/EXP)", "CC, arithmetic coding (DAC)"})
    void hierarchicalAndArithmeticMarkersAreRejected(String marker, String what) {
        byte[] segment = {(byte) 0xFF, (byte) Integer.parseInt(marker, 16), 0, 4, 0, 0};
        byte[] data = insert(valid12Bit(), 2, segment);
        assertRejected(data, what + " is not supported by this decoder", 2);
    }

    @Test
    void unsupportedPrecisionDimensionsAndComponents() {
        byte[] base = valid12Bit();
        int sof = find(base, 0xC1);

        byte[] precision16 = base.clone();
        precision16[sof + 4] = 16;
        assertRejected(precision16, "sample precision 16 is not supported by this decoder", sof);

        byte[] dnl = base.clone();
        dnl[sof + 5] = 0;
        dnl[sof + 6] = 0;
        assertRejected(dnl, "a frame height defined by DNL (Y = 0) is not supported by this decoder", sof);

        byte[] zeroWidth = base.clone();
        zeroWidth[sof + 7] = 0;
        zeroWidth[sof + 8] = 0;
        assertRejected(zeroWidth, "frame width is 0", sof);

        byte[] huge = base.clone();
        huge[sof + 5] = (byte) 0xFF;
        huge[sof + 6] = (byte) 0xFF;
        huge[sof + 7] = (byte) 0xFF;
        huge[sof + 8] = (byte) 0xFF;
        assertRejected(huge, "image too large: 65535x65535x1 exceeds 268435456 samples", sof);

        byte[] badSampling = base.clone();
        badSampling[sof + 11] = 0x51;
        assertRejected(badSampling, "invalid sampling factors 5x1", -1);

        byte[] badTable = base.clone();
        badTable[sof + 12] = 4;
        assertRejected(badTable, "invalid quantization table selector 4", -1);
    }

    @Test
    void justBelowTheSizeLimitIsOnlyRejectedForMissingData() {
        // 16384 x 16384 x 1 = 2^28 samples is allowed; the entropy-coded data is far too short for it
        byte[] data = valid12Bit();
        int sof = find(data, 0xC1);
        data[sof + 5] = 0x40;
        data[sof + 6] = 0;
        data[sof + 7] = 0x40;
        data[sof + 8] = 0;
        assertRejected(data, "", -1);
        // one more line than that is over the limit
        data[sof + 5] = 0x40;
        data[sof + 6] = 1;
        assertRejected(data, "image too large", sof);
    }

    @Test
    void nonIntegralSamplingRatiosAreRejected() {
        TestJpegEncoder encoder = new TestJpegEncoder();
        encoder.h = new int[] {2, 1, 1};
        encoder.v = new int[] {1, 1, 1};
        byte[] data = encoder.encode(16, 8, 3, JpegTestData.syntheticImage(16, 8, 3, 8, 2));
        int sof = find(data, 0xC0);
        data[sof + 11] = 0x31; // 3x1 : 1x1 is integral, but with a 2x1 component 3:2 is not
        data[sof + 14] = 0x21;
        assertRejected(data, "non-integral sampling ratio 3x1 : 2x1 is not supported by this decoder", sof);
    }

    @Test
    void notAJpegCodestream() {
        assertRejected(new byte[0], "SOI marker missing", 0);
        assertRejected(new byte[] {(byte) 0xFF}, "SOI marker missing", 0);
        assertRejected("GIF89a".getBytes(), "SOI marker missing", 0);
        assertThatThrownBy(() -> decoder.decode(null)).isInstanceOf(JpegDctException.class);
        assertRejected(new byte[] {(byte) 0xFF, (byte) 0xD8}, "codestream truncated", 2);
        assertRejected(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9}, "EOI without a frame header",
            2);
        assertRejected(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD8}, "unexpected second SOI", 2);
        assertRejected(new byte[] {(byte) 0xFF, (byte) 0xD8, 0x12}, "expected a marker but found byte 0x12", 2);
        assertRejected(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x02}, "reserved marker 0xFF02", 2);
    }

    @Test
    void inconsistentHeaders() {
        byte[] base = valid12Bit();
        int sos = find(base, 0xDA);
        int sof = find(base, 0xC1);

        // SOS refers to a component the frame does not have
        byte[] unknownComponent = base.clone();
        unknownComponent[sos + 5] = 9;
        assertRejected(unknownComponent, "scan refers to unknown component 9", -1);

        // SOS selects Huffman tables that were never defined
        byte[] missingTable = base.clone();
        missingTable[sos + 6] = 0x22;
        assertRejected(missingTable, "DC Huffman table 2 used by component 1 is not defined", -1);

        // SOF selects a quantization table that was never defined
        byte[] missingQuant = base.clone();
        missingQuant[sof + 12] = 3;
        assertRejected(missingQuant, "quantization table 3 used by component 1 is not defined", -1);

        // a segment length that runs past the end of the data
        byte[] longSegment = base.clone();
        longSegment[sof + 2] = 0x7F;
        assertRejected(longSegment, "SOF", sof);

        // SOS before SOF
        byte[] noFrame = base.clone();
        noFrame[sof + 1] = (byte) 0xFE; // turn the SOF into a comment
        assertRejected(noFrame, "SOS before the frame header (SOF)", sos);

        // two frame headers
        int sofLength = ((base[sof + 2] & 0xFF) << 8) | (base[sof + 3] & 0xFF);
        byte[] twoFrames = insert(base, sof, Arrays.copyOfRange(base, sof, sof + 2 + sofLength));
        assertRejected(twoFrames, "more than one frame header (SOF)", sof + 2 + sofLength);

        // DHT with more codes of length 1 than fit
        ByteArrayOutputStream dht = new ByteArrayOutputStream();
        // three codes of length 1
        dht.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xC4, 0, 22, 0x00,
            3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2});
        assertRejected(insert(base, 2, dht.toByteArray()), "invalid Huffman table: too many codes of length 1", 6);

        // DQT with an invalid precision
        assertRejected(insert(base, 2, new byte[] {(byte) 0xFF, (byte) 0xDB, 0, 3, 0x20}),
            "invalid quantization table precision Pq=2", 6);
    }

    @Test
    void restartMarkersMustBeInSequence() {
        byte[] data = valid12Bit();
        int rst0 = find(data, 0xD0);
        data[rst0 + 1] = (byte) 0xD3;
        assertRejected(data, "expected restart marker RST0 after MCU 1 but found marker 0xFFD3", rst0);
    }

    @Test
    void corruptEntropyCodedDataIsDetected() {
        byte[] data = valid12Bit();
        int sos = find(data, 0xDA);
        // a marker inside the entropy-coded data of the first restart interval
        byte[] earlyMarker = data.clone();
        earlyMarker[sos + 10] = (byte) 0xFF;
        earlyMarker[sos + 11] = (byte) 0xD9;
        assertThatThrownBy(() -> decoder.decode(earlyMarker)).isInstanceOf(JpegDctException.class);
    }

    @Test
    void truncatedEntropyCodedData() {
        byte[] data = valid12Bit();
        int eoi = find(data, 0xD9);
        assertRejected(Arrays.copyOf(data, eoi - 6), "entropy-coded data truncated or corrupt", -1);
    }

    @Test
    void toleratedDeviations() throws Exception {
        byte[] data = valid12Bit();
        int[] expected = decoder.decode(data).samples();
        int eoi = find(data, 0xD9);
        // no EOI (or a lone 0xFF of it) after a complete image, as libjpeg accepts with a warning
        assertThat(decoder.decode(Arrays.copyOf(data, eoi)).samples()).isEqualTo(expected);
        assertThat(decoder.decode(Arrays.copyOf(data, eoi + 1)).samples()).isEqualTo(expected);
        // padding and garbage after EOI (DICOM fragments are padded to even length)
        byte[] padded = Arrays.copyOf(data, data.length + 5);
        padded[data.length + 1] = (byte) 0xFF;
        assertThat(decoder.decode(padded).samples()).isEqualTo(expected);
        // extraneous bytes between the end of the scan data and EOI
        assertThat(decoder.decode(insert(data, eoi, new byte[] {0x12, 0x34})).samples()).isEqualTo(expected);
        // a stray RST marker and TEM outside the scan, and a DNL segment
        assertThat(decoder.decode(insert(data, eoi, new byte[] {(byte) 0xFF, (byte) 0xD5, (byte) 0xFF, 0x01,
            (byte) 0xFF, (byte) 0xDC, 0, 4, 0, 24})).samples()).isEqualTo(expected);
    }

    @Test
    void samplesAreUnsignedAndWithinPrecision() throws Exception {
        JpegDctImage image = decoder.decode(valid12Bit());
        assertThat(image.samples()).hasSize(40 * 24);
        assertThat(Arrays.stream(image.samples()).min().orElseThrow()).isGreaterThanOrEqualTo(0);
        assertThat(Arrays.stream(image.samples()).max().orElseThrow()).isLessThanOrEqualTo(4095);
        assertThat(image.sample(3, 2, 0)).isEqualTo(image.samples()[2 * 40 + 3]);
    }
}
