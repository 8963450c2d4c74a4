package org.noduletrack.app.followup;

import java.util.Objects;
import org.noduletrack.render.geom.Affine3;

/**
 * Rigid registration of a prior study to the current one.
 *
 * @param currentToPrior current LPS mm → prior LPS mm (the viewers are linked through it)
 * @param ncc            normalized cross-correlation at the optimum (1 = identical)
 */
public record StudyRegistration(FollowUpStudy current, FollowUpStudy prior, Affine3 currentToPrior, double ncc) {
    public StudyRegistration {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(prior, "prior");
        Objects.requireNonNull(currentToPrior, "currentToPrior");
    }

    public Affine3 priorToCurrent() { return currentToPrior.inverse(); }
}
