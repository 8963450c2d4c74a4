package org.noduletrack.render.api;

import java.util.concurrent.CompletableFuture;
import org.noduletrack.render.volume.ShortVolume;

/**
 * A way of drawing planes through a volume ({@code GlBackend}: LWJGL offscreen; {@code CpuBackend}: the reference).
 * Calls never block: work runs on the backend's own thread(s) and completes the returned future.
 */
public interface RenderBackend extends AutoCloseable {
    /** Short name for logs and frames: "gl" or "cpu". */
    String name();

    /** Renderer details for reports (GL_RENDERER and version, or CPU thread count). */
    String description();

    CompletableFuture<Frame> render(ShortVolume volume, RenderRequest request);

    /** Releases threads and GPU resources; the volume itself is not closed. */
    @Override
    void close();
}
