package org.noduletrack.render.api;

/**
 * A thick slab centred on the plane: {@code thicknessMm} along the normal, sampled at {@code n = ceil(thickness / step)}
 * evenly spaced offsets {@code −T/2 + (s + ½)·T/n}, where step is the volume's finest voxel spacing. Thickness 0 is a
 * thin plane (one sample at offset 0).
 */
public record SlabSpec(double thicknessMm, SlabMode mode) {
    public static final SlabSpec THIN = new SlabSpec(0, SlabMode.MEAN);
    /** Most samples per pixel a slab may take (keeps a frame's cost bounded). */
    public static final int MAX_SAMPLES = 1024;

    public SlabSpec {
        if (!(thicknessMm >= 0) || !Double.isFinite(thicknessMm)) {
            throw new IllegalArgumentException("slab thickness must be >= 0 mm: " + thicknessMm);
        }
    }

    public boolean thin() { return thicknessMm == 0; }

    public int sampleCount(double stepMm) {
        return thin() ? 1 : Math.clamp((long) Math.ceil(thicknessMm / stepMm - 1e-9), 1, MAX_SAMPLES);
    }

    /** Offset in mm along the normal of sample s of {@code count}. */
    public double offsetMm(int s, int count) {
        return thin() ? 0 : -thicknessMm / 2 + (s + 0.5) * thicknessMm / count;
    }
}
