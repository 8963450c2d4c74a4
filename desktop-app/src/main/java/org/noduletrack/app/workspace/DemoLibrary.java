package org.noduletrack.app.workspace;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import org.noduletrack.archive.Library;
import org.noduletrack.samples.SampleCatalog;
import org.noduletrack.samples.generator.DemoPatientGenerator;
import org.noduletrack.samples.generator.GeneratedPatient;

/**
 * The demo library's content: a generated patient with three timepoints (baseline and two follow-ups of the bundled CT
 * with growing nodules) and the bundled real LIDC-IDRI-0001 case. Made once per library: a marker file records it.
 */
public final class DemoLibrary {
    public static final String MARKER = ".demo-created";
    /** Patient ID prefix of the generated demo patient (see DemoPatientGenerator). */
    public static final String PATIENT_ID_PREFIX = "NTDEMO-";
    /** Present while the demo import runs: a start after an interrupted one tries again. */
    public static final String PENDING = ".demo-pending";
    public static final long SEED = 20260101L;
    public static final int TIMEPOINTS = 3;

    private DemoLibrary() {}

    /** True when no library exists at {@code root} yet, or its demo import was interrupted (so make the demo one). */
    public static boolean isNew(Path root) {
        return !Files.exists(root.resolve(Library.DATABASE_FILE)) || Files.exists(root.resolve(PENDING));
    }

    public static void markPending(Path root) throws IOException {
        Files.writeString(root.resolve(PENDING), "demo import started\n");
    }

    public static boolean created(Path root) {
        return Files.exists(root.resolve(MARKER));
    }

    /** Writes the demo DICOM under {@code workDir}; returns the folders to import. */
    public static List<Path> writeSources(Path workDir) throws IOException {
        Files.createDirectories(workDir);
        GeneratedPatient patient = DemoPatientGenerator.fromBundledSample().generate(workDir.resolve("generated"), SEED,
                TIMEPOINTS);
        Path lidc = workDir.resolve(SampleCatalog.LIDC_0001);
        SampleCatalog.bundled().extract(SampleCatalog.LIDC_0001, lidc);
        return List.of(patient.directory(), lidc);
    }

    public static void markCreated(Path root) throws IOException {
        Files.writeString(root.resolve(MARKER), "demo library created by noduletrack\n");
        Files.deleteIfExists(root.resolve(PENDING));
    }

    /** Deletes a work folder (best effort). */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }
}
