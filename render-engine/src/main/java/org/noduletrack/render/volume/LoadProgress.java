package org.noduletrack.render.volume;

import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.noduletrack.render.RenderException;

/**
 * Which slices of a volume hold their final voxels. Assembly streams slices in (the ones a viewer asked for first);
 * renderers may draw a partly loaded volume (missing slices read as background) or wait for the slices a plane needs.
 * Thread-safe.
 */
public final class LoadProgress {
    /**
     * Notified on the loading thread, in the order that thread loaded its slices: keep callbacks short and never block in
     * them. A slice is marked loaded (and {@link #awaitSlices} waiters released) just before its listeners are called.
     */
    public interface Listener {
        void sliceLoaded(int k);

        default void completed() {}

        default void failed(Throwable cause) {}
    }

    private final int sliceCount;
    private final BitSet loaded;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private int loadedCount;
    private Throwable failure;

    LoadProgress(int sliceCount) {
        this.sliceCount = sliceCount;
        this.loaded = new BitSet(sliceCount);
    }

    static LoadProgress complete(int sliceCount) {
        LoadProgress p = new LoadProgress(sliceCount);
        p.loaded.set(0, sliceCount);
        p.loadedCount = sliceCount;
        return p;
    }

    public int sliceCount() { return sliceCount; }

    public void addListener(Listener l) { listeners.add(l); }

    public void removeListener(Listener l) { listeners.remove(l); }

    public boolean isLoaded(int k) {
        lock.lock();
        try {
            return loaded.get(k);
        } finally {
            lock.unlock();
        }
    }

    public int loadedCount() {
        lock.lock();
        try {
            return loadedCount;
        } finally {
            lock.unlock();
        }
    }

    public boolean isComplete() { return loadedCount() == sliceCount; }

    public Optional<Throwable> failure() {
        lock.lock();
        try {
            return Optional.ofNullable(failure);
        } finally {
            lock.unlock();
        }
    }

    /** Blocks until slices {@code fromK..toK} (inclusive, clamped to the volume) are loaded. */
    public void awaitSlices(int fromK, int toK, long timeout, TimeUnit unit) throws RenderException, InterruptedException {
        int a = Math.max(0, Math.min(fromK, toK)), b = Math.min(sliceCount - 1, Math.max(fromK, toK));
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        lock.lock();
        try {
            while (true) {
                if (failure != null) {
                    throw new RenderException("volume loading failed: " + failure.getMessage(), failure);
                }
                int next = loaded.nextClearBit(a);
                if (a > b || next > b) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new RenderException("timed out waiting for slice " + next + " to load");
                }
                changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    public void awaitComplete(long timeout, TimeUnit unit) throws RenderException, InterruptedException {
        awaitSlices(0, sliceCount - 1, timeout, unit);
    }

    void markLoaded(int k) {
        boolean done;
        lock.lock();
        try {
            if (loaded.get(k)) {
                return;
            }
            loaded.set(k);
            loadedCount++;
            done = loadedCount == sliceCount;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Listener l : listeners) {
            l.sliceLoaded(k);
            if (done) {
                l.completed();
            }
        }
    }

    void fail(Throwable cause) {
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Listener l : listeners) {
            l.failed(cause);
        }
    }
}
