package org.noduletrack.dicom.codec.jpegls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Round trips through our decoder: lossless means every sample comes back exactly. */
class JpegLsEncoderTest {

    private final JpegLsEncoder encoder = new JpegLsEncoder();
    private final JpegLsDecoder decoder = new JpegLsDecoder();

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 8, 9, 12, 15, 16})
    void noiseRoundTripsAtEveryDepth(int bits) throws Exception {
        // white noise exercises regular mode, escapes (LIMIT) and modulo wrap-around at full range
        SplittableRandom rnd = new SplittableRandom(bits);
        int[] s = new int[61 * 37];
        for (int i = 0; i < s.length; i++) {
            s[i] = rnd.nextInt(1 << bits);
        }
        assertRoundTrip(61, 37, bits, s);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 8, 12, 16})
    void flatAndSmoothImagesUseRunMode(int bits) throws Exception {
        int w = 300;
        int h = 20;
        int[] s = new int[w * h];
        int max = (1 << bits) - 1;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // long runs, runs ended by the line end, interruptions with Ra == Rb and Ra != Rb
                s[y * w + x] = x < 100 ? max / 3 : x < 200 ? (x / 7 + y) % (max + 1) : (y % 3 == 0 ? max : 0);
            }
        }
        assertRoundTrip(w, h, bits, s);
    }

    @Test
    void tinyImagesRoundTrip() throws Exception {
        assertRoundTrip(1, 1, 16, new int[] {65535});
        assertRoundTrip(1, 5, 12, new int[] {0, 4095, 0, 4095, 7});
        assertRoundTrip(5, 1, 8, new int[] {1, 1, 1, 1, 1});
    }

    @Test
    void ctLikeSignedSlice() throws Exception {
        // a disc of "tissue" with noise inside -2000 padding: the masked two's complement pattern wraps at zero
        int w = 128;
        int[] stored = new int[w * w];
        SplittableRandom rnd = new SplittableRandom(7);
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < w; x++) {
                double r = Math.hypot(x - 64, y - 64);
                stored[y * w + x] = r > 60 ? -2000 : (int) (1000 + 30 * rnd.nextGaussian() - (r < 30 ? 900 : 0));
            }
        }
        byte[] cs = encoder.encodeStored(w, w, 16, true, stored);
        JpegLsImage img = decoder.decode(cs);
        for (int i = 0; i < stored.length; i++) {
            assertThat((short) img.samples()[i]).isEqualTo((short) stored[i]);
        }
        assertThat(cs.length).isLessThan(w * w * 2 / 2);
    }

    @Test
    void rejectsOutOfRangeInput() {
        assertThatThrownBy(() -> encoder.encode(2, 1, 8, new int[] {0, 256})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.encode(2, 1, 1, new int[] {0, 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.encode(2, 2, 8, new int[] {0, 1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.encodeStored(1, 1, 12, false, new int[] {4096}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void realCtSliceRoundTripsAndCompresses() throws Exception {
        byte[] file = DicomTestFiles.read("dicomparser-testimages/encapsulated/single-frame/CT1_UNC.explicit_little_endian.dcm");
        int[] samples = DicomTestFiles.nativeSamples16(file);
        int side = (int) Math.sqrt(samples.length);
        byte[] cs = encoder.encode(side, samples.length / side, 16, samples);
        assertThat(decoder.decode(cs).samples()).containsExactly(samples);
        assertThat(cs.length).isLessThan(samples.length * 2 * 6 / 10);
    }

    private void assertRoundTrip(int w, int h, int bits, int[] s) throws Exception {
        byte[] cs = encoder.encode(w, h, bits, s);
        JpegLsImage img = decoder.decode(cs);
        assertThat(img.width()).isEqualTo(w);
        assertThat(img.height()).isEqualTo(h);
        assertThat(img.bitsPerSample()).isEqualTo(bits);
        assertThat(img.near()).isZero();
        assertThat(img.samples()).containsExactly(s);
    }
}
