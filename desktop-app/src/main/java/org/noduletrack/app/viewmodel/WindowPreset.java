package org.noduletrack.app.viewmodel;

import java.util.function.UnaryOperator;
import org.noduletrack.render.api.WindowLevel;

/**
 * A CT window preset on a digit key (HU: level / width). The built-in presets are named by a resource key, so their
 * names follow the language; a name the user typed is kept as typed.
 *
 * @param name      the resource key when {@code localised}, else the user's name
 * @param localised whether {@code name} is a resource key
 * @param window    width and level in HU
 */
public record WindowPreset(String name, boolean localised, WindowLevel window) {
    /** Level range of a preset: the CT number scale of 12-bit scanners. */
    public static final int MIN_LEVEL = -1024, MAX_LEVEL = 3071;
    /** Width range of a preset (the same upper limit as dragging the window in a view). */
    public static final int MIN_WIDTH = 1, MAX_WIDTH = 20000;

    public static final WindowPreset LUNG = builtIn("lung", -600, 1500);
    public static final WindowPreset MEDIASTINUM = builtIn("mediastinum", 40, 400);
    public static final WindowPreset BONE = builtIn("bone", 300, 1500);
    public static final WindowPreset SOFT_TISSUE = builtIn("soft_tissue", 50, 350);

    public WindowPreset {
        if (name == null || name.isBlank() || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("invalid preset name: " + name);
        }
        if (window.center() < MIN_LEVEL || window.center() > MAX_LEVEL || window.width() < MIN_WIDTH
                || window.width() > MAX_WIDTH) {
            throw new IllegalArgumentException("preset window out of range: " + window);
        }
    }

    private static WindowPreset builtIn(String id, int level, int width) {
        return new WindowPreset("preset." + id, true, new WindowLevel(width, level));
    }

    /** A preset with the user's own name. */
    public static WindowPreset named(String name, WindowLevel window) {
        return new WindowPreset(name.strip(), false, window);
    }

    public WindowPreset withWindow(WindowLevel w) {
        return new WindowPreset(name, localised, w);
    }

    /** The name to show: the resource text of a built-in name, else the user's name. */
    public String displayName(UnaryOperator<String> localise) {
        return localised ? localise.apply(name) : name;
    }
}
