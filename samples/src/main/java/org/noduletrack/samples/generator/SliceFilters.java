package org.noduletrack.samples.generator;

import java.util.SplittableRandom;

/**
 * In-plane reconstruction blur and CT-like noise for one slice. Noise is white Gaussian smoothed by a 3x3 binomial
 * kernel (CT noise is spatially correlated), scaled so its standard deviation is the requested sigma. Each slice's
 * random stream is derived from (seed, timepoint, slice), so parallel generation is deterministic.
 */
public final class SliceFilters {
    /** Standard deviation of white noise after the 3x3 binomial kernel: sqrt(sum w^2) = 6/16. */
    private static final double BINOMIAL_GAIN = 6.0 / 16.0;

    private SliceFilters() {}

    /** Separable Gaussian blur in place; sigma in pixels (0 = none). */
    public static void gaussianBlur(float[] s, int nx, int ny, double sigmaX, double sigmaY) {
        if (sigmaX > 0) {
            float[] kx = kernel(sigmaX);
            convolveRows(s, nx, ny, kx);
        }
        if (sigmaY > 0) {
            float[] ky = kernel(sigmaY);
            float[] t = transpose(s, nx, ny);
            convolveRows(t, ny, nx, ky);
            float[] back = transpose(t, ny, nx);
            System.arraycopy(back, 0, s, 0, s.length);
        }
    }

    public static void addNoise(float[] s, int nx, int ny, double sigmaHu, long seed) {
        if (sigmaHu <= 0) {
            return;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] w = new float[(nx + 2) * (ny + 2)];
        double scale = sigmaHu / BINOMIAL_GAIN;
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rnd.nextGaussian() * scale);
        }
        int wx = nx + 2;
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int c = (y + 1) * wx + x + 1;
                float v = 4 * w[c] + 2 * (w[c - 1] + w[c + 1] + w[c - wx] + w[c + wx])
                        + w[c - wx - 1] + w[c - wx + 1] + w[c + wx - 1] + w[c + wx + 1];
                s[y * nx + x] += v / 16f;
            }
        }
    }

    static float[] kernel(double sigma) {
        int r = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] k = new float[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            double v = Math.exp(-0.5 * i * i / (sigma * sigma));
            k[i + r] = (float) v;
            sum += v;
        }
        for (int i = 0; i < k.length; i++) {
            k[i] /= (float) sum;
        }
        return k;
    }

    private static void convolveRows(float[] s, int nx, int ny, float[] k) {
        int r = k.length / 2;
        float[] row = new float[nx];
        for (int y = 0; y < ny; y++) {
            int base = y * nx;
            for (int x = 0; x < nx; x++) {
                float acc = 0;
                for (int t = -r; t <= r; t++) {
                    int xx = Math.clamp(x + t, 0, nx - 1);
                    acc += k[t + r] * s[base + xx];
                }
                row[x] = acc;
            }
            System.arraycopy(row, 0, s, base, nx);
        }
    }

    private static float[] transpose(float[] s, int nx, int ny) {
        float[] t = new float[s.length];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                t[x * ny + y] = s[y * nx + x];
            }
        }
        return t;
    }
}
