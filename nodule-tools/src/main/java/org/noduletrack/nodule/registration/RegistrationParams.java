package org.noduletrack.nodule.registration;

/**
 * Knobs of rigid registration ({@link RigidRegistration}).
 *
 * @param levelSpacingMm     sample-grid spacing per resolution level, coarse to fine
 * @param samplesPerLevel    at most this many fixed-image samples per level (deterministic subsampling)
 * @param minHu / maxHu      HU window of the metric (values are clamped); samples are taken where the fixed image is
 *                           inside the body (above {@code bodyHu})
 * @param bodyHu             voxels above this belong to the body
 * @param initialTranslationStepMm / initialRotationStepDeg first pattern-search steps
 * @param finalTranslationStepMm  search stops below this translation step
 * @param localHalfSizeMm    half-size of the box of a local refinement
 */
public record RegistrationParams(double[] levelSpacingMm, int samplesPerLevel, double minHu, double maxHu, double bodyHu,
                                 double initialTranslationStepMm, double initialRotationStepDeg,
                                 double finalTranslationStepMm, double localHalfSizeMm) {
    public static final RegistrationParams DEFAULTS = new RegistrationParams(new double[] {8, 4, 2}, 40_000, -1000, 300,
            -950, 8, 4, 0.05, 20);

    public RegistrationParams {
        levelSpacingMm = levelSpacingMm.clone();
    }

    @Override
    public double[] levelSpacingMm() { return levelSpacingMm.clone(); }
}
