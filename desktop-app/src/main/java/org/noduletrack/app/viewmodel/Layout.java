package org.noduletrack.app.viewmodel;

/** Viewer layouts. */
public enum Layout {
    /** One axial view. */
    SINGLE,
    /**
     * The series and a second viewport side by side (1×2): by default the same series in the mediastinal window, or
     * any series dropped onto it; scrolling, zoom and pan linked when both share a frame of reference.
     */
    SIDE_BY_SIDE,
    /** 2×2: axial, coronal and sagittal around the crosshair, and the second viewport. */
    GRID,
    /** Axial, coronal and sagittal with a shared crosshair (1×3). */
    MPR,
    /** Prior and current side by side, scrolling linked by table position. */
    COMPARE;

    public String messageKey() { return "layout." + name().toLowerCase(java.util.Locale.ROOT); }

    /** Whether the layout shows the second viewport. */
    public boolean showsSecondViewport() { return this == SIDE_BY_SIDE || this == GRID; }

    /** Whether the layout shows coronal and sagittal views around a crosshair. */
    public boolean showsMpr() { return this == MPR || this == GRID; }
}
