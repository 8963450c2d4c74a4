package org.noduletrack.nodule.segmentation;

import org.noduletrack.nodule.model.Measurement;

/**
 * The result of segmenting one nodule from a seed: the measurement plus the intensities the algorithm chose (for audit
 * and tuning).
 *
 * @param backgroundHu  local lung parenchyma attenuation
 * @param noduleHu      attenuation of the nodule body (ground glass for part-solid nodules)
 * @param thresholdHu   region-growing threshold (half-way between background and body)
 * @param openingMm     radius of the vessel-cutting opening
 * @param radiusEstimateMm median ray length from the seed
 */
public record Segmentation(Measurement measurement, double backgroundHu, double noduleHu, double thresholdHu,
                           double openingMm, double radiusEstimateMm) {}
