package org.noduletrack.archive.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.VerifyResult;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.importer.ImportListener;
import org.noduletrack.archive.importer.ImportOptions;
import org.noduletrack.archive.importer.ImportReport;
import org.noduletrack.archive.index.InstanceRecord;
import org.noduletrack.archive.index.SeriesRecord;
import org.noduletrack.archive.testing.SharedData;

/**
 * A real full disk: the library lives on a small tmpfs (mounted by the test, which needs root, as CI has) that the
 * 70 MB LIDC series cannot fit into. The import must stop with a message naming the cause, and the library must stay
 * consistent — every row has its complete file, no file without a row, nothing left in tmp/ or incoming/. After the
 * disk grows, the same import completes without re-copying what is already there.
 */
class DiskFullTest {
    @TempDir
    Path tmp;

    private Path mountPoint;

    @Test
    void importOntoAFullDiskStopsCleanlyAndResumesWhenSpaceIsFreed() throws Exception {
        Path source = SharedData.file("lidc-idri-0001");
        mountPoint = tmp.resolve("small-disk");
        Files.createDirectories(mountPoint);
        mountTmpfs("size=24m");
        Path library = mountPoint.resolve("lib");

        int firstCount;
        try (Library lib = Library.open(library)) {
            ImportReport r;
            try {
                // small batches, so that some commit before the disk fills and the resume has something to skip
                r = lib.importer(new ImportOptions(2, 16)).importPaths(List.of(source), ImportListener.NONE,
                        new CancelToken());
            } catch (ArchiveException e) {
                r = null;
                assertThat(messageChain(e)).as("the error names the cause").containsIgnoringCase("space");
                System.err.println("disk full: import stopped with: " + messageChain(e));
            }
            if (r != null) {
                assertThat(r.imported()).as("70 MB cannot fit on 24 MB").isLessThan(133);
                String why = r.error().orElse("") + " " + r.failedFiles();
                assertThat(why).as("the report names the cause").containsIgnoringCase("space");
                System.err.println("disk full: " + r.imported() + " imported, report says: " + why);
            }
            firstCount = assertConsistent(lib);
        }
        assertThat(firstCount).isLessThan(133);

        // reopening on the still-full disk runs recovery and must not fail or lose anything
        try (Library lib = Library.open(library)) {
            assertThat(assertConsistent(lib)).isEqualTo(firstCount);
        }

        remountTmpfs("size=256m");
        try (Library lib = Library.open(library)) {
            ImportReport r = lib.importer(ImportOptions.defaults()).importPaths(List.of(source), ImportListener.NONE,
                    new CancelToken());
            assertThat(r.failed()).isZero();
            assertThat(r.imported()).isEqualTo(133 - firstCount);
            assertThat(r.duplicates()).isEqualTo(firstCount);
            assertThat(assertConsistent(lib)).isEqualTo(133);
        }
    }

    @AfterEach
    void unmount() throws Exception {
        if (mountPoint != null && Files.isDirectory(mountPoint)) {
            run("umount", "-l", mountPoint.toString());
        }
    }

    /** Every row's file is complete (SHA-256 of its bytes is its name), no stray files; returns the instances held. */
    private static int assertConsistent(Library lib) throws Exception {
        VerifyResult v = lib.verify(false);
        assertThat(v.orphanFiles()).as("files without rows").isEmpty();
        assertThat(v.missingFiles()).as("rows without files").isEmpty();
        assertThat(lib.files().list(lib.files().tmpDir())).isEmpty();
        assertThat(lib.files().list(lib.files().incomingDir())).isEmpty();
        int n = 0;
        var sha = java.security.MessageDigest.getInstance("SHA-256");
        for (SeriesRecord s : lib.store().series()) {
            for (InstanceRecord i : lib.store().instances(s.uid())) {
                byte[] bytes = Files.readAllBytes(lib.file(i.filePath()));
                assertThat((long) bytes.length).isEqualTo(i.size());
                String hex = HexFormat.of().formatHex(sha.digest(bytes));
                assertThat(i.filePath()).contains(hex);
                n++;
            }
        }
        assertThat((long) n).isEqualTo(lib.store().instanceCount());
        return n;
    }

    private void mountTmpfs(String options) throws Exception {
        int rc = run("mount", "-t", "tmpfs", "-o", options, "tmpfs", mountPoint.toString());
        if (rc != 0) {
            mountPoint = null;
            Assumptions.abort("cannot mount a small tmpfs here (needs root / CAP_SYS_ADMIN); disk-full test skipped");
        }
    }

    private void remountTmpfs(String options) throws Exception {
        assertThat(run("mount", "-o", "remount," + options, mountPoint.toString())).isZero();
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static String messageChain(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c.getMessage()).append(" | ");
        }
        return b.toString();
    }
}
