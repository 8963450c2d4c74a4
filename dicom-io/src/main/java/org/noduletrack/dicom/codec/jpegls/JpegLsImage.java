package org.noduletrack.dicom.codec.jpegls;

/**
 * A decoded JPEG-LS image.
 *
 * @param width         samples per line
 * @param height        number of lines
 * @param components    number of components (1 for grey, 3 for colour)
 * @param bitsPerSample sample precision P from the frame header (2..16)
 * @param near          the largest NEAR of all scans: 0 means lossless, otherwise every sample is within
 *                      ±near of the original
 * @param samples       {@code width*height*components} unsigned sample values as coded (0..MAXVAL), row-major and
 *                      pixel-interleaved (R,G,B,R,G,B,... for three components) whatever the interleave mode of
 *                      the codestream was
 */
public record JpegLsImage(int width, int height, int components, int bitsPerSample, int near, int[] samples) {

    /** The sample of component {@code c} at column {@code x}, line {@code y}. */
    public int sample(int x, int y, int c) {
        return samples[(y * width + x) * components + c];
    }
}
