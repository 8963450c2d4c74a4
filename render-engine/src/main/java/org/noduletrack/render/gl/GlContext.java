package org.noduletrack.render.gl;

/** An OpenGL 3.3+ core context current on the thread that created it (the gl-render thread). */
interface GlContext extends AutoCloseable {
    /** How it was made, e.g. "EGL surfaceless (Mesa)". */
    String kind();

    @Override
    void close();
}
