package org.noduletrack.archive;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the library lives: an explicit directory ({@code --library DIR}), else {@code $NODULETRACK_LIBRARY}, else the
 * OS convention: {@code $XDG_DATA_HOME/noduletrack/library} (default {@code ~/.local/share}) on Linux and other Unixes,
 * {@code %LOCALAPPDATA%\NoduleTrack\library} on Windows, {@code ~/Library/Application Support/NoduleTrack/library} on
 * macOS.
 */
public final class LibraryLocation {
    public static final String ENV_VARIABLE = "NODULETRACK_LIBRARY";

    private LibraryLocation() {}

    /** Resolves with this process's environment. */
    public static Path resolve(Optional<Path> explicit) {
        return resolve(explicit, System.getenv(), System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    public static Path resolve(Optional<Path> explicit, Map<String, String> env, String osName, Path home) {
        if (explicit.isPresent()) {
            return explicit.get().toAbsolutePath().normalize();
        }
        String fromEnv = env.get(ENV_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv).toAbsolutePath().normalize();
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = env.get("LOCALAPPDATA");
            Path base = local != null && !local.isBlank() ? Path.of(local) : home.resolve("AppData").resolve("Local");
            return base.resolve("NoduleTrack").resolve("library");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("NoduleTrack").resolve("library");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : home.resolve(".local").resolve("share");
        return base.resolve("noduletrack").resolve("library");
    }
}
