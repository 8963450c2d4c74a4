package org.noduletrack.render.volume;

/**
 * How one output slice is made from the sorted source slices: source A, optionally blended with source B by
 * {@code weightB} (linear interpolation along the normal across gaps or irregular spacing), each sampled at an in-plane
 * offset in pixels (the shear that undoes gantry tilt). Output pixel (i, j) = (1−w)·A(i+colShiftA, j+rowShiftA) +
 * w·B(i+colShiftB, j+rowShiftB).
 */
public record SliceRecipe(int sourceA, int sourceB, double weightB, double colShiftA, double rowShiftA, double colShiftB,
                          double rowShiftB) {
    static SliceRecipe copy(int source) { return new SliceRecipe(source, source, 0, 0, 0, 0, 0); }

    /** The output slice is exactly one acquired slice. */
    public boolean directCopy() { return weightB == 0 && colShiftA == 0 && rowShiftA == 0; }
}
