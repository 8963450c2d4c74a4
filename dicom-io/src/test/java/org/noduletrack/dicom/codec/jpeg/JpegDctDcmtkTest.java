package org.noduletrack.dicom.codec.jpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Codestreams made at test time by DCMTK's {@code dcmcjpeg} (IJG libjpeg) from the uncompressed shared test
 * files, decoded by us and by {@code dcmdjpeg} / the JDK reader. Skipped where DCMTK is not installed.
 */
class JpegDctDcmtkTest {

    private static final String US_ORIGINAL = JpegTestData.MULTI + "IM00001.implicit_little_endian.dcm";

    private final JpegDctDecoder decoder = new JpegDctDecoder();

    @TempDir
    Path tempDir;

    private List<byte[]> compress(String source, String name, String... options) {
        Path compressed = JpegTestData.dcmtk(JpegTestData.DCMCJPEG, tempDir, JpegTestData.file(source), name, options);
        return JpegTestData.jpegFrames(JpegTestData.read(compressed));
    }

    private static boolean hasSixteenBitQuantizationTable(byte[] codestream) {
        for (int i = 0; i + 4 < codestream.length; i++) {
            if (codestream[i] == (byte) 0xFF && codestream[i + 1] == (byte) 0xDB
                && (codestream[i + 4] & 0xF0) == 0x10) {
                return true;
            }
            if (codestream[i] == (byte) 0xFF && codestream[i + 1] == (byte) 0xDA) {
                return false;
            }
        }
        return false;
    }

    @ParameterizedTest(name = "dcmcjpeg +ee +q {0}")
    @CsvSource({"5, true", "50, false", "100, false"})
    void ct12BitAtVariousQualitiesMatchesDcmdjpeg(int quality, boolean sixteenBitTables) throws Exception {
        String name = "ct-q" + quality + ".dcm";
        Path compressed = JpegTestData.dcmtk(JpegTestData.DCMCJPEG, tempDir,
            JpegTestData.file(JpegDctRealDataTest.CT_ORIGINAL), name, "+ee", "+q", String.valueOf(quality));
        List<byte[]> frames = JpegTestData.jpegFrames(JpegTestData.read(compressed));
        Path decompressed = JpegTestData.dcmtk(JpegTestData.DCMDJPEG, tempDir, compressed, "dec-" + name);
        int[] reference = JpegTestData.nativeSamples16(JpegTestData.read(decompressed));
        assertThat(frames).hasSize(2);
        int frameSize = 512 * 512;
        for (int f = 0; f < frames.size(); f++) {
            // quality 5 makes IJG write 16-bit (Pq=1) quantization tables
            assertThat(hasSixteenBitQuantizationTable(frames.get(f))).isEqualTo(sixteenBitTables);
            JpegDctImage image = decoder.decode(frames.get(f));
            assertThat(image.precision()).isEqualTo(12);
            JpegDctSyntheticTest.assertSameSamples(image.samples(),
                Arrays.copyOfRange(reference, f * frameSize, (f + 1) * frameSize), 512, 1,
                "q" + quality + " frame " + f + " vs dcmdjpeg");
        }
    }

    @ParameterizedTest(name = "dcmcjpeg {0}")
    @CsvSource({
        "+eb +s4, 4:4:4 baseline",
        "+eb +s2, 4:2:2 baseline",
        "+eb +n1, 4:2:0 baseline",
        "+ee +s2, 4:2:2 extended 8-bit (SOF1)"})
    void colourMatchesDcmdjpegAndJdkReader(String options, String description) throws Exception {
        String name = "us" + options.replaceAll("[^a-z0-9]", "") + ".dcm";
        Path compressed = JpegTestData.dcmtk(JpegTestData.DCMCJPEG, tempDir, JpegTestData.file(US_ORIGINAL), name,
            options.split(" "));
        List<byte[]> frames = JpegTestData.jpegFrames(JpegTestData.read(compressed));
        assertThat(frames).hasSize(8);
        // dcmdjpeg without colour conversion (+cn), colour-by-pixel (+px): 8-bit YCbCr samples
        Path decompressed = JpegTestData.dcmtk(JpegTestData.DCMDJPEG, tempDir, compressed, "dec-" + name, "+cn", "+px");
        byte[] referenceBytes = JpegTestData.nativePixelBytes(JpegTestData.read(decompressed));
        int frameSize = 320 * 240 * 3;
        assertThat(referenceBytes.length).isGreaterThanOrEqualTo(8 * frameSize);
        for (int f = 0; f < frames.size(); f++) {
            JpegDctImage image = decoder.decode(frames.get(f));
            assertThat(image.components()).isEqualTo(3);
            assertThat(image.precision()).isEqualTo(8);
            int[] reference = new int[frameSize];
            for (int i = 0; i < frameSize; i++) {
                reference[i] = referenceBytes[f * frameSize + i] & 0xFF;
            }
            JpegDctSyntheticTest.assertSameSamples(image.samples(), reference, 320, 3,
                description + " frame " + f + " vs dcmdjpeg");
            JpegDctSyntheticTest.assertSameSamples(image.samples(), JpegTestData.jdkRaster(frames.get(f)), 320, 3,
                description + " frame " + f + " vs JDK reader");
        }
    }

    @ParameterizedTest(name = "dcmcjpeg {0}")
    @CsvSource({"+ep", "+es"})
    void progressiveIsRejectedClearly(String option) {
        byte[] frame = compress(JpegDctRealDataTest.CT_ORIGINAL, "ct" + option.substring(1) + ".dcm", option).get(0);
        assertThatThrownBy(() -> decoder.decode(frame))
            .isInstanceOf(JpegDctException.class)
            .hasMessageContaining("progressive DCT (SOF2) is not supported by this decoder");
    }

    @Test
    void eightBitBaselineCtMatchesJdkReader() throws Exception {
        // +eb on the 16-bit CT: dcmcjpeg windows it down to 8 bits for the baseline process (grey SOF0)
        Path compressed = JpegTestData.dcmtk(JpegTestData.DCMCJPEG, tempDir,
            JpegTestData.file(JpegDctRealDataTest.CT_ORIGINAL), "ct-baseline.dcm", "+eb");
        List<byte[]> frames = JpegTestData.jpegFrames(JpegTestData.read(compressed));
        for (byte[] frame : frames) {
            JpegDctImage image = decoder.decode(frame);
            assertThat(image.precision()).isEqualTo(8);
            JpegDctSyntheticTest.assertSameSamples(image.samples(), JpegTestData.jdkRaster(frame), 512, 1,
                "8-bit CT vs JDK reader");
        }
    }
}
