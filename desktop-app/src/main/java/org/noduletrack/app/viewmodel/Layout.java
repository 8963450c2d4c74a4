package org.noduletrack.app.viewmodel;

/** Viewer layouts. */
public enum Layout {
    /** One axial view. */
    SINGLE,
    /** Axial, coronal and sagittal with a shared crosshair. */
    MPR,
    /** Prior and current side by side, scrolling linked by table position. */
    COMPARE;

    public String messageKey() { return "layout." + name().toLowerCase(java.util.Locale.ROOT); }
}
