package org.noduletrack.app;

import javafx.application.Platform;

/** The one way into the FX thread: scene-graph changes go through here. */
public final class FxThread {
    private FxThread() {}

    /** Runs now when already on the FX thread, else later on it. */
    public static void run(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    /** Fails fast when a scene-graph method is called from another thread. */
    public static void check() {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException("not on the FX thread: " + Thread.currentThread().getName());
        }
    }
}
