package org.noduletrack.render.api;

/** How samples along a thick slab's normal combine into one pixel. */
public enum SlabMode {
    /** Maximum intensity projection. */
    MIP,
    /** Minimum intensity projection. */
    MINIP,
    /** Average. */
    MEAN
}
