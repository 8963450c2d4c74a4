package org.noduletrack.dicom.codec.jpeg;

/**
 * A decoded DCT-based JPEG image.
 *
 * <p>The samples are the component values exactly as the codestream defines them: <b>no colour
 * conversion is done</b>. A three-component image encoded from YCbCr (DICOM YBR_FULL / YBR_FULL_422, JFIF)
 * is returned as Y, Cb, Cr; one encoded from RGB stays RGB. The caller applies the photometric
 * interpretation. Subsampled components are upsampled to the full image size (see {@link JpegDctDecoder}).
 *
 * @param width      samples per line (X of the frame header)
 * @param height     number of lines (Y of the frame header)
 * @param components number of components (1 for greyscale, 3 for colour)
 * @param precision  sample precision P from the frame header: 8 or 12
 * @param samples    {@code width*height*components} unsigned sample values 0..2^P-1, row-major and
 *                   pixel-interleaved (c0,c1,c2,c0,c1,c2,... for three components) whatever the scan
 *                   structure of the codestream was
 */
public record JpegDctImage(int width, int height, int components, int precision, int[] samples) {

    /** The sample of component {@code c} at column {@code x}, line {@code y}. */
    public int sample(int x, int y, int c) {
        return samples[(y * width + x) * components + c];
    }
}
