package org.noduletrack.dicom.codec;

/**
 * One decoded frame: the stored values (before Rescale Slope/Intercept), sign-extended when Pixel Representation is 1,
 * colour samples interleaved per pixel (R,G,B,R,G,B...).
 *
 * @param descriptor describes the samples as decoded (photometric may differ from the file's: YBR JPEG decodes to RGB)
 */
public record DecodedFrame(PixelDescriptor descriptor, int[] samples) {
    public DecodedFrame {
        if (samples.length != descriptor.samplesPerFrame()) {
            throw new IllegalArgumentException(samples.length + " samples for a " + descriptor.rows() + "x"
                    + descriptor.columns() + "x" + descriptor.samplesPerPixel() + " frame");
        }
    }

    public int width() { return descriptor.columns(); }

    public int height() { return descriptor.rows(); }

    /** Sample at (x, y) of channel c. */
    public int sample(int x, int y, int c) {
        return samples[(y * descriptor.columns() + x) * descriptor.samplesPerPixel() + c];
    }
}
