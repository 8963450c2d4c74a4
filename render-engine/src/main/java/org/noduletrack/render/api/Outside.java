package org.noduletrack.render.api;

/** How pixels whose plane point (or, for a slab, every slab sample) lies outside the volume are drawn. */
public enum Outside {
    /** As the volume's background value through the window and LUT (−1024 HU for CT: dark grey in a lung window). */
    BACKGROUND,
    /** Fully transparent black, ARGB 0, so the UI can show its own backdrop beyond the volume. */
    TRANSPARENT
}
