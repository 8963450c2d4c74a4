package org.noduletrack.nodule.model;

import java.util.Objects;
import org.noduletrack.dicom.geom.Vec3;

/**
 * One nodule measured on one series, in patient LPS millimetres of that series' frame of reference.
 *
 * @param centroidLps        centre of mass of the segmented voxels
 * @param volumeMm3          segmented volume (partial volume counted by fraction)
 * @param longAxisMm         longest in-plane diameter on the axial slice of maximal area, between voxel edges
 * @param shortAxisMm        width perpendicular to it on the same slice, between voxel edges
 * @param meanDiameterMm     (long + short) / 2, unrounded (round with {@code Rounding} per guideline)
 * @param max3dDiameterMm    longest 3D diameter of the segmented voxels, between voxel edges
 * @param solidMeanDiameterMm mean diameter of the solid component (0 for pure ground glass)
 * @param solidVolumeMm3     volume of the solid component
 * @param meanHu             mean attenuation of the segmented voxels
 * @param sdHu               standard deviation of the attenuation
 * @param axialSliceK        index of the slice (of the series' volume) the axes were measured on
 */
public record Measurement(SeriesRef series, Vec3 centroidLps, double volumeMm3, double longAxisMm, double shortAxisMm,
                          double meanDiameterMm, double max3dDiameterMm, double solidMeanDiameterMm, double solidVolumeMm3,
                          double meanHu, double sdHu, NoduleType type, int voxelCount, int axialSliceK) {
    public Measurement {
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(centroidLps, "centroidLps");
        Objects.requireNonNull(type, "type");
        if (!(volumeMm3 >= 0)) {
            throw new IllegalArgumentException("volume must be >= 0: " + volumeMm3);
        }
    }

    /** Diameter of the sphere with the same volume. */
    public double volumeEquivalentDiameterMm() { return Math.cbrt(6 * volumeMm3 / Math.PI); }
}
