package org.noduletrack.samples.generator;

import org.noduletrack.dicom.geom.Vec3;

/**
 * One synthetic nodule, defined in the baseline frame.
 *
 * @param shape             body at the baseline volume (for a NEW nodule: the volume it would have had at day 0)
 * @param orientation       rotation from the nodule's local axes to baseline LPS (row-major 3x3)
 * @param centreBaselineMm  centre in baseline LPS
 * @param solidCoreRatio    PART_SOLID only: linear size of the solid core relative to the whole nodule (0 otherwise)
 * @param attenuationHu     HU of the body (ground glass for PART_SOLID)
 * @param coreAttenuationHu HU of the solid core (PART_SOLID only)
 */
public record NoduleSpec(String id, NoduleType type, NoduleShape shape, double[] orientation, Vec3 centreBaselineMm,
                         Attachment attachment, GrowthLaw growth, double solidCoreRatio, double attenuationHu,
                         double coreAttenuationHu) {
    public NoduleSpec {
        orientation = orientation.clone();
    }

    @Override
    public double[] orientation() { return orientation.clone(); }

    /** Linear scale of the body at a date: cube root of the volume factor. */
    public double scaleAt(double daysFromBaseline) {
        return Math.cbrt(growth.volumeFactor(daysFromBaseline));
    }
}
