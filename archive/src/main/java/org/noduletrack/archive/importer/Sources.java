package org.noduletrack.archive.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.dicom.dicomdir.DicomDirReader;
import org.noduletrack.dicom.dicomdir.DicomDirectory;
import org.noduletrack.dicom.dicomdir.MediaFileResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens what the user pointed at: a zip file, a single file, a medium with a DICOMDIR at its root (any case, ISO 9660
 * ";1" suffix), or a plain folder. A DICOMDIR that cannot be read or lists no files falls back to scanning the folder.
 */
public final class Sources {
    private static final Logger LOG = LoggerFactory.getLogger(Sources.class);

    private final DicomDirReader dicomDirReader = new DicomDirReader();

    public ImportSource open(Path path) throws ArchiveException {
        Path p = path.toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            throw new ArchiveException(ArchiveException.Reason.NOT_FOUND, "no such file or folder: " + path);
        }
        if (!Files.isReadable(p)) {
            throw new ArchiveException(ArchiveException.Reason.PERMISSION, "cannot read " + path + ": permission denied");
        }
        try {
            if (Files.isRegularFile(p)) {
                if (isDicomDirName(p)) {
                    // the user (or a file association) pointed at the DICOMDIR itself: import the medium it describes
                    return medium(p.getParent(), Optional.of(p));
                }
                return isZip(p) ? new ZipSource(p) : new FolderSource(p, java.util.Set.of(), List.of());
            }
            return medium(p, new MediaFileResolver(p).resolve(List.of("DICOMDIR")));
        } catch (IOException e) {
            throw new ArchiveException(ArchiveException.Reason.IO, "cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    private ImportSource medium(Path root, Optional<Path> dicomdir) throws IOException {
        if (dicomdir.isEmpty()) {
            return new FolderSource(root, java.util.Set.of(), List.of());
        }
        try {
            DicomDirectory dir = dicomDirReader.read(dicomdir.get());
            if (dir.fileRecords().findAny().isEmpty()) {
                return new FolderSource(root, java.util.Set.of(),
                        List.of("the DICOMDIR lists no files; the medium was scanned instead"));
            }
            return new DicomDirSource(root, dicomdir.get(), dir, List.of());
        } catch (IOException | RuntimeException e) {
            LOG.debug("unusable DICOMDIR on {}: {}", root, e.toString());
            return new FolderSource(root, java.util.Set.of(),
                    List.of("the DICOMDIR cannot be read (" + e.getMessage() + "); the medium was scanned instead"));
        }
    }

    /** DICOMDIR in any case, with the ISO 9660 version suffix or a bare dot some burners add. */
    public static boolean isDicomDirName(Path p) {
        String n = p.getFileName().toString();
        return n.equalsIgnoreCase("DICOMDIR") || n.equalsIgnoreCase("DICOMDIR;1") || n.equalsIgnoreCase("DICOMDIR.");
    }

    static boolean isZip(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            byte[] b = in.readNBytes(4);
            return b.length == 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 || b[2] == 5) && (b[3] == 4 || b[3] == 6);
        }
    }
}
