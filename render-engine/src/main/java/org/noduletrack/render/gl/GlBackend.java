package org.noduletrack.render.gl;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.noduletrack.render.RenderException;
import org.noduletrack.render.api.Frame;
import org.noduletrack.render.api.RenderBackend;
import org.noduletrack.render.api.RenderRequest;
import org.noduletrack.render.volume.ShortVolume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GPU backend: one daemon {@code gl-render} thread creates the GL context and owns it for its whole life; every GL call
 * runs there (asserted), callers only post work and get futures back.
 */
public final class GlBackend implements RenderBackend {
    private static final Logger LOG = LoggerFactory.getLogger(GlBackend.class);

    /** Which context paths to try, in order. */
    public enum ContextPath {
        /** EGL without a surface: Mesa surfaceless, then the EGL device platform. Headless; CI. */
        EGL,
        /** A hidden GLFW window (needs a display): users' desktops without surfaceless EGL. */
        GLFW
    }

    private final ExecutorService glThread;
    private final Thread owner;
    private final GlContext context;
    private final GlReslicer reslicer;
    private final String description;

    private GlBackend(ExecutorService glThread, Thread owner, GlContext context, GlReslicer reslicer, String description) {
        this.glThread = glThread;
        this.owner = owner;
        this.context = context;
        this.reslicer = reslicer;
        this.description = description;
    }

    /** Tries EGL, then (when a display is set) a hidden GLFW window. */
    public static GlBackend create() throws RenderException {
        boolean display = System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null;
        return display ? create(ContextPath.EGL, ContextPath.GLFW) : create(ContextPath.EGL);
    }

    /**
     * Starts the gl-render thread and creates a GL 3.3 core context there by the first path that works; throws when none
     * does (the caller falls back to the CPU).
     */
    public static GlBackend create(ContextPath... paths) throws RenderException {
        Thread[] ownerRef = new Thread[1];
        ExecutorService exec = Executors.newSingleThreadExecutor(r -> {
            Thread t = Thread.ofPlatform().name("gl-render").daemon().unstarted(r);
            ownerRef[0] = t;
            return t;
        });
        try {
            return exec.submit(() -> {
                StringBuilder why = new StringBuilder();
                for (ContextPath p : paths) {
                    GlContext ctx;
                    try {
                        ctx = p == ContextPath.EGL ? EglContext.create() : GlfwHiddenContext.create();
                    } catch (RenderException | LinkageError | RuntimeException e) {
                        why.append(p).append(": ").append(e.getMessage()).append("; ");
                        continue;
                    }
                    try {
                        GlReslicer r = new GlReslicer();
                        String d = ctx.kind() + ": " + GlReslicer.rendererDescription();
                        LOG.info("GL backend ready: {}", d);
                        return new GlBackend(exec, ownerRef[0], ctx, r, d);
                    } catch (RenderException | RuntimeException e) {
                        ctx.close();
                        why.append(p).append(": ").append(e.getMessage()).append("; ");
                    }
                }
                throw new RenderException("no usable OpenGL 3.3 context: " + why);
            }).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            exec.shutdownNow();
            throw e.getCause() instanceof RenderException re ? re : new RenderException("GL set-up failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            exec.shutdownNow();
            Thread.currentThread().interrupt();
            throw new RenderException("interrupted while creating the GL context", e);
        } catch (TimeoutException e) {
            exec.shutdownNow();
            throw new RenderException("GL context creation timed out", e);
        }
    }

    @Override public String name() { return "gl"; }

    @Override public String description() { return description; }

    private void assertGlThread() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("GL call off the gl-render thread: " + Thread.currentThread().getName());
        }
    }

    @Override
    public CompletableFuture<Frame> render(ShortVolume volume, RenderRequest request) {
        return CompletableFuture.supplyAsync(() -> {
            assertGlThread();
            long t0 = System.nanoTime();
            try {
                int[] argb = reslicer.render(volume, request);
                return new Frame(request.plane().width(), request.plane().height(), argb, name(), System.nanoTime() - t0);
            } catch (RenderException e) {
                throw new CompletionException(e);
            }
        }, glThread);
    }

    /** Uploads the volume's loaded slices now (otherwise the first render does); completes with the upload time in ns. */
    public CompletableFuture<Long> upload(ShortVolume volume) {
        return CompletableFuture.supplyAsync(() -> {
            assertGlThread();
            long t0 = System.nanoTime();
            try {
                reslicer.upload(volume);
                reslicer.finish();
            } catch (RenderException e) {
                throw new CompletionException(e);
            }
            return System.nanoTime() - t0;
        }, glThread);
    }

    @Override
    public void close() {
        try {
            glThread.submit(() -> {
                assertGlThread();
                reslicer.close();
                context.close();
            }).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("GL teardown failed: {}", e.toString());
        } finally {
            glThread.shutdown();
        }
    }
}
