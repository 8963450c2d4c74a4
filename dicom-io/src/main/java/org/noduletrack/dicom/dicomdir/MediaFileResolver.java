package org.noduletrack.dicom.dicomdir;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the files a DICOMDIR references on real media. Names are matched case-insensitively and ignoring an ISO 9660
 * version suffix (";1") and a trailing dot, since CD/DVD mastering and mounting change both while the DICOMDIR keeps
 * the original spelling. An exact match wins over a folded one. Each directory is listed once and cached, so resolving
 * every file of a large DVD costs one listing per folder.
 *
 * <p>Components that could leave the media root ("..", separators) never match: a DICOMDIR from foreign media is
 * untrusted input. Thread-safe.
 */
public final class MediaFileResolver {
    private static final Logger LOG = LoggerFactory.getLogger(MediaFileResolver.class);
    private static final Pattern VERSION_SUFFIX = Pattern.compile(";\\d*$");

    private final Path root;
    private final Map<Path, Listing> listings = new ConcurrentHashMap<>();

    public MediaFileResolver(Path mediaRoot) {
        this.root = mediaRoot.toAbsolutePath().normalize();
    }

    public Path root() { return root; }

    /** The file a record references, if it references one and it exists. */
    public Optional<Path> resolve(DirectoryRecord record) {
        List<String> components = record.fileIdComponents();
        return components.isEmpty() ? Optional.empty() : resolve(components);
    }

    /** Resolves a File ID as written in (0004,1500), components separated by backslash. */
    public Optional<Path> resolve(String fileId) {
        return resolve(List.of(fileId.split("\\\\", -1)));
    }

    /** Resolves File ID components to an existing regular file below the media root. */
    public Optional<Path> resolve(List<String> components) {
        if (components.isEmpty()) {
            return Optional.empty();
        }
        Path dir = root;
        for (int i = 0; i < components.size(); i++) {
            String name = components.get(i).strip();
            if (!isPlainName(name)) {
                LOG.debug("File ID component '{}' rejected", name);
                return Optional.empty();
            }
            Entry e = listing(dir).find(name);
            boolean last = i == components.size() - 1;
            if (e == null || e.directory() == last) {
                return Optional.empty();
            }
            dir = e.path();
        }
        return Optional.of(dir);
    }

    /** The records of {@code directory} whose referenced file cannot be found on the media. */
    public List<DirectoryRecord> danglingReferences(DicomDirectory directory) {
        return directory.fileRecords().filter(r -> resolve(r).isEmpty()).toList();
    }

    private static boolean isPlainName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
    }

    /** The name as it compares on ISO 9660 media: upper case, without ";version" and trailing dots. */
    static String fold(String name) {
        String n = VERSION_SUFFIX.matcher(name).replaceFirst("");
        int end = n.length();
        while (end > 0 && n.charAt(end - 1) == '.') {
            end--;
        }
        return n.substring(0, end).toUpperCase(Locale.ROOT);
    }

    private Listing listing(Path dir) {
        return listings.computeIfAbsent(dir, MediaFileResolver::list);
    }

    private static Listing list(Path dir) {
        Map<String, Entry> exact = new HashMap<>();
        Map<String, Entry> folded = new HashMap<>();
        if (!Files.isDirectory(dir)) {
            return new Listing(Map.of(), Map.of());
        }
        try {
            Files.walkFileTree(dir, EnumSet.noneOf(java.nio.file.FileVisitOption.class), 1, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString();
                    Entry e = new Entry(file, attrs.isDirectory());
                    exact.put(name, e);
                    // Two names that fold alike (possible on case-sensitive disks): keep the smaller, for determinism.
                    folded.merge(fold(name), e, (a, b) -> a.path().compareTo(b.path()) <= 0 ? a : b);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    LOG.debug("cannot read {}: {}", file, e.toString());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.debug("cannot list {}: {}", dir, e.toString());
        }
        return new Listing(Map.copyOf(exact), Map.copyOf(folded));
    }

    private record Entry(Path path, boolean directory) {}

    private record Listing(Map<String, Entry> exact, Map<String, Entry> folded) {
        Entry find(String name) {
            Entry e = exact.get(name);
            return e != null ? e : folded.get(fold(name));
        }
    }
}
