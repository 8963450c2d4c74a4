package org.noduletrack.archive.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.noduletrack.archive.ArchiveException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The managed file store: copies, never references to the source media. Content-addressed by SHA-256.
 *
 * <p>Layout under the library root: {@code store/<2 hex>/<sha256>.dcm} (indexed instances),
 * {@code quarantine/<sha256>.dcm} (same SOP Instance UID, different content), {@code reports/<sha256>.<ext>}
 * (attached report files), {@code tmp/} (copies in progress), {@code incoming/} (complete copies waiting for their
 * index rows to commit).
 *
 * <p>Crash-safety protocol (see {@link Recovery}): (1) copy into {@code tmp/} while hashing, fsync; (2) rename to
 * {@code incoming/<sha256>}, fsync the directory; (3) commit the index rows naming the final path; (4) rename to the
 * final path, fsync the directory. An import may defer the file fsync of (1) until after the rename of (2)
 * ({@link #stage(byte[], int, boolean)}, {@link #fsyncAsync}): what matters is that every copy of a batch and the
 * {@code incoming/} directory are durable before (3), and a copy in {@code incoming/} without committed rows is deleted
 * by recovery whatever its content. The fsyncs of a batch run in parallel ({@link #awaitDurable}), which lets the file
 * system group them into few journal commits. A crash leaves at worst files in {@code tmp/} (deleted at the next start) or in
 * {@code incoming/} (moved to their final place when a committed row names them, else deleted). Deletion runs the
 * other way: rows go and the file is journalled in {@code pending_delete} in one transaction, then the file is removed.
 *
 * <p>Thread-safe: staging runs on import workers; renames are done by the single import writer.
 */
public final class FileStore {
    private static final Logger LOG = LoggerFactory.getLogger(FileStore.class);
    private static final HexFormat HEX = HexFormat.of();
    private static final int BUFFER = 256 * 1024;
    /** Threads that only wait for fsync: the device, not the CPU, is the limit, and parallel fsyncs share journal commits. */
    private static final int SYNC_THREADS = 16;
    private static final AtomicInteger SYNC_THREAD_IDS = new AtomicInteger();

    /** Shared, lazily started pool of fsync waiters; idle threads end after a few seconds. */
    private static final class SyncPool {
        static final ThreadPoolExecutor POOL = create();

        private static ThreadPoolExecutor create() {
            ThreadPoolExecutor p = new ThreadPoolExecutor(SYNC_THREADS, SYNC_THREADS, 5, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, "store-fsync-" + SYNC_THREAD_IDS.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            p.allowCoreThreadTimeOut(true);
            return p;
        }
    }

    private final Path root;
    private final Path tmp;
    private final Path incoming;
    /** Folders known to exist (created or seen by this store): no mkdir on the filing path. */
    private final Set<Path> knownDirs = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public FileStore(Path libraryRoot) throws ArchiveException {
        this.root = libraryRoot.toAbsolutePath().normalize();
        this.tmp = root.resolve("tmp");
        this.incoming = root.resolve("incoming");
        Path store = root.resolve("store");
        try {
            boolean fresh = !Files.isDirectory(store);
            for (Path d : List.of(tmp, incoming, store, root.resolve("quarantine"), root.resolve("reports"))) {
                Files.createDirectories(d);
            }
            if (fresh) {
                // A new library gets its 256 fan-out folders at once (made durable together) rather than one mkdir per
                // folder in the middle of the first imports.
                for (int i = 0; i < 256; i++) {
                    Path d = store.resolve(HEX.toHexDigits((byte) i));
                    Files.createDirectories(d);
                    knownDirs.add(d);
                }
                fsyncDirectory(store);
                fsyncDirectory(root);
            }
        } catch (IOException e) {
            throw ArchiveException.storage("cannot create the file store in " + root, e);
        }
    }

    public Path root() { return root; }

    public Path tmpDir() { return tmp; }

    public Path incomingDir() { return incoming; }

    /** Relative path of an indexed instance file with this content. */
    public static String instancePath(String sha256) {
        return "store/" + sha256.substring(0, 2) + "/" + sha256 + ".dcm";
    }

    /** Relative path of a quarantined file (same UID, different content). */
    public static String quarantinePath(String sha256) {
        return "quarantine/" + sha256 + ".dcm";
    }

    /** Relative path of an attached report file. */
    public static String reportPath(String sha256, String extension) {
        return "reports/" + sha256 + "." + extension;
    }

    public Path resolve(String relativePath) {
        Path p = root.resolve(relativePath).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("path outside the library: " + relativePath);
        }
        return p;
    }

    /** Copies a stream into {@code tmp/} while hashing it, and fsyncs the copy. The stream is not closed. */
    public StagedFile stage(InputStream in) throws ArchiveException {
        return stage(in, true);
    }

    /** As {@link #stage(InputStream)}; without {@code fsync} the copy is durable against process crashes only. */
    public StagedFile stage(InputStream in, boolean fsync) throws ArchiveException {
        Path target = tmp.resolve(UUID.randomUUID() + ".part");
        MessageDigest sha = sha256();
        long size = 0;
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            byte[] buf = new byte[BUFFER];
            ByteBuffer bb = ByteBuffer.wrap(buf);
            int n;
            while ((n = in.read(buf)) > 0) {
                sha.update(buf, 0, n);
                bb.clear().limit(n);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
                size += n;
            }
            if (fsync) {
                ch.force(true);
            }
        } catch (IOException e) {
            deleteQuietly(target);
            throw ArchiveException.storage("cannot copy into the library", e);
        }
        return new StagedFile(target, size, HEX.formatHex(sha.digest()));
    }

    /**
     * Writes content already in memory into {@code tmp/}, hashing it on the way: one pass over bytes that the caller
     * read once (and parsed from). Without {@code fsync} the caller must make the copy durable before its rows commit
     * ({@link #fsyncAsync} after {@link #toIncoming}, then {@link #awaitDurable}).
     */
    public StagedFile stage(byte[] content, int length, boolean fsync) throws ArchiveException {
        Path target = tmp.resolve(UUID.randomUUID() + ".part");
        MessageDigest sha = sha256();
        sha.update(content, 0, length);
        try (FileChannel ch = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer bb = ByteBuffer.wrap(content, 0, length);
            while (bb.hasRemaining()) {
                ch.write(bb);
            }
            if (fsync) {
                ch.force(true);
            }
        } catch (IOException e) {
            deleteQuietly(target);
            throw ArchiveException.storage("cannot copy into the library", e);
        }
        return new StagedFile(target, length, HEX.formatHex(sha.digest()));
    }

    /**
     * Takes over a complete file that was written into {@code tmp/} by its producer (a download) as a staged copy,
     * without copying it again; {@code content} is the file's content, already read once for parsing.
     */
    public StagedFile adopt(Path spooled, byte[] content, int length) throws ArchiveException {
        return adopt(spooled, hash(content, length));
    }

    /** As {@link #adopt(Path, byte[], int)}, with the content's SHA-256 known. */
    public StagedFile adopt(Path spooled, String sha256) throws ArchiveException {
        Path p = spooled.toAbsolutePath().normalize();
        if (!tmp.equals(p.getParent())) {
            throw new IllegalArgumentException("only files in the store's tmp/ can be adopted: " + spooled);
        }
        try {
            return new StagedFile(p, Files.size(p), sha256);
        } catch (IOException e) {
            throw ArchiveException.storage("cannot take over a downloaded file", e);
        }
    }

    /** Starts the fsync of a file's content on the store's fsync pool; wait with {@link #awaitDurable}. */
    public Future<?> fsyncAsync(Path file) {
        return SyncPool.POOL.submit(() -> {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            return null;
        });
    }

    /** Waits for fsyncs started by {@link #fsyncAsync}; the first failure is thrown after all have finished. */
    public static void awaitDurable(List<Future<?>> syncs) throws ArchiveException {
        ArchiveException first = null;
        for (Future<?> f : syncs) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (first == null) {
                    first = ArchiveException.storage("interrupted while making copies durable",
                            new IOException("interrupted", e));
                }
            } catch (ExecutionException e) {
                if (first == null) {
                    Throwable c = e.getCause();
                    first = ArchiveException.storage("cannot make a copy durable",
                            c instanceof IOException io ? io : new IOException(c));
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** SHA-256 of content in memory. */
    public static String hash(byte[] content, int length) {
        MessageDigest sha = sha256();
        sha.update(content, 0, length);
        return HEX.formatHex(sha.digest());
    }

    /** SHA-256 of a stream's content, without writing anything. */
    public static String hash(InputStream in) throws IOException {
        MessageDigest sha = sha256();
        byte[] buf = new byte[BUFFER];
        int n;
        while ((n = in.read(buf)) > 0) {
            sha.update(buf, 0, n);
        }
        return HEX.formatHex(sha.digest());
    }

    /** Step 2: a staged copy becomes {@code incoming/<sha256>}, waiting for its rows to commit. */
    public Path toIncoming(StagedFile staged) throws ArchiveException {
        Path target = incoming.resolve(staged.sha256());
        try {
            move(staged.path(), target);
            return target;
        } catch (IOException e) {
            deleteQuietly(staged.path());
            throw ArchiveException.storage("cannot move a copy into the library", e);
        }
    }

    /** Makes the renames into {@code incoming/} durable before the rows that name them commit. */
    public void syncIncoming() throws ArchiveException {
        fsyncDirectory(incoming);
    }

    /** Step 4: after commit, {@code incoming/<sha256>} moves to its final relative path. */
    public void promote(String sha256, String relativePath, Set<Path> touchedDirs) throws ArchiveException {
        Path target = resolve(relativePath);
        Path dir = target.getParent();
        try {
            if (!knownDirs.contains(dir)) {
                if (!Files.isDirectory(dir)) {
                    Files.createDirectories(dir);
                    touchedDirs.add(dir.getParent()); // the new folder's own name must be durable too
                }
                knownDirs.add(dir);
            }
            try {
                move(incoming.resolve(sha256), target);
            } catch (NoSuchFileException e) {
                if (Files.isDirectory(dir) || !Files.exists(incoming.resolve(sha256))) {
                    throw e;
                }
                Files.createDirectories(dir); // removed from outside since this store saw it
                touchedDirs.add(dir.getParent());
                move(incoming.resolve(sha256), target);
            }
            touchedDirs.add(dir);
        } catch (IOException e) {
            throw ArchiveException.storage("cannot file a copy in the library", e);
        }
    }

    /** fsyncs directories, in parallel when there are several (a batch touches up to 256 {@code store/} folders). */
    public void fsyncDirectories(Set<Path> dirs) throws ArchiveException {
        if (dirs.size() <= 1) {
            for (Path d : dirs) {
                fsyncDirectory(d);
            }
            return;
        }
        List<Future<?>> syncs = new ArrayList<>(dirs.size());
        for (Path d : dirs) {
            syncs.add(SyncPool.POOL.submit(() -> {
                fsyncDirectory(d);
                return null;
            }));
        }
        awaitDirs(syncs);
    }

    private static void awaitDirs(List<Future<?>> syncs) throws ArchiveException {
        ArchiveException first = null;
        for (Future<?> f : syncs) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (first == null) {
                    first = ArchiveException.storage("interrupted while syncing directories", new IOException("interrupted", e));
                }
            } catch (ExecutionException e) {
                if (first == null) {
                    first = e.getCause() instanceof ArchiveException ae ? ae
                            : ArchiveException.storage("cannot sync a directory", new IOException(e.getCause()));
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Deletes a file of the store; a file already gone is fine. */
    public void delete(String relativePath) throws ArchiveException {
        try {
            Files.deleteIfExists(resolve(relativePath));
        } catch (IOException e) {
            throw ArchiveException.storage("cannot delete a library file", e);
        }
    }

    public void discard(StagedFile staged) {
        deleteQuietly(staged.path());
    }

    /** Files currently in a store directory (one level), for recovery. */
    public List<Path> list(Path dir) throws ArchiveException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                out.add(p);
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw ArchiveException.storage("cannot list " + dir, e);
        }
        return out;
    }

    public static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** fsync of a directory makes renames in it durable; not supported on Windows, where it is skipped. */
    static void fsyncDirectory(Path dir) throws ArchiveException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            if (ArchiveException.isDiskFullOrPermission(e)) {
                throw ArchiveException.storage("cannot sync " + dir, e);
            }
            LOG.trace("directory fsync not supported for {}: {}", dir, e.toString());
        }
    }

    public static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", p, e.toString());
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
