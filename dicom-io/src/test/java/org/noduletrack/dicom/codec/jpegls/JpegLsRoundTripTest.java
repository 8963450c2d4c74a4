package org.noduletrack.dicom.codec.jpegls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Round trips through {@link JpegLsTestEncoder}. The encoder is first checked to produce exactly the
 * reference encoder's codestreams, so round trips over parameters that encoder cannot produce (2..5 bit
 * samples, custom MAXVAL and RESET, any restart interval) are meaningful.
 */
class JpegLsRoundTripTest {

    private final JpegLsDecoder decoder = new JpegLsDecoder();

    static List<JpegLsVectors.Vector> vectors() {
        return JpegLsVectors.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void testEncoderReproducesReferenceCodestream(JpegLsVectors.Vector v) {
        byte[] reference = v.codestream();
        PresetParameters preset = presetOf(reference);
        var options = new JpegLsTestEncoder.Options(v.bitsPerSample(), v.near(), v.interleaveMode(),
                preset != null ? preset : new PresetParameters(0, 0, 0, 0, 0), preset != null, v.restartInterval());
        byte[] ours = JpegLsTestEncoder.encode(v.width(), v.height(), v.components(), v.pattern(), options).codestream();
        assertThat(Arrays.mismatch(ours, reference)).as("first differing byte").isEqualTo(-1);
    }

    @Test
    void randomImagesAndParametersRoundTrip() throws Exception {
        Random random = new Random(20240611L);
        for (int iteration = 0; iteration < 400; iteration++) {
            int bits = 2 + random.nextInt(15);
            int fullMax = (1 << bits) - 1;
            int maxVal = random.nextInt(3) == 0 ? 1 + random.nextInt(fullMax) : fullMax;
            int near = random.nextBoolean() ? 0 : random.nextInt(Math.min(12, maxVal / 2) + 1);
            int components = random.nextBoolean() ? 1 : 3;
            int ilv = components == 1 ? 0 : random.nextInt(3);
            int width = 1 + random.nextInt(random.nextInt(8) == 0 ? 300 : 40);
            int height = 1 + random.nextInt(30);
            int restart = random.nextInt(3) == 0 ? 1 + random.nextInt(height) : 0;
            PresetParameters preset = randomPreset(random, maxVal, fullMax, near);
            int[] samples = randomImage(random, width, height, components, maxVal);
            var options = new JpegLsTestEncoder.Options(bits, near, ilv, preset, !preset.equals(
                    new PresetParameters(0, 0, 0, 0, 0)), restart);
            String what = "iteration " + iteration + ": " + width + "x" + height + "x" + components + " P=" + bits
                    + " " + preset + " near=" + near + " ilv=" + ilv + " restart=" + restart;

            var encoded = JpegLsTestEncoder.encode(width, height, components, samples, options);
            JpegLsImage image = decoder.decode(encoded.codestream());

            assertThat(image.near()).as(what).isEqualTo(near);
            assertThat(Arrays.mismatch(image.samples(), encoded.reconstructed())).as(what).isEqualTo(-1);
            for (int i = 0; i < samples.length; i++) {
                if (Math.abs(image.samples()[i] - samples[i]) > near) {
                    throw new AssertionError(what + ": sample " + i + " off by more than NEAR");
                }
            }
        }
    }

    @Test
    void explicitT1AboveTheDefaultT2IsAccepted() throws Exception {
        // T1 = 30 signalled, T2 and T3 left at their defaults (7, 21): legal, and CharLS codes it that way
        int[] samples = TestPattern.samples(50, 20, 1, 255, 3, TestPattern.Kind.MIXED);
        var options = new JpegLsTestEncoder.Options(8, 0, 0, new PresetParameters(0, 30, 0, 0, 0), true, 0);
        var encoded = JpegLsTestEncoder.encode(50, 20, 1, samples, options);
        assertThat(decoder.decode(encoded.codestream()).samples()).isEqualTo(samples);
    }

    private static PresetParameters randomPreset(Random random, int maxVal, int fullMax, int near) {
        if (random.nextBoolean()) {
            return new PresetParameters(maxVal == fullMax ? 0 : maxVal, 0, 0, 0, 0);
        }
        int t1 = near + 1 + random.nextInt(Math.max(1, Math.min(maxVal, 40) - near));
        t1 = Math.min(t1, maxVal);
        int t2 = Math.min(maxVal, t1 + random.nextInt(30));
        int t3 = Math.min(maxVal, t2 + random.nextInt(300));
        int reset = 3 + random.nextInt(Math.max(255, maxVal) - 2);
        if (random.nextBoolean()) {
            reset = 3 + random.nextInt(10);
        }
        return new PresetParameters(maxVal == fullMax && random.nextBoolean() ? 0 : maxVal, t1, t2, t3, reset);
    }

    /** Smooth, flat and noisy areas so that both coding modes and all interruption paths occur. */
    private static int[] randomImage(Random random, int width, int height, int components, int maxVal) {
        int[] samples = new int[width * height * components];
        int style = random.nextInt(4);
        int flat = random.nextInt(maxVal + 1);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < components; c++) {
                    int v = switch (style) {
                        case 0 -> random.nextInt(maxVal + 1);
                        case 1 -> random.nextInt(20) == 0 ? random.nextInt(maxVal + 1) : flat;
                        case 2 -> TestPattern.sample(x, y, c, maxVal, 7, TestPattern.Kind.MIXED);
                        default -> Math.clamp(flat + (x + y) * (c + 1) / 3 + random.nextInt(3) - 1, 0, maxVal);
                    };
                    samples[(y * width + x) * components + c] = v;
                }
            }
        }
        return samples;
    }

    /** The LSE preset parameters of a codestream, or null. */
    private static PresetParameters presetOf(byte[] cs) {
        for (int i = 0; i + 15 <= cs.length; i++) {
            if (cs[i] == (byte) 0xFF && cs[i + 1] == (byte) 0xF8 && cs[i + 4] == 1) {
                return new PresetParameters(u16(cs, i + 5), u16(cs, i + 7), u16(cs, i + 9), u16(cs, i + 11),
                        u16(cs, i + 13));
            }
            if (cs[i] == (byte) 0xFF && cs[i + 1] == (byte) 0xDA) {
                return null;
            }
        }
        return null;
    }

    private static int u16(byte[] b, int pos) {
        return (b[pos] & 0xFF) << 8 | (b[pos + 1] & 0xFF);
    }
}
