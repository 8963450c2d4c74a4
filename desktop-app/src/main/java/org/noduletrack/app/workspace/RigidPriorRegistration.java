package org.noduletrack.app.workspace;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import org.noduletrack.app.viewmodel.PriorRegistration;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.registration.RigidRegistration;
import org.noduletrack.render.geom.Affine3;
import org.noduletrack.render.volume.ShortVolume;

/** Rigid registration of nodule-tools (current = fixed, prior = moving), used until the follow-up workflow's lands. */
public final class RigidPriorRegistration implements PriorRegistration {
    private final RigidRegistration registration;

    public RigidPriorRegistration(RigidRegistration registration) {
        this.registration = registration;
    }

    @Override
    public Result register(ShortVolume current, ShortVolume prior, BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("registration cancelled");
        }
        // the search itself cannot be interrupted (about 2 s on the demo patient): a cancel arriving meanwhile
        // discards the result
        RigidRegistration.Result r = registration.register(current, prior);
        if (cancelled.getAsBoolean()) {
            throw new CancellationException("registration cancelled");
        }
        return new Result(r.fixedToMoving(), r.ncc());
    }

    @Override
    public Affine3 refineAround(ShortVolume current, ShortVolume prior, Vec3 currentPointLps, Affine3 currentToPrior) {
        return registration.refineLocal(current, prior, currentPointLps, currentToPrior).fixedToMoving();
    }
}
