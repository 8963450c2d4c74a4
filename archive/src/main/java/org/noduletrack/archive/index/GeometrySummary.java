package org.noduletrack.archive.index;

/**
 * What a timeline needs to know about a series' slice geometry without opening it. Unknown values are 0 (counts) or
 * NaN (millimetres).
 *
 * @param orientation       Image Orientation (Patient) as 6 backslash-separated numbers, or empty
 * @param minPositionMm     smallest slice position along the normal, over the instances held
 * @param maxPositionMm     largest slice position along the normal
 */
public record GeometrySummary(int rows, int columns, double rowSpacingMm, double columnSpacingMm,
                              double sliceThicknessMm, String orientation, double minPositionMm, double maxPositionMm) {
    /** Extent covered by the slices held, in millimetres (0 for one slice, NaN if unknown). */
    public double coverageMm() { return maxPositionMm - minPositionMm; }
}
