package org.noduletrack.app.followup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.noduletrack.app.workspace.DemoLibrary;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.importer.ImportListener;
import org.noduletrack.archive.importer.ImportOptions;
import org.noduletrack.archive.importer.ImportReport;
import org.noduletrack.samples.generator.DemoPatientGenerator;
import org.noduletrack.samples.generator.GeneratedPatient;

/**
 * The demo patient (the workstation demo's seed, three timepoints) generated once per test JVM and imported into a real
 * library (SQLite file and file store) in a temporary folder. The library is closed between uses: tests open it.
 */
final class DemoPatientLibrary {
    private static DemoPatientLibrary instance;

    final GeneratedPatient patient;
    final Path libraryRoot;

    private DemoPatientLibrary() throws Exception {
        Path dir = Files.createTempDirectory("followup-demo");
        patient = DemoPatientGenerator.fromBundledSample().generate(dir.resolve("generated"), DemoLibrary.SEED,
                DemoLibrary.TIMEPOINTS);
        libraryRoot = dir.resolve("library");
        try (Library lib = Library.open(libraryRoot)) {
            ImportReport r = lib.importer(ImportOptions.defaults()).importPaths(List.of(patient.directory()),
                    ImportListener.NONE, new CancelToken());
            if (r.imported() == 0) {
                throw new IOException("demo import failed: " + r);
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> DemoLibrary.deleteTree(dir)));
    }

    static synchronized DemoPatientLibrary get() throws Exception {
        if (instance == null) {
            instance = new DemoPatientLibrary();
        }
        return instance;
    }
}
