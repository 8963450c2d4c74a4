package org.noduletrack.archive.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.importer.ImportListener;
import org.noduletrack.archive.importer.ImportOptions;
import org.noduletrack.archive.importer.ImportReport;
import org.noduletrack.archive.testing.LibraryInvariants;
import org.noduletrack.archive.testing.SharedData;

/**
 * kill -9 at random moments of import and delete (a child JVM loops over both), then reopen: no half-indexed
 * instance, no row without its file, no file without its row; finally re-running the import completes it.
 */
class CrashSafetyTest {
    private static final int KILLS = 15;

    @TempDir
    Path tmp;

    @Test
    void killNineAtRandomPointsLeavesAConsistentLibrary() throws Exception {
        Path source = SharedData.file("lidc-idri-0001");
        Path library = tmp.resolve("lib");
        Random random = new Random(4);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
        int kills = 0;
        int sawInstances = 0;
        while (kills < KILLS && System.nanoTime() < deadline) {
            Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp",
                    System.getProperty("java.class.path"), CrashChild.class.getName(), library.toString(), source.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            if (random.nextInt(4) == 0) {
                Thread.sleep(random.nextInt(600)); // sometimes during start-up and recovery
            } else {
                awaitReady(child.getInputStream());
                Thread.sleep(random.nextInt(1500));
            }
            child.destroyForcibly(); // SIGKILL on Unix
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            kills++;
            sawInstances += checkConsistent(library);
        }
        assertThat(kills).isGreaterThanOrEqualTo(10);
        try (Library lib = Library.open(library)) {
            ImportReport r = lib.importer(ImportOptions.defaults()).importPaths(List.of(source), ImportListener.NONE,
                    new CancelToken());
            assertThat(r.failed()).isZero();
            assertThat(lib.store().instanceCount()).isEqualTo(133);
            assertThat(lib.verify(false).consistent()).isTrue();
        }
        System.err.println("crash test: " + kills + " kills, instances seen after kills (sum): " + sawInstances);
    }

    private static void awaitReady(InputStream out) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null && !line.equals("ready")) {
            // wait
        }
    }

    /** Reopens (which runs recovery) and checks every invariant; returns the number of instances held. */
    private static int checkConsistent(Path library) throws Exception {
        if (!Files.exists(library.resolve(Library.DATABASE_FILE))) {
            return 0;
        }
        try (Library lib = Library.open(library)) {
            return LibraryInvariants.assertConsistent(lib, false);
        }
    }
}
