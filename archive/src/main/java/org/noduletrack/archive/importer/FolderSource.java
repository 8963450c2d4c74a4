package org.noduletrack.archive.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Every regular file below a folder (recursive), optionally except some already taken from a DICOMDIR. */
final class FolderSource implements ImportSource {
    private final Path root;
    private final Set<Path> exclude;
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    FolderSource(Path root, Set<Path> exclude, List<String> notes) {
        this.root = root;
        this.exclude = exclude;
        this.notes.addAll(notes);
    }

    @Override
    public String description() { return root.toString(); }

    @Override
    public String kind() { return Files.isDirectory(root) ? "folder" : "file"; }

    @Override
    public long[] countFilesAndBytes() {
        long files = 0, bytes = 0;
        for (Iterator<Path> it = walk(s -> { }); it.hasNext(); ) {
            Path p = it.next();
            if (exclude.contains(p)) {
                continue;
            }
            files++;
            try {
                bytes += Files.size(p);
            } catch (IOException e) {
                // counted again (and reported) when it is imported
            }
        }
        return new long[] {files, bytes};
    }

    private Iterator<Path> walk(java.util.function.Consumer<String> problems) {
        if (Files.isRegularFile(root)) {
            return List.of(root).iterator();
        }
        return new FolderWalker(root, problems);
    }

    @Override
    public Iterator<SourceEntry> entries() {
        Iterator<Path> files = walk(notes::add);
        return new Iterator<>() {
            Path next;

            @Override
            public boolean hasNext() {
                while (next == null && files.hasNext()) {
                    Path p = files.next();
                    if (!exclude.contains(p)) {
                        next = p;
                    }
                }
                return next != null;
            }

            @Override
            public SourceEntry next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                Path p = next;
                next = null;
                return entry(root, p);
            }
        };
    }

    static SourceEntry entry(Path root, Path p) {
        long size;
        try {
            size = Files.size(p);
        } catch (IOException e) {
            size = -1;
        }
        Path base = Files.isDirectory(root) ? root : root.getParent();
        String name = base == null ? p.toString() : base.relativize(p).toString();
        return new SourceEntry(name, size, Optional.of(p), () -> Files.newInputStream(p));
    }

    @Override
    public List<String> notes() {
        synchronized (notes) {
            return List.copyOf(notes);
        }
    }

    @Override
    public List<String> danglingReferences() { return List.of(); }

    @Override
    public void close() {
    }
}
