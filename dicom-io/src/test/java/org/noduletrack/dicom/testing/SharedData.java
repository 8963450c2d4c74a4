package org.noduletrack.dicom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/** The read-only real test data in ../shared/data (see its README). */
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

    /** Every DICOM file of the shared data: everything except the documentation and licence files and the LIDC XML. */
    public static List<Path> allDicomFiles() {
        try (Stream<Path> s = Files.walk(root())) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> !isDocumentation(p.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isDocumentation(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.endsWith(".md") || n.endsWith(".txt") || n.endsWith(".xml") || n.equals("license") || n.equals("readme")
                || n.equals("attribution");
    }
}
