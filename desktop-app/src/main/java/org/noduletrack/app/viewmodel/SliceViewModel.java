package org.noduletrack.app.viewmodel;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.api.SlabSpec;
import org.noduletrack.render.api.WindowLevel;
import org.noduletrack.render.geom.Affine3;
import org.noduletrack.render.geom.PlaneLps;
import org.noduletrack.render.geom.ViewOrientation;
import org.noduletrack.render.volume.VolumeGeometry;

/**
 * One slice view's state in patient space: the volume's geometry, the view orientation, the point at the view centre
 * (LPS mm), the zoom (mm per screen pixel) and the window. Plain JavaFX properties: testable without the toolkit.
 */
public final class SliceViewModel {
    private final ViewOrientation orientation;
    private final ObjectProperty<VolumeGeometry> geometry = new SimpleObjectProperty<>(this, "geometry");
    private final ObjectProperty<Vec3> center = new SimpleObjectProperty<>(this, "center", Vec3.ZERO);
    private final DoubleProperty mmPerPixel = new SimpleDoubleProperty(this, "mmPerPixel", 1);
    private final ObjectProperty<WindowLevel> window = new SimpleObjectProperty<>(this, "window", WindowLevel.LUNG);
    private final IntegerProperty viewportWidth = new SimpleIntegerProperty(this, "viewportWidth", 512);
    private final IntegerProperty viewportHeight = new SimpleIntegerProperty(this, "viewportHeight", 512);
    private final ObjectProperty<SlabSpec> slab = new SimpleObjectProperty<>(this, "slab", SlabSpec.THIN);
    /** Rotation (linear part used) applied to the orientation's axes: a prior shown in the current scan's frame. */
    private final ObjectProperty<Affine3> axesRotation = new SimpleObjectProperty<>(this, "axesRotation", Affine3.IDENTITY);
    private WindowLevel defaultWindow;

    public SliceViewModel(ViewOrientation orientation, WindowLevel defaultWindow) {
        this.orientation = orientation;
        this.defaultWindow = defaultWindow;
        this.window.set(defaultWindow);
    }

    public ViewOrientation orientation() { return orientation; }

    /** The window a new volume and Reset start with (the workstation: the user's preset 1). */
    public void setDefaultWindow(WindowLevel w) {
        this.defaultWindow = w;
    }

    public ObjectProperty<VolumeGeometry> geometryProperty() { return geometry; }

    public ObjectProperty<Vec3> centerProperty() { return center; }

    public DoubleProperty mmPerPixelProperty() { return mmPerPixel; }

    public ObjectProperty<WindowLevel> windowProperty() { return window; }

    /** Thin plane or a thick slab (MIP, MinIP, mean) centred on the plane. */
    public ObjectProperty<SlabSpec> slabProperty() { return slab; }

    /** Next slice, back to the first after the last (cine). */
    public void advanceCine() {
        if (!hasVolume()) {
            return;
        }
        apply(sliceIndex() >= sliceCount() - 1 ? new ViewerCommand.FirstSlice() : new ViewerCommand.ScrollSlices(1));
    }

    public IntegerProperty viewportWidthProperty() { return viewportWidth; }

    public IntegerProperty viewportHeightProperty() { return viewportHeight; }

    public boolean hasVolume() { return geometry.get() != null; }

    /** Shows a new volume: middle slice, fitted, default window. */
    public void setGeometry(VolumeGeometry g) {
        geometry.set(g);
        apply(new ViewerCommand.Reset());
    }

    public Vec3 normal() { return rotated(orientation.normal()); }

    /** Screen-right direction of the shown plane (the orientation's, rotated by {@link #axesRotationProperty}). */
    public Vec3 rowDirection() { return rotated(orientation.rowDirection()); }

    /** Screen-down direction of the shown plane. */
    public Vec3 columnDirection() { return rotated(orientation.columnDirection()); }

    /**
     * Rotation of the view axes (identity by default). A prior linked through a registration shows the plane of the
     * current scan mapped into its own frame, which is oblique to its voxel grid when the patient lay rotated.
     */
    public ObjectProperty<Affine3> axesRotationProperty() { return axesRotation; }

    private Vec3 rotated(Vec3 v) {
        Affine3 r = axesRotation.get();
        return r == Affine3.IDENTITY ? v : r.applyToVector(v).normalized();
    }

    /** The plane the view shows, as big as the viewport. */
    public PlaneLps plane() {
        Vec3 row = rowDirection(), col = columnDirection();
        // re-orthogonalise: a registration's rotation is orthonormal only to rounding
        col = col.minus(row.times(col.dot(row))).normalized();
        return new PlaneLps(center.get(), row, col, mmPerPixel.get(),
                Math.max(1, viewportWidth.get()), Math.max(1, viewportHeight.get()));
    }

    /** Distance between slices along the view normal: the spacing of the voxel axis nearest the normal. */
    public double sliceStepMm() {
        VolumeGeometry g = geometry.get();
        if (g == null) {
            return 1;
        }
        Vec3 n = normal();
        double di = Math.abs(n.dot(g.iDirection())), dj = Math.abs(n.dot(g.jDirection())), dk = Math.abs(n.dot(g.kDirection()));
        if (dk >= di && dk >= dj) {
            return g.spacingMm().z();
        }
        return di >= dj ? g.spacingMm().x() : g.spacingMm().y();
    }

    private double[] rangeAlongNormal() {
        Vec3 n = normal();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Vec3 c : geometry.get().cornersLps()) {
            lo = Math.min(lo, c.dot(n));
            hi = Math.max(hi, c.dot(n));
        }
        return new double[] {lo, hi};
    }

    public int sliceCount() {
        if (!hasVolume()) {
            return 0;
        }
        double[] r = rangeAlongNormal();
        return (int) Math.round((r[1] - r[0]) / sliceStepMm()) + 1;
    }

    /**
     * 0-based index of the shown slice, counted against the normal from the highest position: for axial views index 0
     * is the most cranial slice and scrolling forward goes towards the feet.
     */
    public int sliceIndex() {
        if (!hasVolume()) {
            return 0;
        }
        double[] r = rangeAlongNormal();
        return (int) Math.round((r[1] - positionMm()) / sliceStepMm());
    }

    /** Position of the shown plane along the normal, in LPS mm (for axial: z, the table position). */
    public double positionMm() { return center.get().dot(normal()); }

    /** Moves the plane along its normal so that it passes through {@code point}; the in-plane centre stays. */
    public void moveThrough(Vec3 point) {
        double delta = point.minus(center.get()).dot(normal());
        if (Math.abs(delta) > 1e-6) {
            center.set(clampAlongNormal(center.get().plus(normal().times(delta))));
        }
    }

    /** Moves the plane to table position {@code mm} along the normal (clamped to the volume). */
    public void moveToPosition(double mm) {
        moveThrough(normal().times(mm));
    }

    public void apply(ViewerCommand command) {
        VolumeGeometry g = geometry.get();
        if (g == null) {
            return;
        }
        switch (command) {
            case ViewerCommand.ScrollSlices s -> {
                double[] r = rangeAlongNormal();
                int target = Math.clamp(sliceIndex() + s.slices(), 0, sliceCount() - 1);
                moveToPosition(r[1] - target * sliceStepMm());
            }
            case ViewerCommand.FirstSlice f -> moveToPosition(rangeAlongNormal()[1]);
            case ViewerCommand.LastSlice l -> moveToPosition(rangeAlongNormal()[1] - (sliceCount() - 1) * sliceStepMm());
            case ViewerCommand.ApplyPreset p -> window.set(p.preset().window());
            case ViewerCommand.AdjustWindow a -> {
                WindowLevel w = window.get();
                double k = Math.max(1, w.width() / 400);
                window.set(new WindowLevel(Math.clamp(w.width() + a.dxPixels() * k, 1, 20000),
                        Math.clamp(w.center() + a.dyPixels() * k, -3000, 10000)));
            }
            case ViewerCommand.Zoom z -> mmPerPixel.set(Math.clamp(mmPerPixel.get() / z.factor(), 0.01, 50));
            case ViewerCommand.Pan p -> center.set(center.get()
                    .minus(rowDirection().times(p.dxPixels() * mmPerPixel.get()))
                    .minus(columnDirection().times(p.dyPixels() * mmPerPixel.get())));
            case ViewerCommand.Reset r -> {
                window.set(defaultWindow);
                center.set(g.centerLps());
                fit(g);
                // the middle slice exactly on a voxel plane
                double[] range = rangeAlongNormal();
                moveToPosition(range[1] - (sliceCount() / 2) * sliceStepMm());
            }
            case ViewerCommand.Fit f -> {
                Vec3 c = g.centerLps();
                double along = center.get().minus(c).dot(normal());
                center.set(c.plus(normal().times(along)));
                fit(g);
            }
        }
    }

    private void fit(VolumeGeometry g) {
        double w = g.extentAlongMm(rowDirection()) + g.spacingMm().finest();
        double h = g.extentAlongMm(columnDirection()) + g.spacingMm().finest();
        mmPerPixel.set(Math.max(w / Math.max(1, viewportWidth.get()), h / Math.max(1, viewportHeight.get())));
    }

    private Vec3 clampAlongNormal(Vec3 p) {
        double[] r = rangeAlongNormal();
        double pos = p.dot(normal());
        double clamped = Math.clamp(pos, r[0], r[1]);
        return p.plus(normal().times(clamped - pos));
    }

    /** Zoom relative to the volume's finest in-plane spacing (1 = one voxel per screen pixel). */
    public double zoomFactor() {
        return hasVolume() ? geometry.get().spacingMm().finestInPlane() / mmPerPixel.get() : 1;
    }
}
