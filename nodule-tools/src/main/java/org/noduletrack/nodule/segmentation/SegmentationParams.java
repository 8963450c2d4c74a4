package org.noduletrack.nodule.segmentation;

/**
 * Knobs of seed-point nodule segmentation ({@link NoduleSegmenter}).
 *
 * @param lungMinHu / lungMaxHu   HU range of aerated lung used to estimate the local background
 * @param typicalGroundGlassHu    attenuation assumed for ground glass when choosing the first (low) threshold
 * @param solidHu                 voxels above this are solid tissue
 * @param partSolidFitRatio       with a solid centre: (partial-volume sum fitted to solid attenuation) / (solid voxels)
 *                                at or above which a ground-glass body surrounds it (PART_SOLID); about 1 for SOLID
 * @param solidFractionForPartSolid solid share at or above which a subsolid nodule is PART_SOLID (else GROUND_GLASS)
 * @param maxRadiusMm             the search never extends further from the seed
 * @param openingFraction         vessel-cutting opening radius as a fraction of the estimated nodule radius
 * @param minOpeningMm / maxOpeningMm bounds of that radius
 * @param reconstructionFraction after the opening, the kept component is dilated by this × the opening radius (inside
 *                                the original region) to restore surface detail without regrowing vessel stubs
 * @param pleuraClosingFactor     lung-mask closing radius = factor × estimated radius + 1 mm (keeps juxtapleural nodules
 *                                inside the lung, the chest wall outside)
 * @param feretPixelCorrection    unused since diameters are measured at voxel edges (kept for source compatibility)
 * @param vesselNeckMm           a piece of the grown region outside the opened core that reaches beyond the
 *                                reconstruction zone (a vessel leaving the nodule) is kept only this deep (in plane; one
 *                                slice up and down); pieces that stay inside the zone (surface detail) are kept whole
 * @param shellNearestObject     partial-volume shell voxels nearer to region voxels the segmentation cut off (vessels)
 *                                than to the nodule are left out (their partial volume is the vessel's)
 * @param inscribedOpeningFraction when &gt; 0, the opening radius is this × the region's distance-transform peak near
 *                                the seed (its inscribed radius) instead of openingFraction × the ray estimate
 * @param shellClutterRingMm      when &gt; 0, the mean partial-volume fraction of a ring this wide just beyond the shell
 *                                (vessels passing by, denser parenchyma) is taken off every shell voxel (not for nodules
 *                                touching the chest wall); 1 mm: seeds 1 and 7, juxtavascular max 4.6 % (2 mm: 6.3 %)
 * @param groundGlassPlateauFraction a PART_SOLID call needs at least this share of the non-solid voxels within ±50 HU of
 *                                their mode (a ground-glass plateau, not the evenly spread blurred edge of a solid nodule)
 */
public record SegmentationParams(double lungMinHu, double lungMaxHu, double typicalGroundGlassHu, double solidHu,
                                 double partSolidFitRatio, double solidFractionForPartSolid, double maxRadiusMm,
                                 double openingFraction, double minOpeningMm, double maxOpeningMm,
                                 double reconstructionFraction, double pleuraClosingFactor, double feretPixelCorrection,
                                 double groundGlassPlateauFraction, double vesselNeckMm,
                                 boolean shellNearestObject, double inscribedOpeningFraction, double shellClutterRingMm) {
    public static final SegmentationParams DEFAULTS = new SegmentationParams(-1000, -500, -575, -300, 1.12, 0.05, 25,
            0.7, 0.8, 3.0, 0.5, 1.6, 0.6, 0.4, 0.75, true, 0.8, 1.0);

    /** The parameters before the shell clutter correction (it stays off). */
    public SegmentationParams(double lungMinHu, double lungMaxHu, double typicalGroundGlassHu, double solidHu,
                              double partSolidFitRatio, double solidFractionForPartSolid, double maxRadiusMm,
                              double openingFraction, double minOpeningMm, double maxOpeningMm,
                              double reconstructionFraction, double pleuraClosingFactor, double feretPixelCorrection,
                              double groundGlassPlateauFraction, double vesselNeckMm,
                              boolean shellNearestObject, double inscribedOpeningFraction) {
        this(lungMinHu, lungMaxHu, typicalGroundGlassHu, solidHu, partSolidFitRatio, solidFractionForPartSolid, maxRadiusMm,
                openingFraction, minOpeningMm, maxOpeningMm, reconstructionFraction, pleuraClosingFactor, feretPixelCorrection,
                groundGlassPlateauFraction, vesselNeckMm, shellNearestObject, inscribedOpeningFraction, 0);
    }
}
