package org.noduletrack.archive.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One file of an import source.
 *
 * @param name  how the report names it (path relative to the source, or zip entry name)
 * @param size  bytes, -1 if unknown
 * @param file  the file itself when the source is a file system (read in place, never written)
 */
public record SourceEntry(String name, long size, Optional<Path> file, Opener opener) {
    /** Opens the content for reading; may be called more than once. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public InputStream open() throws IOException { return opener.open(); }
}
