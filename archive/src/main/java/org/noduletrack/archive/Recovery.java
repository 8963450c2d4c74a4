package org.noduletrack.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.noduletrack.archive.index.Database;
import org.noduletrack.archive.index.SqliteArchiveStore;
import org.noduletrack.archive.store.FileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the file store back in line with the committed index after a crash: runs when a library is opened, before
 * anything else touches it. See {@link FileStore} for the protocol it completes.
 */
final class Recovery {
    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    /** What the start-up recovery did. */
    record Result(int partialCopiesDeleted, int uncommittedDeleted, int committedFiled, int pendingDeletes) {
        boolean anything() { return partialCopiesDeleted + uncommittedDeleted + committedFiled + pendingDeletes > 0; }
    }

    private final FileStore files;
    private final SqliteArchiveStore store;

    Recovery(FileStore files, SqliteArchiveStore store) {
        this.files = files;
        this.store = store;
    }

    Result run() throws ArchiveException {
        int partial = 0;
        for (Path p : files.list(files.tmpDir())) {
            FileStore.deleteQuietly(p);
            partial++;
        }
        int uncommitted = 0;
        int filed = 0;
        Set<Path> touched = new HashSet<>();
        for (Path p : files.list(files.incomingDir())) {
            String sha = p.getFileName().toString();
            List<String> paths = store.pathsForContent(sha);
            if (paths.isEmpty()) {
                // its rows never committed: the import did not happen for this file; re-running it copies it again
                FileStore.deleteQuietly(p);
                uncommitted++;
                continue;
            }
            Path target = files.resolve(paths.getFirst());
            if (Files.exists(target)) {
                FileStore.deleteQuietly(p);
            } else {
                files.promote(sha, paths.getFirst(), touched);
                filed++;
            }
        }
        files.fsyncDirectories(touched);
        int deletes = store.finishPendingDeletes();
        Result r = new Result(partial, uncommitted, filed, deletes);
        if (r.anything()) {
            LOG.info("library recovery: {} partial copies and {} uncommitted copies removed, {} committed copies filed,"
                    + " {} pending deletions finished", partial, uncommitted, filed, deletes);
        }
        return r;
    }

    /** Full consistency check of files against rows: every row has its file, every file has its row. */
    static VerifyResult verify(FileStore files, Database db, boolean repair) throws ArchiveException {
        Set<String> rows = new HashSet<>(db.read("reading file paths", c -> {
            List<String> out = new java.util.ArrayList<>();
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT file_path FROM instance UNION ALL"
                    + " SELECT file_path FROM conflict UNION ALL SELECT file_path FROM report WHERE file_path IS NOT NULL")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }));
        Set<String> onDisk = new HashSet<>();
        for (String dir : List.of("store", "quarantine", "reports", "tmp", "incoming")) {
            Path d = files.root().resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> s = Files.walk(d)) {
                s.filter(Files::isRegularFile).forEach(p -> onDisk.add(files.root().relativize(p).toString().replace('\\', '/')));
            } catch (IOException e) {
                throw ArchiveException.storage("cannot list the file store", e);
            }
        }
        List<String> orphans = onDisk.stream().filter(p -> !rows.contains(p)).sorted().toList();
        List<String> missing = rows.stream().filter(p -> !onDisk.contains(p)).sorted().toList();
        if (repair) {
            for (String o : orphans) {
                files.delete(o);
            }
        }
        return new VerifyResult(rows.size(), onDisk.size(), orphans, missing);
    }
}
