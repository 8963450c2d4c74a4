package org.noduletrack.render.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.noduletrack.render.RenderException;
import org.noduletrack.render.volume.ShortVolume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The render facade: one {@link RenderBackend} chosen at start-up from an ordered list (GPU first, CPU as the fallback),
 * asynchronous rendering, and frame listeners for whoever displays the pixels (desktop-app copies them into a JavaFX
 * PixelBuffer). Whether the preferred backend failed is a flag plus a reason, and a WARN log.
 */
public final class RenderEngine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RenderEngine.class);

    /** Creates a backend, or says why it cannot. */
    @FunctionalInterface
    public interface BackendFactory {
        RenderBackend create() throws RenderException;
    }

    /** Receives every finished frame, on the backend's thread: copy the pixels and return quickly. */
    @FunctionalInterface
    public interface FrameListener {
        void frameReady(Frame frame);
    }

    private final RenderBackend backend;
    private final Optional<String> fallbackReason;
    private final List<FrameListener> listeners = new CopyOnWriteArrayList<>();

    public RenderEngine(RenderBackend backend, Optional<String> fallbackReason) {
        this.backend = backend;
        this.fallbackReason = fallbackReason;
    }

    /** Uses the first backend that can be created; later ones are fallbacks. */
    public static RenderEngine open(List<BackendFactory> inOrder) throws RenderException {
        List<String> failures = new ArrayList<>();
        for (BackendFactory f : inOrder) {
            try {
                RenderBackend b = f.create();
                Optional<String> reason = failures.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", failures));
                reason.ifPresent(r -> LOG.warn("falling back to the {} backend: {}", b.name(), r));
                return new RenderEngine(b, reason);
            } catch (RenderException | RuntimeException e) {
                failures.add(e.getMessage());
            }
        }
        throw new RenderException("no render backend available: " + String.join("; ", failures));
    }

    public RenderBackend backend() { return backend; }

    /** True when a preferred backend (the GPU) could not be used and a later one was taken. */
    public boolean usingFallback() { return fallbackReason.isPresent(); }

    public Optional<String> fallbackReason() { return fallbackReason; }

    public void addFrameListener(FrameListener l) { listeners.add(l); }

    public void removeFrameListener(FrameListener l) { listeners.remove(l); }

    /** Never blocks: the frame arrives through the future and every listener. */
    public CompletableFuture<Frame> render(ShortVolume volume, RenderRequest request) {
        return backend.render(volume, request).thenApply(f -> {
            for (FrameListener l : listeners) {
                l.frameReady(f);
            }
            return f;
        });
    }

    @Override
    public void close() {
        backend.close();
    }
}
