package org.noduletrack.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import org.noduletrack.app.viewmodel.Layout;
import org.noduletrack.app.viewmodel.WindowPresets;
import org.noduletrack.render.engine.RenderEngines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's settings (language, layout, last library, window presets, renderer, cine rate) in a properties file, by default
 * {@code $XDG_CONFIG_HOME/noduletrack/settings.properties} (else {@code ~/.config/...}). Saved atomically on change.
 */
public final class Settings {
    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);
    public static final String LANGUAGE = "language";
    public static final String LAYOUT = "layout";
    public static final String LAST_LIBRARY = "lastLibrary";
    /** The layout a new window starts with; absent: the last one used ({@link #LAYOUT}). */
    public static final String DEFAULT_LAYOUT = "defaultLayout";
    /** The digit-key window presets ({@link WindowPresets#format}). */
    public static final String WINDOW_PRESETS = "windowPresets";
    /** "gpu" (when available) or "cpu", read at start. */
    public static final String RENDERER = "renderer";
    /** Cine frame rate, frames per second. */
    public static final String CINE_FPS = "cineFps";
    public static final double MIN_CINE_FPS = 1, MAX_CINE_FPS = 60, DEFAULT_CINE_FPS = 10;

    private final Path file;
    private final Properties props = new Properties();
    private final java.util.concurrent.Executor saver;

    private Settings(Path file, java.util.concurrent.Executor saver) {
        this.file = file;
        this.saver = saver;
    }

    public static Path defaultFile() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("noduletrack").resolve("settings.properties");
    }

    /** Loads the file; a missing or unreadable file gives the defaults. Saves on the calling thread. */
    public static Settings load(Path file) {
        return load(file, Runnable::run);
    }

    /** Loads the file; changes are saved through {@code saver} (the workstation: off the FX thread). */
    public static Settings load(Path file, java.util.concurrent.Executor saver) {
        Settings s = new Settings(file, saver);
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                s.props.load(in);
            } catch (IOException e) {
                LOG.warn("settings {} unreadable, using defaults: {}", file, e.toString());
            }
        }
        return s;
    }

    public Path file() { return file; }

    public synchronized Optional<String> get(String key) { return Optional.ofNullable(props.getProperty(key)); }

    public void put(String key, String value) {
        synchronized (this) {
            props.setProperty(key, value);
        }
        try {
            saver.execute(this::save);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the workstation is closing: the value stays in memory only, the file keeps the last saved state
            LOG.debug("settings not saved after close: {}", key);
        }
    }

    public Locale locale() {
        return get(LANGUAGE).map(Locale::forLanguageTag).orElse(Locale.getDefault().getLanguage().equals("zh")
                ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH);
    }

    /** The user's window presets; a corrupted entry gives the defaults (and a warning in the log). */
    public WindowPresets windowPresets() {
        return get(WINDOW_PRESETS).map(text -> {
            try {
                return WindowPresets.parse(text);
            } catch (IllegalArgumentException e) {
                LOG.warn("window presets in {} unreadable, using the defaults: {}", file, e.getMessage());
                return WindowPresets.DEFAULTS;
            }
        }).orElse(WindowPresets.DEFAULTS);
    }

    public void putWindowPresets(WindowPresets presets) {
        put(WINDOW_PRESETS, presets.format());
    }

    /** The layout a new window starts with, when the user chose one (else the last used). */
    public Optional<Layout> defaultLayout() {
        return get(DEFAULT_LAYOUT).flatMap(Settings::layout);
    }

    /** {@code empty}: start with the layout used last. */
    public void putDefaultLayout(Optional<Layout> layout) {
        put(DEFAULT_LAYOUT, layout.map(Layout::name).orElse(""));
    }

    /** The layout used last. */
    public Optional<Layout> lastLayout() {
        return get(LAYOUT).flatMap(Settings::layout);
    }

    private static Optional<Layout> layout(String name) {
        try {
            return Optional.of(Layout.valueOf(name.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The renderer the user prefers (applied at start); empty when never chosen. */
    public Optional<RenderEngines.Preference> renderPreference() {
        return get(RENDERER).map(s -> s.strip().toLowerCase(Locale.ROOT)).flatMap(s -> switch (s) {
            case "cpu" -> Optional.of(RenderEngines.Preference.CPU);
            case "gpu" -> Optional.of(RenderEngines.Preference.GPU_THEN_CPU);
            default -> Optional.empty();
        });
    }

    public void putRenderPreference(RenderEngines.Preference p) {
        put(RENDERER, p == RenderEngines.Preference.CPU ? "cpu" : "gpu");
    }

    /** Cine frame rate, 1–60 frames/s (10 when unset or unreadable). */
    public double cineFps() {
        try {
            return get(CINE_FPS).map(s -> Math.clamp(Double.parseDouble(s.strip()), MIN_CINE_FPS, MAX_CINE_FPS))
                    .orElse(DEFAULT_CINE_FPS);
        } catch (NumberFormatException e) {
            return DEFAULT_CINE_FPS;
        }
    }

    private synchronized void save() {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                props.store(out, "NoduleTrack settings");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot save settings {}: {}", file, e.toString());
        }
    }
}
