package org.noduletrack.dicom.codec.jpeg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Accuracy of the integer (libjpeg ISLOW) IDCT against a double-precision IDCT with correct rounding, in
 * the spirit of IEEE 1180: random sample blocks are transformed exactly, the coefficients rounded (quantizer
 * 1) or quantized, and both inverse transforms compared after level shift and clamping.
 */
class IdctAccuracyTest {

    private static final double[][] COS = new double[8][8];

    static {
        for (int u = 0; u < 8; u++) {
            double c = u == 0 ? Math.sqrt(0.5) : 1.0;
            for (int x = 0; x < 8; x++) {
                COS[u][x] = c / 2 * Math.cos((2 * x + 1) * u * Math.PI / 16);
            }
        }
    }

    @ParameterizedTest(name = "{0} bit")
    @ValueSource(ints = {8, 12})
    void integerIdctIsWithinOneOfExactIdct(int precision) {
        Random random = new Random(1180 + precision);
        Idct idct = new Idct(precision);
        int max = (1 << precision) - 1;
        int center = 1 << (precision - 1);
        int[] coef = new int[64];
        int[] quant = new int[64];
        short[] out = new short[64];
        long samples = 0;
        long offByOne = 0;
        int worst = 0;
        for (int block = 0; block < 20000; block++) {
            int q = block % 4 == 0 ? 1 + random.nextInt(40) : 1;
            Arrays.fill(quant, q);
            // IEEE 1180 style input: uniform random samples in a range that varies per block
            int range = 1 + random.nextInt(max + 1);
            int low = random.nextInt(max + 2 - range);
            double[] f = new double[64];
            for (int i = 0; i < 64; i++) {
                f[i] = low + random.nextInt(range) - center;
            }
            for (int k = 0; k < 64; k++) {
                int v = k >> 3;
                int u = k & 7;
                double sum = 0;
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        sum += COS[v][y] * COS[u][x] * f[y * 8 + x];
                    }
                }
                coef[k] = (int) Math.round(sum / q);
            }
            idct.transform(coef.clone(), quant, out, 0, 8);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    double sum = 0;
                    for (int k = 0; k < 64; k++) {
                        sum += COS[k >> 3][y] * COS[k & 7][x] * coef[k] * q;
                    }
                    int exact = (int) Math.max(0, Math.min(max, Math.round(sum) + center));
                    int d = Math.abs(out[y * 8 + x] - exact);
                    worst = Math.max(worst, d);
                    offByOne += d != 0 ? 1 : 0;
                    samples++;
                }
            }
        }
        System.out.printf("%d-bit ISLOW vs exact IDCT: max error %d, %.4f%% of %d samples differ%n", precision,
            worst, 100.0 * offByOne / samples, samples);
        assertThat(worst).isLessThanOrEqualTo(1);
    }
}
