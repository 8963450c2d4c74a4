package org.noduletrack.app.viewmodel;

import org.noduletrack.render.api.WindowLevel;

/** CT window presets on keys 1–4 (HU: level / width). */
public enum WindowPreset {
    LUNG(new WindowLevel(1500, -600)),
    MEDIASTINUM(new WindowLevel(400, 40)),
    BONE(new WindowLevel(1500, 300)),
    SOFT_TISSUE(new WindowLevel(350, 50));

    private final WindowLevel window;

    WindowPreset(WindowLevel window) {
        this.window = window;
    }

    public WindowLevel window() { return window; }

    /** The preset on digit key {@code n} (1-based). */
    public static java.util.Optional<WindowPreset> forDigit(int n) {
        return n >= 1 && n <= values().length ? java.util.Optional.of(values()[n - 1]) : java.util.Optional.empty();
    }

    /** Resource-bundle key of the name. */
    public String messageKey() { return "preset." + name().toLowerCase(java.util.Locale.ROOT); }
}
