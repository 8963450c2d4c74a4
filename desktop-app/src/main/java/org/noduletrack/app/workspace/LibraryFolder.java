package org.noduletrack.app.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.Library;

/** A folder the user proposes for the library: whether the workstation can keep its library there. Blocking IO. */
public record LibraryFolder(Path path) {
    /** What the folder is. */
    public enum State {
        /** A NoduleTrack library. */
        LIBRARY,
        /** An empty folder: a new library goes there. */
        EMPTY,
        /** No such folder yet, but it can be created: a new library goes there. */
        NEW,
        /** A file, not a folder. */
        IS_A_FILE,
        /** Read-only, or no permission to write. */
        NOT_WRITABLE,
        /** A folder with other things in it: a library would be mixed into them. */
        NOT_EMPTY;

        /** Whether the library can move there. */
        public boolean usable() { return this == LIBRARY || this == EMPTY || this == NEW; }
    }

    public LibraryFolder {
        path = path.toAbsolutePath().normalize();
    }

    /** Looks at the disk (call off the FX thread). */
    public State inspect() {
        if (Files.isRegularFile(path)) {
            return State.IS_A_FILE;
        }
        if (Files.isDirectory(path)) {
            if (!writable(path)) {
                return State.NOT_WRITABLE;
            }
            if (Files.isRegularFile(path.resolve(Library.DATABASE_FILE))) {
                return State.LIBRARY;
            }
            try (Stream<Path> s = Files.list(path)) {
                return s.findAny().isEmpty() ? State.EMPTY : State.NOT_EMPTY;
            } catch (IOException e) {
                return State.NOT_WRITABLE;
            }
        }
        // a new folder: the nearest existing ancestor must be a folder we can write in
        Path p = path.getParent();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return State.NOT_WRITABLE;
        }
        if (!Files.isDirectory(p)) {
            return State.IS_A_FILE;
        }
        return writable(p) ? State.NEW : State.NOT_WRITABLE;
    }

    /** Creates the library there, or checks that the existing one opens (call off the FX thread). */
    public void create() throws ArchiveException {
        Library.open(path).close();
    }

    /** Writes a file, as the permission bits alone miss read-only mounts and ACLs. */
    private static boolean writable(Path dir) {
        if (!Files.isWritable(dir)) {
            return false;
        }
        try {
            Files.delete(Files.createTempFile(dir, ".noduletrack-write-check", ".tmp"));
            return true;
        } catch (IOException | SecurityException e) {
            return false;
        }
    }
}
