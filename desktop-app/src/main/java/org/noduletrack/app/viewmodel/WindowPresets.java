package org.noduletrack.app.viewmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.noduletrack.render.api.WindowLevel;

/** The window presets on digit keys 1–9, in key order (at least one). */
public record WindowPresets(List<WindowPreset> list) {
    /** One digit key each. */
    public static final int MAX = 9;
    public static final WindowPresets DEFAULTS = new WindowPresets(List.of(WindowPreset.LUNG, WindowPreset.MEDIASTINUM,
            WindowPreset.BONE, WindowPreset.SOFT_TISSUE));

    public WindowPresets {
        if (list.isEmpty() || list.size() > MAX) {
            throw new IllegalArgumentException("1 to " + MAX + " presets, not " + list.size());
        }
        list = List.copyOf(list);
    }

    /** The preset on digit key {@code n} (1-based). */
    public Optional<WindowPreset> forDigit(int n) {
        return n >= 1 && n <= list.size() ? Optional.of(list.get(n - 1)) : Optional.empty();
    }

    /**
     * As kept in the settings file: one preset a line, "level TAB width TAB key:resource-key" for a built-in name or
     * "level TAB width TAB name:the user's name". Names hold no control characters, so tabs and line ends separate.
     */
    public String format() {
        StringBuilder b = new StringBuilder();
        for (WindowPreset p : list) {
            if (!b.isEmpty()) {
                b.append('\n');
            }
            b.append(String.format(Locale.ROOT, "%d\t%d\t%s:%s", Math.round(p.window().center()),
                    Math.round(p.window().width()), p.localised() ? "key" : "name", p.name()));
        }
        return b.toString();
    }

    /** Reads {@link #format}'s text; anything else is an {@link IllegalArgumentException}. */
    public static WindowPresets parse(String text) {
        List<WindowPreset> presets = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String[] f = line.split("\t", 3);
            if (f.length != 3) {
                throw new IllegalArgumentException("expected level, width and name: " + line);
            }
            WindowLevel w = new WindowLevel(Integer.parseInt(f[1].strip()), Integer.parseInt(f[0].strip()));
            String key = f[2].startsWith("key:") ? f[2].substring(4) : null;
            if (key != null && DEFAULTS.list.stream().anyMatch(p -> p.name().equals(key))) {
                presets.add(new WindowPreset(key, true, w));
            } else if (f[2].startsWith("name:")) {
                presets.add(new WindowPreset(f[2].substring(5), false, w));
            } else {
                throw new IllegalArgumentException("expected a built-in key: or a name: " + f[2]);
            }
        }
        return new WindowPresets(presets);
    }
}
