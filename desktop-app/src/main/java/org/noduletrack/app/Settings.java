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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's settings (language, layout, last library) in a properties file, by default
 * {@code $XDG_CONFIG_HOME/noduletrack/settings.properties} (else {@code ~/.config/...}). Saved atomically on change.
 */
public final class Settings {
    private static final Logger LOG = LoggerFactory.getLogger(Settings.class);
    public static final String LANGUAGE = "language";
    public static final String LAYOUT = "layout";
    public static final String LAST_LIBRARY = "lastLibrary";

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
