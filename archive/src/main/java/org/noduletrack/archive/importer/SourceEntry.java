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
 * @param spooled {@code file} is a complete download the source wrote into the store's {@code tmp/}: the importer takes
 *                it over (files it without another copy, or deletes it when it is not imported)
 */
public record SourceEntry(String name, long size, Optional<Path> file, Opener opener, boolean spooled) {
    public SourceEntry(String name, long size, Optional<Path> file, Opener opener) {
        this(name, size, file, opener, false);
    }

    public SourceEntry {
        if (spooled && file.isEmpty()) {
            throw new IllegalArgumentException("a spooled entry needs its file");
        }
    }

    /** Opens the content for reading; may be called more than once. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    public InputStream open() throws IOException { return opener.open(); }
}
