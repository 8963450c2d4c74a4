package org.noduletrack.dicom.codec.jpeg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Decodes the JPEG files of the shared test data and compares them with libjpeg based decoders. */
class JpegDctRealDataTest {

    static final String CT_JPEG_12 = JpegTestData.MULTI + "CT0012.fragmented_no_bot_jpeg_baseline.51.dcm";
    static final String CT_ORIGINAL = JpegTestData.MULTI + "CT0012.explicit_little_endian.dcm";
    static final String US_JPEG_8 = JpegTestData.MULTI + "IM00001.fragmented_no_bot_jpeg_baseline.50.dcm";

    private final JpegDctDecoder decoder = new JpegDctDecoder();

    @TempDir
    Path tempDir;

    @Test
    void ct12BitFramesMatchDcmdjpeg() throws Exception {
        byte[] file = JpegTestData.read(CT_JPEG_12);
        List<byte[]> frames = JpegTestData.jpegFrames(file);
        assertThat(frames).hasSize(JpegTestData.numberOfFrames(file)).hasSize(2);
        // the 8 KB fragmenting really split the frames
        assertThat(JpegTestData.fragments(file)).hasSizeGreaterThan(frames.size());

        Path reference = JpegTestData.dcmtk(JpegTestData.DCMDJPEG, tempDir, JpegTestData.file(CT_JPEG_12), "ref.dcm");
        byte[] referenceFile = JpegTestData.read(reference);
        assertThat(JpegTestData.us(referenceFile, 0x0028, 0x0101)).as("BitsStored of dcmdjpeg output").isEqualTo(12);
        int[] libjpeg = JpegTestData.nativeSamples16(referenceFile);
        int frameSize = 512 * 512;
        assertThat(libjpeg).hasSize(frames.size() * frameSize);

        for (int f = 0; f < frames.size(); f++) {
            JpegDctImage image = decoder.decode(frames.get(f));
            assertThat(image.width()).isEqualTo(512);
            assertThat(image.height()).isEqualTo(512);
            assertThat(image.components()).isEqualTo(1);
            assertThat(image.precision()).isEqualTo(12);
            int[] expected = Arrays.copyOfRange(libjpeg, f * frameSize, (f + 1) * frameSize);
            int max = 0;
            int differing = 0;
            for (int i = 0; i < frameSize; i++) {
                int d = Math.abs(image.samples()[i] - expected[i]);
                max = Math.max(max, d);
                differing += d != 0 ? 1 : 0;
            }
            System.out.printf("CT0012 .51 frame %d: max |ours - dcmdjpeg| = %d, %d of %d samples differ%n", f, max,
                differing, frameSize);
            // measured: 0 and 0 (the IDCT is a port of libjpeg's ISLOW, so the result is bit-identical)
            assertThat(max).as("largest difference to dcmdjpeg in frame %d", f).isLessThanOrEqualTo(1);
        }
    }

    @Test
    void ct12BitFramesAreCloseToTheUncompressedOriginal() throws Exception {
        List<byte[]> frames = JpegTestData.jpegFrames(JpegTestData.read(CT_JPEG_12));
        byte[] original = JpegTestData.read(CT_ORIGINAL);
        // the original stores 16 bits (values 0..1196); dcmcjpeg shifted them by +1023 when it reduced them to
        // 12 bits for the extended process (dcmdjpeg's output shows the same shift), so compare after removing
        // the frame's median difference
        assertThat(JpegTestData.us(original, 0x0028, 0x0101)).isEqualTo(16);
        int[] originalSamples = JpegTestData.nativeSamples16(original);
        int frameSize = 512 * 512;
        for (int f = 0; f < frames.size(); f++) {
            int[] ours = decoder.decode(frames.get(f)).samples();
            int[] difference = new int[frameSize];
            for (int i = 0; i < frameSize; i++) {
                difference[i] = ours[i] - originalSamples[f * frameSize + i];
            }
            int[] sorted = difference.clone();
            Arrays.sort(sorted);
            int offset = sorted[frameSize / 2];
            long sum = 0;
            int max = 0;
            for (int d : difference) {
                sum += Math.abs(d - offset);
                max = Math.max(max, Math.abs(d - offset));
            }
            double mean = sum / (double) frameSize;
            System.out.printf("CT0012 .51 frame %d vs original: offset %d, mean |error| %.3f, max %d%n", f, offset,
                mean, max);
            assertThat(offset).isEqualTo(1023);
            assertThat(mean).as("mean absolute error of frame %d (of 4096 levels)", f).isLessThan(1.0);
            assertThat(max).isLessThan(64);
        }
    }

    @Test
    void ultrasound8BitBaselineMatchesJdkReader() throws Exception {
        byte[] file = JpegTestData.read(US_JPEG_8);
        List<byte[]> frames = JpegTestData.jpegFrames(file);
        assertThat(frames).hasSize(JpegTestData.numberOfFrames(file)).hasSize(8);
        for (int f = 0; f < frames.size(); f++) {
            JpegDctImage image = decoder.decode(frames.get(f));
            assertThat(image.width()).isEqualTo(320);
            assertThat(image.height()).isEqualTo(240);
            assertThat(image.components()).isEqualTo(3);
            assertThat(image.precision()).isEqualTo(8);
            int[] jdk = JpegTestData.jdkRaster(frames.get(f));
            assertThat(jdk).hasSameSizeAs(image.samples());
            int max = 0;
            for (int i = 0; i < jdk.length; i++) {
                max = Math.max(max, Math.abs(jdk[i] - image.samples()[i]));
            }
            // measured: 0 for all 8 frames
            assertThat(max).as("largest difference to the JDK reader in frame %d", f).isLessThanOrEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CT0012.fragmented_no_bot_jpeg_lossless.57.dcm",
        "CT0012.fragmented_no_bot_jpeg_lossless.70.dcm"})
    void losslessJpegIsRejectedClearly(String name) {
        byte[] frame = JpegTestData.jpegFrames(JpegTestData.read(JpegTestData.MULTI + name)).get(0);
        assertThatThrownBy(() -> decoder.decode(frame))
            .isInstanceOf(JpegDctException.class)
            .hasMessageContaining("lossless JPEG (SOF3) is not supported by this decoder");
    }
}
