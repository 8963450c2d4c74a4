package org.noduletrack.app.viewmodel;

/** What a left drag in a slice view does. */
public enum MeasurementTool {
    /** Window/level (the default; Esc returns to it). */
    WINDOW_LEVEL,
    LENGTH,
    ELLIPSE,
    /** A click segments the nodule under the pointer (follow-up: found again on every registered prior). */
    NODULE;

    public String messageKey() { return "tool." + name().toLowerCase(java.util.Locale.ROOT); }
}
