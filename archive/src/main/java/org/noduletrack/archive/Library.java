package org.noduletrack.archive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import org.noduletrack.archive.casefolder.CaseFolders;
import org.noduletrack.archive.importer.ImportOptions;
import org.noduletrack.archive.importer.Importer;
import org.noduletrack.archive.index.AuditLog;
import org.noduletrack.archive.index.Database;
import org.noduletrack.archive.index.SqliteArchiveStore;
import org.noduletrack.archive.store.FileStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open library: the SQLite index ({@code library.db}), the managed file store, the case folders and the audit
 * log, wired together. Opening takes an exclusive lock on the directory (one process at a time) and runs the crash
 * recovery before returning. Not a singleton: the composition root opens one and passes it on.
 */
public final class Library implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Library.class);
    public static final String DATABASE_FILE = "library.db";

    private final Path root;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Database db;
    private final FileStore files;
    private final AuditLog audit;
    private final SqliteArchiveStore store;
    private final CaseFolders caseFolders;

    private Library(Path root, FileChannel lockChannel, FileLock lock, Database db, FileStore files, AuditLog audit) {
        this.root = root;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.db = db;
        this.files = files;
        this.audit = audit;
        this.store = new SqliteArchiveStore(db, files, audit);
        this.caseFolders = new CaseFolders(db, files, audit, store);
    }

    /** Opens (creating if needed) the library in {@code root} for this OS user with the system clock. */
    public static Library open(Path root) throws ArchiveException {
        return open(root, System.getProperty("user.name", "unknown"), Clock.systemUTC());
    }

    public static Library open(Path root, String osUser, Clock clock) throws ArchiveException {
        Path dir = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw ArchiveException.storage("cannot create the library directory " + dir, e);
        }
        FileChannel ch = null;
        FileLock lock;
        try {
            ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        } catch (IOException e) {
            closeQuietly(ch);
            throw ArchiveException.storage("cannot lock the library " + dir, e);
        }
        if (lock == null) {
            closeQuietly(ch);
            throw new ArchiveException(ArchiveException.Reason.LOCKED, "the library " + dir
                    + " is in use by another NoduleTrack process");
        }
        Database db = null;
        try {
            FileStore files = new FileStore(dir);
            db = Database.open(dir.resolve(DATABASE_FILE));
            Library lib = new Library(dir, ch, lock, db, files, new AuditLog(db, osUser, clock));
            Recovery.Result r = new Recovery(files, lib.store).run();
            if (r.anything()) {
                lib.audit.record(AuditLog.Action.RECOVER, dir.getFileName().toString(), r.toString());
            }
            return lib;
        } catch (ArchiveException | RuntimeException e) {
            if (db != null) {
                try {
                    db.close();
                } catch (ArchiveException ignored) {
                    // already failing
                }
            }
            releaseQuietly(lock);
            closeQuietly(ch);
            throw e;
        }
    }

    public Path root() { return root; }

    public ArchiveStore store() { return store; }

    public FileStore files() { return files; }

    public AuditLog audit() { return audit; }

    public CaseFolders caseFolders() { return caseFolders; }

    /** An importer into this library. */
    public Importer importer(ImportOptions options) {
        return new Importer(store, files, options);
    }

    /** Full check of files against rows; with {@code repair}, files no row names are deleted. */
    public VerifyResult verify(boolean repair) throws ArchiveException {
        return Recovery.verify(files, db, repair);
    }

    /** Absolute path of a stored file (relative paths come from the index records). */
    public Path file(String relativePath) {
        return files.resolve(relativePath);
    }

    @Override
    public void close() throws ArchiveException {
        try {
            db.close();
        } finally {
            releaseQuietly(lock);
            closeQuietly(lockChannel);
            LOG.debug("closed library {}", root);
        }
    }

    private static void releaseQuietly(FileLock lock) {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            LOG.debug("releasing the library lock: {}", e.toString());
        }
    }

    private static void closeQuietly(FileChannel ch) {
        try {
            if (ch != null) {
                ch.close();
            }
        } catch (IOException e) {
            LOG.debug("closing the library lock: {}", e.toString());
        }
    }
}
