package org.noduletrack.render.api;

import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.geom.PlaneLps;
import org.noduletrack.render.geom.ViewOrientation;

/**
 * Per-viewport view state in patient space: where the view is centred, how it is oriented, and the zoom (mm per screen
 * pixel). Separate from the volume and from the window.
 */
public record Camera(Vec3 focalPointLps, ViewOrientation orientation, double pixelSpacingMm) {
    public PlaneLps plane(int width, int height) {
        return new PlaneLps(focalPointLps, orientation.rowDirection(), orientation.columnDirection(), pixelSpacingMm, width, height);
    }

    public Camera movedAlongNormal(double mm) {
        return new Camera(focalPointLps.plus(orientation.normal().times(mm)), orientation, pixelSpacingMm);
    }
}
