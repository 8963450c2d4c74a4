package org.noduletrack.app.followup;

import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.model.Measurement;

/**
 * When what was segmented on a prior at the registered position of a current nodule can be that nodule. One rule for
 * the follow-up workflow and the workstation, so both propose the same matches.
 */
public final class PriorMatchRule {
    /** A registered position is accurate to about 2 mm and growth is near concentric: the matched centroid lies there. */
    public static final double MAX_CENTROID_SHIFT_MM = 3.0;
    /** Long / short axis above which a structure is vessel-like when the nodule itself is not. */
    public static final double VESSEL_ELONGATION = 2.5;

    private PriorMatchRule() {}

    /**
     * Whether {@code prior} (segmented from the registered position {@code mapped}) can be the nodule measured as
     * {@code current}: its centroid is where the registration put it, and it is not a thin elongated piece (the vessel
     * a new nodule will later grow against) unless the nodule is itself that elongated.
     */
    public static boolean plausible(Measurement prior, Vec3 mapped, Measurement current) {
        if (prior.centroidLps().distanceTo(mapped) > MAX_CENTROID_SHIFT_MM) {
            return false;
        }
        double ep = prior.longAxisMm() / Math.max(prior.shortAxisMm(), 1e-6);
        double ec = current.longAxisMm() / Math.max(current.shortAxisMm(), 1e-6);
        return ep < VESSEL_ELONGATION || ec >= VESSEL_ELONGATION / 1.25;
    }
}
