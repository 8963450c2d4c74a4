package org.noduletrack.app.viewmodel;

/** What a left drag in a slice view does. */
public enum MeasurementTool {
    /** Window/level (the default; Esc returns to it). */
    WINDOW_LEVEL,
    LENGTH,
    ELLIPSE;

    public String messageKey() { return "tool." + name().toLowerCase(java.util.Locale.ROOT); }
}
