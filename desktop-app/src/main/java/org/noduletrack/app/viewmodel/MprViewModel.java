package org.noduletrack.app.viewmodel;

import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.api.WindowLevel;
import org.noduletrack.render.geom.ViewOrientation;
import org.noduletrack.render.volume.VolumeGeometry;

/**
 * Axial, coronal and sagittal views around one crosshair point (LPS mm): scrolling a view moves the crosshair along
 * its normal, and moving the crosshair moves every plane through it.
 */
public final class MprViewModel {
    private final SliceViewModel axial;
    private final SliceViewModel coronal;
    private final SliceViewModel sagittal;
    private final ObjectProperty<Vec3> crosshair = new SimpleObjectProperty<>(this, "crosshair", Vec3.ZERO);
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
