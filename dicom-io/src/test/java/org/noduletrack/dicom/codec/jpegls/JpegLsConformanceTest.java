package org.noduletrack.dicom.codec.jpegls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Decodes the independently encoded {@link JpegLsVectors}: bit depths, NEAR, LSE presets, interleave modes, restarts. */
class JpegLsConformanceTest {

    private final JpegLsDecoder decoder = new JpegLsDecoder();

    static List<JpegLsVectors.Vector> vectors() {
        return JpegLsVectors.ALL;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void decodesVector(JpegLsVectors.Vector v) throws Exception {
        JpegLsImage image = decoder.decode(v.codestream());

        assertThat(image.width()).isEqualTo(v.width());
        assertThat(image.height()).isEqualTo(v.height());
        assertThat(image.components()).isEqualTo(v.components());
        assertThat(image.bitsPerSample()).isEqualTo(v.bitsPerSample());
        assertThat(image.near()).isEqualTo(v.near());
        int[] original = v.pattern();
        assertThat(image.samples()).hasSize(original.length);
        if (v.near() == 0) {
            assertThat(Arrays.mismatch(image.samples(), original)).as("first wrong sample").isEqualTo(-1);
        } else {
            for (int i = 0; i < original.length; i++) {
                assertThat(Math.abs(image.samples()[i] - original[i])).as("error of sample %d", i)
                        .isLessThanOrEqualTo(v.near());
            }
        }
        assertThat(TestPattern.crc(image.samples())).as("CRC of decoded samples").isEqualTo(v.crc());
        for (int s : image.samples()) {
            assertThat(s).isBetween(0, v.maxVal());
        }
    }

    @Test
    void vectorsCoverTheFeatureMatrix() {
        assertThat(JpegLsVectors.ALL).extracting(JpegLsVectors.Vector::interleaveMode).contains(0, 1, 2);
        assertThat(JpegLsVectors.ALL).filteredOn(v -> v.near() > 0).isNotEmpty();
        assertThat(JpegLsVectors.ALL).filteredOn(v -> v.restartInterval() > 0).hasSizeGreaterThanOrEqualTo(3);
        assertThat(JpegLsVectors.ALL).extracting(JpegLsVectors.Vector::bitsPerSample).contains(6, 7, 8, 12, 16);
    }

    @Test
    void defaultThresholdsFollowT87() {
        // T.87 Table C.3 / C.2.4.1.1.1
        assertThat(PresetParameters.defaults(255, 0)).isEqualTo(new PresetParameters(255, 3, 7, 21, 64));
        assertThat(PresetParameters.defaults(4095, 0)).isEqualTo(new PresetParameters(4095, 18, 67, 276, 64));
        assertThat(PresetParameters.defaults(65535, 0)).isEqualTo(new PresetParameters(65535, 18, 67, 276, 64));
        assertThat(PresetParameters.defaults(65535, 2)).isEqualTo(new PresetParameters(65535, 24, 77, 290, 64));
        // the MAXVAL < 128 branch
        assertThat(PresetParameters.defaults(63, 0)).isEqualTo(new PresetParameters(63, 2, 3, 5, 64));
        assertThat(PresetParameters.defaults(3, 0)).isEqualTo(new PresetParameters(3, 2, 3, 3, 64));
        assertThat(PresetParameters.defaults(3, 1)).isEqualTo(new PresetParameters(3, 3, 3, 3, 64));
    }
}
