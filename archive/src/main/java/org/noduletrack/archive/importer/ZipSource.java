package org.noduletrack.archive.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Every file entry of a zip archive, read in place (entries are streamed, never extracted to disk first). */
final class ZipSource implements ImportSource {
    private final Path path;
    private final ZipFile zip;

    ZipSource(Path path) throws IOException {
        this.path = path;
        this.zip = new ZipFile(path.toFile());
    }

    @Override
    public String description() { return path.toString(); }

    @Override
    public String kind() { return "zip"; }

    @Override
    public long[] countFilesAndBytes() {
        long files = 0, bytes = 0;
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            ZipEntry z = e.nextElement();
            if (!z.isDirectory()) {
                files++;
                bytes += Math.max(0, z.getSize());
            }
        }
        return new long[] {files, bytes};
    }

    @Override
    public Iterator<SourceEntry> entries() {
        Iterator<? extends ZipEntry> all = Collections.list(zip.entries()).stream().filter(z -> !z.isDirectory()).iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() { return all.hasNext(); }

            @Override
            public SourceEntry next() {
                ZipEntry z = all.next();
                return new SourceEntry(z.getName(), z.getSize(), Optional.empty(), () -> zip.getInputStream(z));
            }
        };
    }

    @Override
    public List<String> notes() { return List.of(); }

    @Override
    public List<String> danglingReferences() { return List.of(); }

    @Override
    public void close() throws IOException {
        zip.close();
    }
}
