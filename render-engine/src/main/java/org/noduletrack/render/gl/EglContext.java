package org.noduletrack.render.gl;

import static org.lwjgl.egl.EGL10.EGL_ALPHA_SIZE;
import static org.lwjgl.egl.EGL10.EGL_BLUE_SIZE;
import static org.lwjgl.egl.EGL10.EGL_EXTENSIONS;
import static org.lwjgl.egl.EGL10.EGL_GREEN_SIZE;
import static org.lwjgl.egl.EGL10.EGL_NONE;
import static org.lwjgl.egl.EGL10.EGL_NO_CONTEXT;
import static org.lwjgl.egl.EGL10.EGL_NO_DISPLAY;
import static org.lwjgl.egl.EGL10.EGL_NO_SURFACE;
import static org.lwjgl.egl.EGL10.EGL_PBUFFER_BIT;
import static org.lwjgl.egl.EGL10.EGL_RED_SIZE;
import static org.lwjgl.egl.EGL10.EGL_SURFACE_TYPE;
import static org.lwjgl.egl.EGL10.eglChooseConfig;
import static org.lwjgl.egl.EGL10.eglCreateContext;
import static org.lwjgl.egl.EGL10.eglDestroyContext;
import static org.lwjgl.egl.EGL10.eglGetError;
import static org.lwjgl.egl.EGL10.eglInitialize;
import static org.lwjgl.egl.EGL10.eglMakeCurrent;
import static org.lwjgl.egl.EGL10.eglQueryString;
import static org.lwjgl.egl.EGL10.eglTerminate;
import static org.lwjgl.egl.EGL12.EGL_RENDERABLE_TYPE;
import static org.lwjgl.egl.EGL12.eglBindAPI;
import static org.lwjgl.egl.EGL14.EGL_OPENGL_API;
import static org.lwjgl.egl.EGL14.EGL_OPENGL_BIT;
import static org.lwjgl.egl.EGL15.EGL_CONTEXT_MAJOR_VERSION;
import static org.lwjgl.egl.EGL15.EGL_CONTEXT_MINOR_VERSION;
import static org.lwjgl.egl.EGL15.EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT;
import static org.lwjgl.egl.EGL15.EGL_CONTEXT_OPENGL_PROFILE_MASK;

import java.nio.IntBuffer;
import org.lwjgl.PointerBuffer;
import org.lwjgl.egl.EGL;
import org.lwjgl.egl.EGLCapabilities;
import org.lwjgl.egl.EXTDeviceEnumeration;
import org.lwjgl.egl.EXTPlatformDevice;
import org.lwjgl.opengl.GL;
import org.lwjgl.system.JNI;
import org.lwjgl.system.MemoryStack;
import org.noduletrack.render.RenderException;

/**
 * A headless GL 3.3 core context through EGL with no surface (render into FBOs only): Mesa's surfaceless platform
 * (llvmpipe in CI, any Mesa driver on desktops), else the EGL device platform (NVIDIA's headless path). See
 * shared/notes/gl-offscreen-recipe.md.
 */
final class EglContext implements GlContext {
    /** EGL_MESA_platform_surfaceless; LWJGL 3.3.6 has no constant for it. */
    private static final int EGL_PLATFORM_SURFACELESS_MESA = 0x31DD;

    private final long display;
    private final long context;
    private final String kind;

    private EglContext(long display, long context, String kind) {
        this.display = display;
        this.context = context;
        this.kind = kind;
    }

    static EglContext create() throws RenderException {
        try {
            EGL.getCapabilities(); // LWJGL loads libEGL.so.1 when the class initialises
        } catch (LinkageError | RuntimeException e) {
            throw new RenderException("libEGL is not available: " + e, e);
        }
        String clientExtensions = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
        StringBuilder why = new StringBuilder();
        long fn = EGL.getCapabilities().eglGetPlatformDisplayEXT;
        if (clientExtensions != null && clientExtensions.contains("EGL_MESA_platform_surfaceless") && fn != 0) {
            // LWJGL's wrapper rejects native_display == 0, which surfaceless requires: call the pointer directly
            long dpy = JNI.callPPP(EGL_PLATFORM_SURFACELESS_MESA, 0L, 0L, fn);
            try {
                return onDisplay(dpy, "EGL surfaceless (Mesa)");
            } catch (RenderException e) {
                why.append(e.getMessage()).append("; ");
            }
        } else {
            why.append("no EGL_MESA_platform_surfaceless; ");
        }
        if (clientExtensions != null && clientExtensions.contains("EGL_EXT_platform_device") && fn != 0
                && EGL.getCapabilities().eglQueryDevicesEXT != 0) {
            try (MemoryStack stack = MemoryStack.stackPush()) {
                PointerBuffer devices = stack.mallocPointer(8);
                IntBuffer count = stack.mallocInt(1);
                if (EXTDeviceEnumeration.eglQueryDevicesEXT(devices, count)) {
                    for (int d = 0; d < count.get(0); d++) {
                        long dpy = JNI.callPPP(EXTPlatformDevice.EGL_PLATFORM_DEVICE_EXT, devices.get(d), 0L, fn);
                        try {
                            return onDisplay(dpy, "EGL device " + d);
                        } catch (RenderException e) {
                            why.append(e.getMessage()).append("; ");
                        }
                    }
                }
            }
        }
        throw new RenderException("no EGL display with an OpenGL 3.3 core context: " + why);
    }

    private static EglContext onDisplay(long dpy, String kind) throws RenderException {
        if (dpy == EGL_NO_DISPLAY) {
            throw new RenderException(kind + ": no display (0x" + Integer.toHexString(eglGetError()) + ")");
        }
        try (MemoryStack stack = MemoryStack.stackPush()) {
            IntBuffer major = stack.mallocInt(1), minor = stack.mallocInt(1);
            if (!eglInitialize(dpy, major, minor)) {
                throw new RenderException(kind + ": eglInitialize failed (0x" + Integer.toHexString(eglGetError()) + ")");
            }
            EGLCapabilities caps = EGL.createDisplayCapabilities(dpy, major.get(0), minor.get(0));
            if (!caps.EGL_KHR_surfaceless_context) {
                eglTerminate(dpy);
                throw new RenderException(kind + ": no EGL_KHR_surfaceless_context");
            }
            if (!eglBindAPI(EGL_OPENGL_API)) {
                eglTerminate(dpy);
                throw new RenderException(kind + ": OpenGL API not supported");
            }
            IntBuffer attribs = stack.ints(EGL_SURFACE_TYPE, EGL_PBUFFER_BIT, EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT,
                    EGL_RED_SIZE, 8, EGL_GREEN_SIZE, 8, EGL_BLUE_SIZE, 8, EGL_ALPHA_SIZE, 8, EGL_NONE);
            PointerBuffer configs = stack.mallocPointer(1);
            IntBuffer n = stack.mallocInt(1);
            if (!eglChooseConfig(dpy, attribs, configs, n) || n.get(0) == 0) {
                eglTerminate(dpy);
                throw new RenderException(kind + ": no RGBA8 OpenGL config");
            }
            long ctx = eglCreateContext(dpy, configs.get(0), EGL_NO_CONTEXT, stack.ints(EGL_CONTEXT_MAJOR_VERSION, 3,
                    EGL_CONTEXT_MINOR_VERSION, 3, EGL_CONTEXT_OPENGL_PROFILE_MASK, EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT, EGL_NONE));
            if (ctx == EGL_NO_CONTEXT) {
                eglTerminate(dpy);
                throw new RenderException(kind + ": cannot create a 3.3 core context (0x" + Integer.toHexString(eglGetError()) + ")");
            }
            if (!eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, ctx)) {
                eglDestroyContext(dpy, ctx);
                eglTerminate(dpy);
                throw new RenderException(kind + ": eglMakeCurrent failed");
            }
            try {
                GL.createCapabilities();
            } catch (RuntimeException | LinkageError e) {
                eglMakeCurrent(dpy, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
                eglDestroyContext(dpy, ctx);
                eglTerminate(dpy);
                throw new RenderException(kind + ": GL functions unavailable: " + e.getMessage(), e);
            }
            return new EglContext(dpy, ctx, kind);
        }
    }

    @Override public String kind() { return kind; }

    @Override
    public void close() {
        GL.setCapabilities(null);
        eglMakeCurrent(display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
        eglDestroyContext(display, context);
        eglTerminate(display);
    }
}
