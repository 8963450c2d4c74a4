package org.noduletrack.app.cli.library;

import java.nio.file.Path;
import java.util.Optional;
import org.noduletrack.archive.LibraryLocation;
import picocli.CommandLine.Option;

/** The {@code --library DIR} option shared by the library commands (default: $NODULETRACK_LIBRARY, else per OS). */
public final class LibraryOption {
    @Option(names = "--library", paramLabel = "DIR",
            description = "library folder (default: $NODULETRACK_LIBRARY, else the OS data folder, e.g. ~/.local/share/noduletrack/library)")
    Path library;

    public Path resolve() {
        return LibraryLocation.resolve(Optional.ofNullable(library));
    }
}
