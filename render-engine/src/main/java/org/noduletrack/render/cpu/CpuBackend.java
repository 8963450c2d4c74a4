package org.noduletrack.render.cpu;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.noduletrack.render.api.Frame;
import org.noduletrack.render.api.RenderBackend;
import org.noduletrack.render.api.RenderRequest;
import org.noduletrack.render.volume.ShortVolume;

/** The CPU reference as a backend: requests queue on one dispatch thread, each frame uses every reslicer thread. */
public final class CpuBackend implements RenderBackend {
    private final CpuReslicer reslicer;
    private final ExecutorService dispatch = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("cpu-render").daemon().factory());

    public CpuBackend(CpuReslicer reslicer) {
        this.reslicer = reslicer;
    }

    @Override public String name() { return "cpu"; }

    @Override public String description() { return "CPU reference reslicer, " + reslicer.threads() + " threads"; }

    @Override
    public CompletableFuture<Frame> render(ShortVolume volume, RenderRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            long t0 = System.nanoTime();
            int[] argb = reslicer.renderArgb(volume, request);
            return new Frame(request.plane().width(), request.plane().height(), argb, name(), System.nanoTime() - t0);
        }, dispatch);
    }

    @Override
    public void close() {
        dispatch.shutdownNow();
        reslicer.close();
    }
}
