package org.noduletrack.app.viewmodel;

import java.util.function.BooleanSupplier;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.geom.Affine3;
import org.noduletrack.render.volume.ShortVolume;

/**
 * How a prior scan is brought onto the current one: a seam so that the follow-up workflow's registration can replace
 * the direct rigid registration without touching the UI. Both methods block; call them off the FX thread.
 */
public interface PriorRegistration {
    /**
     * @param cancelled polled between stages; a cancelled run throws {@link java.util.concurrent.CancellationException}
     * @return current-scan LPS → prior-scan LPS and the similarity reached
     */
    Result register(ShortVolume current, ShortVolume prior, BooleanSupplier cancelled);

    /** @param ncc normalised cross-correlation at the optimum (kept with the findings) */
    record Result(Affine3 currentToPrior, double ncc) {}

    /** Refines {@code currentToPrior} in a box around a current-scan point (a nodule; absorbs breathing). */
    Affine3 refineAround(ShortVolume current, ShortVolume prior, Vec3 currentPointLps, Affine3 currentToPrior);
}
