package org.noduletrack.dicom.codec.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Codestreams from the test-only {@link TestJpegEncoder} with the structural features the real files lack
 * (restart intervals, fill bytes, 16-bit tables, subsampling, non-interleaved scans, odd sizes), checked
 * against libjpeg (the JDK's reader for 8 bit, DCMTK's dcmdjpeg for 12 bit) and against each other.
 */
class JpegDctSyntheticTest {

    private final JpegDctDecoder decoder = new JpegDctDecoder();

    @TempDir
    Path tempDir;

    /** Framing variants of one encoder configuration: all carry the same quantized coefficients. */
    private static List<TestJpegEncoder> variants(Consumer<TestJpegEncoder> base) {
        List<Consumer<TestJpegEncoder>> changes = List.of(
            e -> { },
            e -> e.restartInterval = 1,
            e -> e.restartInterval = 3,
            e -> e.restartInterval = 7,
            e -> e.fillBytes = 3,
            e -> e.sixteenBitDqt = true,
            e -> e.extraSegments = true,
            e -> e.interleaved = false,
            e -> {
                e.interleaved = false;
                e.restartInterval = 2;
                e.fillBytes = 1;
                e.sixteenBitDqt = true;
                e.extraSegments = true;
            });
        List<TestJpegEncoder> encoders = new ArrayList<>();
        for (Consumer<TestJpegEncoder> change : changes) {
            TestJpegEncoder encoder = new TestJpegEncoder();
            base.accept(encoder);
            change.accept(encoder);
            encoders.add(encoder);
        }
        return encoders;
    }

    private static String describe(TestJpegEncoder e) {
        return String.format("P=%d SOF%X restart=%d fill=%d dqt16=%b extra=%b interleaved=%b", e.precision,
            e.sofMarker - 0xC0, e.restartInterval, e.fillBytes, e.sixteenBitDqt, e.extraSegments, e.interleaved);
    }

    @Test
    void twelveBitGreyMatchesDcmdjpegInAllFramingVariants() throws Exception {
        int width = 77;
        int height = 45;
        int[] source = JpegTestData.syntheticImage(width, height, 1, 12, 12);
        List<byte[]> codestreams = new ArrayList<>();
        List<JpegDctImage> images = new ArrayList<>();
        for (TestJpegEncoder encoder : variants(e -> {
            e.precision = 12;
            e.sofMarker = 0xC1;
            e.quality = 85;
        })) {
            byte[] codestream = encoder.encode(width, height, 1, source);
            JpegDctImage image = decoder.decode(codestream);
            assertThat(image.precision()).isEqualTo(12);
            assertThat(image.samples()).as(describe(encoder)).isEqualTo(images.isEmpty() ? image.samples()
                : images.get(0).samples());
            codestreams.add(codestream);
            images.add(image);
        }
        assertThat(meanAbsoluteError(images.get(0).samples(), source)).isLessThan(40); // of 4096 levels

        // libjpeg (DCMTK, 12-bit build) on the plain and the most decorated variant
        byte[] template = JpegTestData.read(JpegTestData.MULTI + "CT0012.fragmented_no_bot_jpeg_baseline.51.dcm");
        Path input = tempDir.resolve("synthetic12.dcm");
        Files.write(input, JpegTestData.withFrames(template,
            List.of(codestreams.get(0), codestreams.get(codestreams.size() - 1)), height, width));
        int[] reference = JpegTestData.nativeSamples16(
            JpegTestData.read(JpegTestData.dcmtk(JpegTestData.DCMDJPEG, tempDir, input, "synthetic12-ref.dcm")));
        assertThat(reference).hasSize(2 * width * height);
        for (int f = 0; f < 2; f++) {
            int[] frame = java.util.Arrays.copyOfRange(reference, f * width * height, (f + 1) * width * height);
            assertThat(images.get(f == 0 ? 0 : images.size() - 1).samples()).as("frame %d vs dcmdjpeg", f)
                .isEqualTo(frame);
        }
    }

    static Stream<Arguments> colourLayouts() {
        return Stream.of(
            Arguments.of("4:4:4", new int[] {1, 1, 1}, new int[] {1, 1, 1}),
            Arguments.of("4:2:2", new int[] {2, 1, 1}, new int[] {1, 1, 1}),
            Arguments.of("4:2:0", new int[] {2, 1, 1}, new int[] {2, 1, 1}),
            Arguments.of("4:4:0", new int[] {1, 1, 1}, new int[] {2, 1, 1}),
            Arguments.of("4:1:1", new int[] {4, 1, 1}, new int[] {1, 1, 1}),
            Arguments.of("mixed", new int[] {2, 1, 2}, new int[] {2, 2, 1}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("colourLayouts")
    void eightBitColourMatchesJdkReader(String name, int[] h, int[] v) throws Exception {
        int[][] sizes = {{61, 37}, {1, 1}, {2, 3}, {3, 2}, {17, 16}, {5, 130}, {130, 5}, {64, 48}};
        for (int[] size : sizes) {
            int[] source = JpegTestData.syntheticImage(size[0], size[1], 3, 8, size[0] * 1000L + size[1]);
            for (TestJpegEncoder encoder : variants(e -> {
                e.h = h;
                e.v = v;
                e.quality = 80;
            })) {
                byte[] codestream = encoder.encode(size[0], size[1], 3, source);
                JpegDctImage image = decoder.decode(codestream);
                int[] jdk = JpegTestData.jdkRaster(codestream);
                int[] expected = image.samples();
                if (!java.util.Arrays.equals(expected, jdk)) {
                    // a JDK linked against the system libjpeg-turbo (e.g. Debian's OpenJDK) smooths 2:1
                    // vertical-only upsampling; the IJG 6b the JDK bundles (and DCMTK) replicates, as we do
                    expected = asLibjpegTurboUpsamplesVertically(expected, size[0], size[1], h, v);
                }
                assertSameSamples(jdk, expected, size[0], 3,
                    String.format("JDK reader vs ours, %s %dx%d %s", name, size[0], size[1], describe(encoder)));
            }
        }
    }

    @Test
    void eightBitGreyMatchesJdkReader() throws Exception {
        int[][] sizes = {{1, 1}, {8, 8}, {9, 7}, {100, 3}, {255, 129}};
        for (int[] size : sizes) {
            int[] source = JpegTestData.syntheticImage(size[0], size[1], 1, 8, size[0] + 7L * size[1]);
            for (int sof : new int[] {0xC0, 0xC1}) {
                for (TestJpegEncoder encoder : variants(e -> {
                    e.sofMarker = sof;
                    e.quality = 95;
                })) {
                    byte[] codestream = encoder.encode(size[0], size[1], 1, source);
                    assertSameSamples(decoder.decode(codestream).samples(), JpegTestData.jdkRaster(codestream),
                        size[0], 1,
                        String.format("%dx%d %s", size[0], size[1], describe(encoder)));
                }
            }
        }
    }

    @Test
    void twelveBitColourVariantsAgreeAndApproximateTheSource() throws Exception {
        int width = 45;
        int height = 29;
        int[] source = JpegTestData.syntheticImage(width, height, 3, 12, 3);
        int[][][] samplings = {{{1, 1, 1}, {1, 1, 1}}, {{2, 1, 1}, {2, 1, 1}}, {{2, 1, 1}, {1, 1, 1}}};
        for (int[][] sampling : samplings) {
            int[] first = null;
            for (TestJpegEncoder encoder : variants(e -> {
                e.precision = 12;
                e.sofMarker = 0xC1;
                e.h = sampling[0];
                e.v = sampling[1];
                e.quality = 90;
            })) {
                JpegDctImage image = decoder.decode(encoder.encode(width, height, 3, source));
                assertThat(image.components()).isEqualTo(3);
                if (first == null) {
                    first = image.samples();
                    // of 4096 levels; subsampled chroma loses the sharp edges of the synthetic rectangles
                    assertThat(componentMeanAbsoluteError(first, source, 3, 0)).as("luma error").isLessThan(8);
                    assertThat(componentMeanAbsoluteError(first, source, 3, 1)).as("chroma error").isLessThan(
                        sampling[0][0] == 1 ? 8 : 150);
                } else {
                    assertThat(image.samples()).as(describe(encoder)).isEqualTo(first);
                }
            }
        }
    }

    @Test
    void maximalTwelveBitCoefficientsAreDecodedExactlyLikeDcmdjpeg() throws Exception {
        // quality 100 (all quantizers 1) with a checkerboard of 0 and 4095: the largest coefficients and DC
        // differences a 12-bit encoder can produce, and IDCT results far outside the sample range
        int width = 64;
        int height = 32;
        int[] source = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean on = ((x >> 3) + (y >> 3)) % 2 == 0 ? (x + y) % 2 == 0 : x < 4;
                source[y * width + x] = on ? 4095 : 0;
            }
        }
        TestJpegEncoder encoder = new TestJpegEncoder();
        encoder.precision = 12;
        encoder.sofMarker = 0xC1;
        encoder.quality = 100;
        byte[] codestream = encoder.encode(width, height, 1, source);
        JpegDctImage image = decoder.decode(codestream);
        assertThat(meanAbsoluteError(image.samples(), source)).isLessThan(1);

        byte[] template = JpegTestData.read(JpegTestData.MULTI + "CT0012.fragmented_no_bot_jpeg_baseline.51.dcm");
        Path input = tempDir.resolve("extreme12.dcm");
        Files.write(input, JpegTestData.withFrames(template, List.of(codestream, codestream), height, width));
        int[] reference = JpegTestData.nativeSamples16(
            JpegTestData.read(JpegTestData.dcmtk(JpegTestData.DCMDJPEG, tempDir, input, "extreme12-ref.dcm")));
        assertThat(image.samples()).isEqualTo(java.util.Arrays.copyOf(reference, width * height));
    }

    /**
     * Our 3-component output with each component that is subsampled 2:1 vertically only re-upsampled the way
     * libjpeg-turbo's {@code h1v2_fancy_upsample} does (3/4 nearer + 1/4 further row, bias 1 and 2) from the
     * rows our replication produced.
     */
    static int[] asLibjpegTurboUpsamplesVertically(int[] ours, int width, int height, int[] h, int[] v) {
        int hMax = java.util.Arrays.stream(h).max().orElseThrow();
        int vMax = java.util.Arrays.stream(v).max().orElseThrow();
        int[] result = ours.clone();
        for (int c = 0; c < 3; c++) {
            if (hMax / h[c] != 1 || vMax / v[c] != 2) {
                continue;
            }
            int rows = (height + 1) / 2;
            for (int y = 0; y < height; y++) {
                int r = y >> 1;
                boolean even = (y & 1) == 0;
                int neighbour = even ? Math.max(r - 1, 0) : Math.min(r + 1, rows - 1);
                for (int x = 0; x < width; x++) {
                    int near = ours[(2 * r * width + x) * 3 + c];
                    int far = ours[(2 * neighbour * width + x) * 3 + c];
                    result[(y * width + x) * 3 + c] = (near * 3 + far + (even ? 1 : 2)) >> 2;
                }
            }
        }
        return result;
    }

    /** Compares sample arrays, reporting the number of differences, the largest and the first one. */
    static void assertSameSamples(int[] actual, int[] expected, int width, int components, String description) {
        assertThat(actual).as(description).hasSameSizeAs(expected);
        int differences = 0;
        int max = 0;
        int first = -1;
        for (int i = 0; i < actual.length; i++) {
            int d = Math.abs(actual[i] - expected[i]);
            if (d != 0) {
                differences++;
                max = Math.max(max, d);
                first = first < 0 ? i : first;
            }
        }
        if (differences > 0) {
            int pixel = first / components;
            throw new AssertionError(String.format("%s: %d of %d samples differ, max %d; first at x=%d y=%d c=%d: %d"
                + " instead of %d", description, differences, actual.length, max, pixel % width, pixel / width,
                first % components, actual[first], expected[first]));
        }
    }

    static double componentMeanAbsoluteError(int[] a, int[] b, int components, int component) {
        long sum = 0;
        for (int i = component; i < a.length; i += components) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / (double) (a.length / components);
    }

    static double meanAbsoluteError(int[] a, int[] b) {
        assertThat(a).hasSameSizeAs(b);
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum / (double) a.length;
    }
}
