package org.noduletrack.render.api;

import java.util.Arrays;

/** Grey level (0..255, after the window) → opaque ARGB colour. */
public record ColorLut(String name, int[] argb) {
    public static final ColorLut GREY = new ColorLut("grey", ramp((g) -> new int[] {g, g, g}));
    /** Black → red → yellow → white, for MIP and perfusion-like displays. */
    public static final ColorLut HOT = new ColorLut("hot", ramp((g) -> new int[] {
            Math.min(255, g * 3), Math.clamp(g * 3 - 255, 0, 255), Math.clamp(g * 3 - 510, 0, 255)}));

    public ColorLut {
        if (argb.length != 256) {
            throw new IllegalArgumentException("a colour LUT has 256 entries, not " + argb.length);
        }
        argb = argb.clone();
    }

    @Override
    public int[] argb() { return argb.clone(); }

    public int colour(int grey8) { return argb[grey8]; }

    private interface Rgb {
        int[] of(int grey);
    }

    private static int[] ramp(Rgb f) {
        int[] t = new int[256];
        for (int g = 0; g < 256; g++) {
            int[] c = f.of(g);
            t[g] = 0xFF000000 | c[0] << 16 | c[1] << 8 | c[2];
        }
        return t;
    }

    @Override
    public boolean equals(Object o) { return o instanceof ColorLut c && name.equals(c.name) && Arrays.equals(argb, c.argb); }

    @Override
    public int hashCode() { return name.hashCode() * 31 + Arrays.hashCode(argb); }

    @Override
    public String toString() { return "ColorLut[" + name + "]"; }
}
