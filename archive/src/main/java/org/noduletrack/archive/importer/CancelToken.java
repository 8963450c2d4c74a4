package org.noduletrack.archive.importer;

import java.util.concurrent.atomic.AtomicBoolean;

/** Cancels a long operation; checked between files. Thread-safe. */
public final class CancelToken {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() { cancelled.set(true); }

    public boolean isCancelled() { return cancelled.get(); }
}
