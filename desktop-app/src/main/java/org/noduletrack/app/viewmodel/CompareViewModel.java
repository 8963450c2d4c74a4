package org.noduletrack.app.viewmodel;

import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.geom.Affine3;

/**
 * Prior and current side by side. Before a registration exists the two are aligned by table position (scrolling one
 * moves the other to the same position along the normal, clamped to its volume). Once {@link #currentToPriorProperty}
 * holds the registration (current LPS → prior LPS), the views are linked through it: the prior shows the plane of the
 * current view mapped into its frame (same centre point, axes rotated, same zoom), and a scroll or pan in the prior
 * moves the current through the inverse map.
 *
 * <p>The same link, with the identity as the map, ties the second viewport of the 1×2 and 2×2 layouts to the main view
 * when both series share a frame of reference; there the windows stay apart (lung beside mediastinum is the point).
 */
public final class CompareViewModel {
    private final SliceViewModel prior;
    private final SliceViewModel current;
    private final BooleanProperty linked = new SimpleBooleanProperty(this, "linked", true);
    private final ObjectProperty<Affine3> currentToPrior = new SimpleObjectProperty<>(this, "currentToPrior");
    private final boolean linkWindows;
    private Affine3 priorToCurrent;
    private boolean syncing;

    /** Prior and current with linked windows. */
    public CompareViewModel(SliceViewModel prior, SliceViewModel current) {
        this(prior, current, true);
    }

    /** @param linkWindows whether a window change in one view is applied to the other */
    public CompareViewModel(SliceViewModel prior, SliceViewModel current, boolean linkWindows) {
        this.prior = prior;
        this.current = current;
        this.linkWindows = linkWindows;
        link(current, prior, true);
        link(prior, current, false);
        currentToPrior.addListener((o, a, t) -> {
            priorToCurrent = t == null ? null : t.inverse();
            prior.axesRotationProperty().set(t == null ? Affine3.IDENTITY : t);
            align();
        });
        current.mmPerPixelProperty().addListener((o, a, now) -> {
            if (!syncing && linked.get() && currentToPrior.get() != null) {
                unlinked(() -> prior.mmPerPixelProperty().set(now.doubleValue()));
            }
        });
        prior.mmPerPixelProperty().addListener((o, a, now) -> {
            if (!syncing && linked.get() && currentToPrior.get() != null && current.hasVolume()) {
                unlinked(() -> current.mmPerPixelProperty().set(now.doubleValue())); // zooming either zooms both
            }
        });
    }

    private void link(SliceViewModel from, SliceViewModel to, boolean fromCurrent) {
        from.centerProperty().addListener((obs, old, now) -> {
            if (!syncing && linked.get() && to.hasVolume() && from.hasVolume()) {
                syncing = true;
                try {
                    Affine3 t = fromCurrent ? currentToPrior.get() : priorToCurrent;
                    if (t != null) {
                        to.centerProperty().set(t.applyToPoint(now));
                    } else {
                        to.moveToPosition(from.positionMm());
                    }
                } finally {
                    syncing = false;
                }
            }
        });
        from.windowProperty().addListener((obs, old, now) -> {
            if (!syncing && linkWindows && linked.get() && !now.equals(to.windowProperty().get())) {
                syncing = true;
                try {
                    to.windowProperty().set(now);
                } finally {
                    syncing = false;
                }
            }
        });
    }

    public SliceViewModel prior() { return prior; }

    public SliceViewModel current() { return current; }

    public BooleanProperty linkedProperty() { return linked; }

    /** The registration, current-scan LPS → prior-scan LPS; null while the views are aligned by table position only. */
    public ObjectProperty<Affine3> currentToPriorProperty() { return currentToPrior; }

    /** The prior-scan point showing the same anatomy as a current-scan point (table position when not registered). */
    public Vec3 priorPointOf(Vec3 currentLps) {
        Affine3 t = currentToPrior.get();
        return t != null ? t.applyToPoint(currentLps) : currentLps;
    }

    /** The current-scan point for a prior-scan point. */
    public Optional<Vec3> currentPointOf(Vec3 priorLps) {
        return Optional.ofNullable(priorToCurrent).map(t -> t.applyToPoint(priorLps));
    }

    /** Runs {@code r} (e.g. showing a new volume) without moving the other view. */
    public void unlinked(Runnable r) {
        boolean was = syncing;
        syncing = true;
        try {
            r.run();
        } finally {
            syncing = was;
        }
    }

    /** Brings the prior to the current view's anatomy (registered) or table position. */
    public void align() {
        if (prior.hasVolume() && current.hasVolume()) {
            unlinked(() -> {
                Affine3 t = currentToPrior.get();
                if (t != null) {
                    prior.centerProperty().set(t.applyToPoint(current.centerProperty().get()));
                    prior.mmPerPixelProperty().set(current.mmPerPixelProperty().get());
                } else {
                    prior.moveToPosition(current.positionMm());
                }
                if (linkWindows) {
                    prior.windowProperty().set(current.windowProperty().get());
                }
            });
        }
    }
}
