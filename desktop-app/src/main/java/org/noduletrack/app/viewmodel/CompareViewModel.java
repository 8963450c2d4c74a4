package org.noduletrack.app.viewmodel;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * Prior and current side by side. Until registration exists the two are aligned by table position: scrolling one
 * moves the other to the same position along the normal (LPS z for axial), clamped to its volume.
 */
public final class CompareViewModel {
    private final SliceViewModel prior;
    private final SliceViewModel current;
    private final BooleanProperty linked = new SimpleBooleanProperty(this, "linked", true);
    private boolean syncing;

    public CompareViewModel(SliceViewModel prior, SliceViewModel current) {
        this.prior = prior;
        this.current = current;
        link(current, prior);
        link(prior, current);
    }

    private void link(SliceViewModel from, SliceViewModel to) {
        from.centerProperty().addListener((obs, old, now) -> {
            if (!syncing && linked.get() && to.hasVolume() && from.hasVolume()) {
                syncing = true;
                try {
                    to.moveToPosition(from.positionMm());
                } finally {
                    syncing = false;
                }
            }
        });
        from.windowProperty().addListener((obs, old, now) -> {
            if (!syncing && linked.get() && !now.equals(to.windowProperty().get())) {
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

    /** Brings the prior to the current view's table position. */
    public void align() {
        if (prior.hasVolume() && current.hasVolume()) {
            unlinked(() -> {
                prior.moveToPosition(current.positionMm());
                prior.windowProperty().set(current.windowProperty().get());
            });
        }
    }
}
