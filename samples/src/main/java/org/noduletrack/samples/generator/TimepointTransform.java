package org.noduletrack.samples.generator;

import org.noduletrack.dicom.geom.Vec3;

/**
 * Where a point of one timepoint's scan lies in the baseline scan: x_baseline = D(A(x_current)) with A the rigid
 * patient motion and D the breathing deformation (both in LPS mm). The generator samples the baseline anatomy through
 * exactly this map, so ground truth and images agree by construction.
 */
public record TimepointTransform(Rigid3 currentToBaselineRigid, BreathingDeformation deformation) {
    public static TimepointTransform identity() {
        return new TimepointTransform(Rigid3.identity(), BreathingDeformation.none());
    }

    public Vec3 toBaseline(Vec3 current) {
        return deformation.apply(currentToBaselineRigid.apply(current));
    }

    public Vec3 toCurrent(Vec3 baseline) {
        return currentToBaselineRigid.inverse().apply(deformation.invert(baseline));
    }
}
