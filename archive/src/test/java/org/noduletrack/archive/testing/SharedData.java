package org.noduletrack.archive.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** The read-only real test data in ../shared/data (see its README); pattern copied from dicom-io's tests. */
public final class SharedData {
    private SharedData() {}

    public static Path root() {
        String prop = System.getProperty("noduletrack.shared.data");
        Path p = prop != null ? Path.of(prop) : Path.of("../../shared/data");
        Assumptions.assumeTrue(Files.isDirectory(p), "shared test data not found at " + p.toAbsolutePath());
        return p.normalize();
    }

    public static Path file(String relative) {
        Path p = root().resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "missing " + p);
        return p;
    }

    /** Copies a tree (files become writable copies; the shared data stays untouched). */
    public static void copyTree(Path from, Path to) {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    target.toFile().setWritable(true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
