package org.noduletrack.app.viewmodel;

import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.api.WindowLevel;
import org.noduletrack.render.geom.Affine3;
import org.noduletrack.render.geom.ViewOrientation;
import org.noduletrack.render.volume.VolumeGeometry;

/**
 * Axial, coronal and sagittal views around one crosshair point (LPS mm): scrolling a view moves the crosshair along
 * its normal, and moving the crosshair moves every plane through it. Turning the crosshair lines in the axial view
 * makes the coronal and sagittal planes oblique (double-oblique reading of a nodule along its own axis).
 */
public final class MprViewModel {
    private final SliceViewModel axial;
    private final SliceViewModel coronal;
    private final SliceViewModel sagittal;
    private final ObjectProperty<Vec3> crosshair = new SimpleObjectProperty<>(this, "crosshair", Vec3.ZERO);
    /** Oblique MPR: the coronal and sagittal planes turned about the axial view's normal, in degrees. */
    private final DoubleProperty obliqueDegrees = new SimpleDoubleProperty(this, "obliqueDegrees", 0);
    private boolean syncing;

    public MprViewModel(SliceViewModel axial, WindowLevel window) {
        this.axial = axial;
        this.coronal = new SliceViewModel(ViewOrientation.CORONAL, window);
        this.sagittal = new SliceViewModel(ViewOrientation.SAGITTAL, window);
        for (SliceViewModel v : views()) {
            v.centerProperty().addListener((obs, old, now) -> {
                if (!syncing && old != null) {
                    Vec3 n = v.normal();
                    Vec3 c = crosshair.get();
                    crosshair.set(c.plus(n.times(now.minus(c).dot(n))));
                }
            });
            v.windowProperty().addListener((obs, old, now) -> {
                for (SliceViewModel o : views()) {
                    if (o != v && !now.equals(o.windowProperty().get())) {
                        o.windowProperty().set(now);
                    }
                }
            });
        }
        obliqueDegrees.addListener((obs, old, now) -> {
            Affine3 r = rotationAbout(axial.normal(), Math.toRadians(now.doubleValue()));
            coronal.axesRotationProperty().set(r);
            sagittal.axesRotationProperty().set(r);
            Vec3 c = crosshair.get();
            syncing = true;
            try {
                coronal.moveThrough(c);
                sagittal.moveThrough(c);
            } finally {
                syncing = false;
            }
        });
        crosshair.addListener((obs, old, now) -> {
            syncing = true;
            try {
                for (SliceViewModel v : views()) {
                    v.moveThrough(now);
                }
            } finally {
                syncing = false;
            }
        });
    }

    public SliceViewModel axial() { return axial; }

    public SliceViewModel coronal() { return coronal; }

    public SliceViewModel sagittal() { return sagittal; }

    public List<SliceViewModel> views() { return List.of(axial, coronal, sagittal); }

    public ObjectProperty<Vec3> crosshairProperty() { return crosshair; }

    public DoubleProperty obliqueDegreesProperty() { return obliqueDegrees; }

    /** Turns the coronal and sagittal planes about the axial normal through the crosshair (dragging its lines). */
    public void rotateOblique(double deltaDegrees) {
        double a = obliqueDegrees.get() + deltaDegrees;
        obliqueDegrees.set(Math.IEEEremainder(a, 360));
    }

    /** Rodrigues' rotation of angle {@code radians} about the unit {@code axis} (right-handed, LPS). */
    static Affine3 rotationAbout(Vec3 axis, double radians) {
        Vec3 k = axis.normalized();
        double c = Math.cos(radians);
        double s = Math.sin(radians);
        return Affine3.fromColumns(rotate(new Vec3(1, 0, 0), k, c, s), rotate(new Vec3(0, 1, 0), k, c, s),
                rotate(new Vec3(0, 0, 1), k, c, s), Vec3.ZERO);
    }

    private static Vec3 rotate(Vec3 v, Vec3 k, double c, double s) {
        return v.times(c).plus(k.cross(v).times(s)).plus(k.times(k.dot(v) * (1 - c)));
    }

    /** Starts MPR on the axial view's volume, the crosshair at the axial view's centre. */
    public void start(VolumeGeometry g) {
        if (coronal.geometryProperty().get() != g) {
            coronal.setGeometry(g);
            sagittal.setGeometry(g);
        }
        coronal.windowProperty().set(axial.windowProperty().get());
        sagittal.windowProperty().set(axial.windowProperty().get());
        Vec3 c = axial.centerProperty().get();
        syncing = true;
        try {
            crosshair.set(c);
            for (SliceViewModel v : views()) {
                v.moveThrough(c);
            }
        } finally {
            syncing = false;
        }
    }
}
