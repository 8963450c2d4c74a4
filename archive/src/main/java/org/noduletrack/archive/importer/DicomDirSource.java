package org.noduletrack.archive.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.noduletrack.dicom.dicomdir.DicomDirectory;
import org.noduletrack.dicom.dicomdir.DirectoryRecord;
import org.noduletrack.dicom.dicomdir.MediaFileResolver;

/**
 * A medium with a DICOMDIR: the files it references first (names resolved case-insensitively, ISO 9660 version
 * suffixes ignored), then any other file on the medium, so files the directory forgot are still imported and viewer
 * or autorun files are reported as skipped. References to missing files are reported as dangling.
 */
final class DicomDirSource implements ImportSource {
    private final Path root;
    private final List<Path> referenced;
    private final List<String> dangling;
    private final List<String> notes;
    private final FolderSource rest;

    DicomDirSource(Path root, Path dicomdirFile, DicomDirectory dir, List<String> notes) {
        this.root = root;
        MediaFileResolver resolver = new MediaFileResolver(root);
        Set<Path> refs = new LinkedHashSet<>();
        List<String> missing = new ArrayList<>();
        for (DirectoryRecord r : dir.fileRecords().toList()) {
            var resolved = resolver.resolve(r);
            if (resolved.isPresent()) {
                refs.add(resolved.get().toAbsolutePath().normalize());
            } else {
                missing.add(r.referencedFileId().orElse("?"));
            }
        }
        this.referenced = List.copyOf(refs);
        this.dangling = List.copyOf(missing);
        this.notes = new ArrayList<>(notes);
        if (!dir.issues().isEmpty()) {
            this.notes.add("DICOMDIR repaired while reading: " + dir.issues().size() + " issue(s), e.g. "
                    + dir.issues().getFirst().message());
        }
        if (!missing.isEmpty()) {
            this.notes.add(missing.size() + " file(s) referenced by the DICOMDIR are missing from the medium");
        }
        Set<Path> exclude = new java.util.HashSet<>(refs);
        exclude.add(dicomdirFile.toAbsolutePath().normalize());
        this.rest = new FolderSource(root, exclude, List.of());
    }

    @Override
    public String description() { return root.toString(); }

    @Override
    public String kind() { return "DICOMDIR"; }

    @Override
    public long[] countFilesAndBytes() throws IOException {
        long[] r = rest.countFilesAndBytes();
        long bytes = r[1];
        for (Path p : referenced) {
            try {
                bytes += Files.size(p);
            } catch (IOException e) {
                // reported when imported
            }
        }
        return new long[] {r[0] + referenced.size(), bytes};
    }

    @Override
    public Iterator<SourceEntry> entries() {
        Iterator<Path> refs = referenced.iterator();
        Iterator<SourceEntry> others = rest.entries();
        return new Iterator<>() {
            @Override
            public boolean hasNext() { return refs.hasNext() || others.hasNext(); }

            @Override
            public SourceEntry next() {
                return refs.hasNext() ? FolderSource.entry(root, refs.next()) : others.next();
            }
        };
    }

    /** Number of files the DICOMDIR references that were found. */
    int referencedFiles() { return referenced.size(); }

    @Override
    public List<String> notes() {
        List<String> all = new ArrayList<>(notes);
        all.addAll(rest.notes());
        return all;
    }

    @Override
    public List<String> danglingReferences() { return dangling; }

    @Override
    public void close() {
    }
}
