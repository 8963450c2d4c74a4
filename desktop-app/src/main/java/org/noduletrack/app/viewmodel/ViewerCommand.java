package org.noduletrack.app.viewmodel;

/** What the user asks a slice view to do (mouse and keys map to these; tests send them directly). */
public sealed interface ViewerCommand {
    /** Moves {@code slices} images forward (positive: against the view normal, e.g. towards the feet in axial). */
    record ScrollSlices(int slices) implements ViewerCommand {}

    record FirstSlice() implements ViewerCommand {}

    record LastSlice() implements ViewerCommand {}

    record ApplyPreset(WindowPreset preset) implements ViewerCommand {}

    /** Mouse drag in screen pixels: right widens the window, down raises the level. */
    record AdjustWindow(double dxPixels, double dyPixels) implements ViewerCommand {}

    /** Magnifies by {@code factor} (greater than 1 zooms in). */
    record Zoom(double factor) implements ViewerCommand {}

    /** Moves the image by screen pixels. */
    record Pan(double dxPixels, double dyPixels) implements ViewerCommand {}

    /** Fits, centres, middle slice and default window. */
    record Reset() implements ViewerCommand {}

    /** Fits the whole section into the view, keeping slice and window. */
    record Fit() implements ViewerCommand {}
}
