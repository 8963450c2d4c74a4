package org.noduletrack.dicom.codec.jpeg;

/**
 * Brings each component to the full image size and interleaves it into the output.
 *
 * <p>Components at full resolution are copied. For 2:1 horizontal (4:2:2) and 2:1 horizontal and vertical
 * (4:2:0) subsampling this uses libjpeg's default "fancy" upsampling (a triangle filter: each output
 * sample is 3/4 of the nearer plus 1/4 of the further input sample, in each subsampled direction, with
 * libjpeg's rounding and edge handling from {@code jdsample.c}), so the result is identical to what libjpeg
 * based decoders (the JDK's reader, DCMTK) return. Every other integral ratio (for example 4:1:1, or 1:2
 * vertical only) replicates samples, which is also what libjpeg 6b does for those ratios.
 */
final class Upsampler {

    private Upsampler() {
    }

    static void interleave(FrameComponent c, int index, int components, int width, int height, int hMax,
            int vMax, int[] out) {
        int hs = hMax / c.h;
        int vs = vMax / c.v;
        int[] line = new int[c.width];
        if (hs == 1 && vs == 1) {
            for (int y = 0; y < height; y++) {
                c.line(y, line);
                put(line, width, y, index, components, out);
            }
        } else if (hs == 2 && vs == 1 && c.width > 2) {
            int[] up = new int[2 * c.width];
            for (int y = 0; y < height; y++) {
                c.line(y, line);
                h2v1(line, c.width, up);
                put(up, width, y, index, components, out);
            }
        } else if (hs == 2 && vs == 2 && c.width > 2) {
            int[] up = new int[2 * c.width];
            int[] near = new int[c.width];
            int[] colSum = new int[c.width];
            for (int y = 0; y < height; y++) {
                int r = y >> 1;
                int neighbour = (y & 1) == 0 ? Math.max(r - 1, 0) : Math.min(r + 1, c.height - 1);
                c.line(r, line);
                c.line(neighbour, near);
                for (int i = 0; i < c.width; i++) {
                    colSum[i] = line[i] * 3 + near[i];
                }
                h2v2(colSum, c.width, up);
                put(up, width, y, index, components, out);
            }
        } else {
            int lastLine = -1;
            int[] up = new int[width];
            for (int y = 0; y < height; y++) {
                int r = y / vs;
                if (r != lastLine) {
                    c.line(r, line);
                    for (int x = 0; x < width; x++) {
                        up[x] = line[x / hs];
                    }
                    lastLine = r;
                }
                put(up, width, y, index, components, out);
            }
        }
    }

    private static void put(int[] line, int width, int y, int index, int components, int[] out) {
        int o = y * width * components + index;
        for (int x = 0; x < width; x++, o += components) {
            out[o] = line[x];
        }
    }

    /** libjpeg {@code h2v1_fancy_upsample}; {@code w} &gt; 2. */
    private static void h2v1(int[] in, int w, int[] up) {
        up[0] = in[0];
        up[1] = (in[0] * 3 + in[1] + 2) >> 2;
        for (int i = 1; i < w - 1; i++) {
            int v = in[i] * 3;
            up[2 * i] = (v + in[i - 1] + 1) >> 2;
            up[2 * i + 1] = (v + in[i + 1] + 2) >> 2;
        }
        int last = w - 1;
        up[2 * last] = (in[last] * 3 + in[last - 1] + 1) >> 2;
        up[2 * last + 1] = in[last];
    }

    /** libjpeg {@code h2v2_fancy_upsample} for one output line, given the vertical column sums; {@code w} &gt; 2. */
    private static void h2v2(int[] colSum, int w, int[] up) {
        up[0] = (colSum[0] * 4 + 8) >> 4;
        up[1] = (colSum[0] * 3 + colSum[1] + 7) >> 4;
        for (int i = 1; i < w - 1; i++) {
            int v = colSum[i] * 3;
            up[2 * i] = (v + colSum[i - 1] + 8) >> 4;
            up[2 * i + 1] = (v + colSum[i + 1] + 7) >> 4;
        }
        int last = w - 1;
        up[2 * last] = (colSum[last] * 3 + colSum[last - 1] + 8) >> 4;
        up[2 * last + 1] = (colSum[last] * 4 + 7) >> 4;
    }
}
