package org.noduletrack.nodule.segmentation;

import org.noduletrack.nodule.model.Measurement;

/**
 * The result of segmenting one nodule from a seed: the measurement plus the intensities the algorithm chose (for audit
 * and tuning) and the voxels.
 *
 * @param backgroundHu  local lung parenchyma attenuation
 * @param noduleHu      attenuation of the nodule body (ground glass for part-solid nodules)
 * @param thresholdHu   region-growing threshold (half-way between background and body)
 * @param openingMm     radius of the vessel-cutting opening
 * @param radiusEstimateMm median ray length from the seed
 * @param mask          the segmented voxels ({@link NoduleMask#EMPTY} when not kept)
 */
public record Segmentation(Measurement measurement, double backgroundHu, double noduleHu, double thresholdHu,
                           double openingMm, double radiusEstimateMm, NoduleMask mask) {
    public Segmentation(Measurement measurement, double backgroundHu, double noduleHu, double thresholdHu, double openingMm,
                        double radiusEstimateMm) {
        this(measurement, backgroundHu, noduleHu, thresholdHu, openingMm, radiusEstimateMm, NoduleMask.EMPTY);
    }
}
