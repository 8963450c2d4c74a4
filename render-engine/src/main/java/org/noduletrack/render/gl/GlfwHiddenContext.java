package org.noduletrack.render.gl;

import static org.lwjgl.glfw.GLFW.GLFW_CONTEXT_VERSION_MAJOR;
import static org.lwjgl.glfw.GLFW.GLFW_CONTEXT_VERSION_MINOR;
import static org.lwjgl.glfw.GLFW.GLFW_FALSE;
import static org.lwjgl.glfw.GLFW.GLFW_OPENGL_CORE_PROFILE;
import static org.lwjgl.glfw.GLFW.GLFW_OPENGL_FORWARD_COMPAT;
import static org.lwjgl.glfw.GLFW.GLFW_OPENGL_PROFILE;
import static org.lwjgl.glfw.GLFW.GLFW_TRUE;
import static org.lwjgl.glfw.GLFW.GLFW_VISIBLE;
import static org.lwjgl.glfw.GLFW.glfwCreateWindow;
import static org.lwjgl.glfw.GLFW.glfwDefaultWindowHints;
import static org.lwjgl.glfw.GLFW.glfwDestroyWindow;
import static org.lwjgl.glfw.GLFW.glfwInit;
import static org.lwjgl.glfw.GLFW.glfwMakeContextCurrent;
import static org.lwjgl.glfw.GLFW.glfwTerminate;
import static org.lwjgl.glfw.GLFW.glfwWindowHint;

import org.lwjgl.opengl.GL;
import org.noduletrack.render.RenderException;

/**
 * A GL 3.3 core context from a hidden 16×16 GLFW window: the path for users' desktops whose driver has no surfaceless
 * EGL (Windows, macOS, some X11 drivers). Needs a display; the FBO does the real rendering.
 */
final class GlfwHiddenContext implements GlContext {
    private final long window;

    private GlfwHiddenContext(long window) {
        this.window = window;
    }

    static GlfwHiddenContext create() throws RenderException {
        try {
            if (!glfwInit()) {
                throw new RenderException("GLFW cannot initialise (no display?)");
            }
        } catch (LinkageError | RuntimeException e) {
            throw new RenderException("GLFW is not available: " + e.getMessage(), e);
        }
        glfwDefaultWindowHints();
        glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
        long w = glfwCreateWindow(16, 16, "noduletrack-gl", 0, 0);
        if (w == 0) {
            glfwTerminate();
            throw new RenderException("GLFW cannot create a hidden window with a 3.3 core context");
        }
        glfwMakeContextCurrent(w);
        GL.createCapabilities();
        return new GlfwHiddenContext(w);
    }

    @Override public String kind() { return "GLFW hidden window"; }

    @Override
    public void close() {
        GL.setCapabilities(null);
        glfwMakeContextCurrent(0);
        glfwDestroyWindow(window);
        glfwTerminate();
    }
}
