package org.noduletrack.render.api;

/**
 * A rendered image: {@code argb[y·width + x]} = 0xAARRGGBB (alpha 255, so it is also premultiplied ARGB as JavaFX's
 * IntArgbPre expects), row 0 at the top.
 *
 * @param backend     which backend drew it ("gl", "cpu")
 * @param renderNanos time spent rendering (excluding queueing)
 */
public record Frame(int width, int height, int[] argb, String backend, long renderNanos) {
    public Frame {
        if (argb.length != width * height) {
            throw new IllegalArgumentException(argb.length + " pixels for " + width + "x" + height);
        }
    }

    /** Grey level of a pixel for greyscale LUTs (the red channel). */
    public int grey8(int x, int y) { return argb[y * width + x] >> 16 & 0xFF; }
}
