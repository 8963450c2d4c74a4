package org.noduletrack.render.volume;

/** How a stored voxel maps to modality units (Hounsfield units for CT): {@code value = stored·slope + intercept}. */
public record ValueScale(double slope, double intercept) {
    public static final ValueScale IDENTITY = new ValueScale(1, 0);

    public ValueScale {
        if (!(slope > 0) || !Double.isFinite(slope) || !Double.isFinite(intercept)) {
            throw new IllegalArgumentException("invalid value scale " + slope + "/" + intercept);
        }
    }

    public double toModality(double stored) { return stored * slope + intercept; }

    /** The stored value nearest to a modality value, clamped to the 16-bit signed range. */
    public short toStored(double modality) {
        return (short) Math.clamp(Math.round((modality - intercept) / slope), Short.MIN_VALUE, Short.MAX_VALUE);
    }
}
