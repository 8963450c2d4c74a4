package org.noduletrack.archive.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.index.ConflictRecord;
import org.noduletrack.archive.index.InstanceHeader;
import org.noduletrack.archive.index.SeriesIndexer;
import org.noduletrack.archive.index.SqliteArchiveStore;
import org.noduletrack.archive.index.StoredInstance;
import org.noduletrack.archive.store.FileStore;
import org.noduletrack.archive.store.StagedFile;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomParseException;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports folders, media and zips into the library.
 *
 * <p>Pipeline: the calling thread walks the sources lazily and keeps at most {@code 2 x parallelism} files in flight on
 * a worker pool. A worker reads a file once (up to {@link #IN_MEMORY_LIMIT}; larger files are read twice, streamed),
 * parses the header from those bytes (stop before pixel data), checks the index for the SOP Instance UID (a known UID
 * with the same content is a duplicate and is never copied), then hashes and writes the same bytes into the store's
 * {@code tmp/}. The calling thread is the only writer: it decides duplicates and conflicts authoritatively, moves
 * copies to {@code incoming/} and starts their fsyncs there (in parallel, on the store's fsync pool), and at the end of
 * a batch waits for all of them and for the {@code incoming/} directory before it commits the batch's rows in one
 * transaction and files the copies (see {@link FileStore}). Memory is flat in the number of files: in-flight files, one
 * batch, one tally per series.
 *
 * <p>Cancelling stops at the next file; everything committed is consistent, the rest was never part of the library.
 * Disk full or an unwritable library stops the import with {@link ImportReport#error()} set.
 */
public final class Importer {
    private static final Logger LOG = LoggerFactory.getLogger(Importer.class);
    /** Longest list of skipped (and of failed) files kept in a report. */
    public static final int MAX_LISTED = 1000;
    private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;
    private static final AtomicInteger POOLS = new AtomicInteger();
    /** Files up to this size are read once into memory and parsed, hashed and copied from there. */
    static final long IN_MEMORY_LIMIT = 64L << 20;

    private final SqliteArchiveStore store;
    private final FileStore files;
    private final ImportOptions options;
    private final SeriesIndexer indexer = new SeriesIndexer();
    private final DicomReader fileReader = new DicomReader(ReadOptions.defaults());
    private final DicomReader streamReader = new DicomReader(ReadOptions.headerOnly());
    private final Sources sources = new Sources();

    public Importer(SqliteArchiveStore store, FileStore files, ImportOptions options) {
        this.store = store;
        this.files = files;
        this.options = options;
    }

    /** Imports every path (folder, medium root, zip or file) in order. */
    public ImportReport importPaths(List<Path> paths, ImportListener listener, CancelToken cancel) throws ArchiveException {
        List<ImportSource> opened = new ArrayList<>();
        try {
            for (Path p : paths) {
                opened.add(sources.open(p));
            }
            return run(opened, listener, cancel);
        } finally {
            for (ImportSource s : opened) {
                try {
                    s.close();
                } catch (IOException e) {
                    LOG.debug("closing {}: {}", s.description(), e.toString());
                }
            }
        }
    }

    /**
     * Imports a study or series from a DICOMweb server. The instance list comes first (QIDO-RS): a server that cannot be
     * reached or refuses the credentials fails here, with nothing imported. Instances the library holds are not
     * fetched again; the rest are streamed into the store and imported as they arrive (see {@link DicomWebSource}).
     */
    public ImportReport importDicomWeb(org.noduletrack.dicom.web.DicomWebClient client, DicomWebRetrieve what,
                                       ImportListener listener, CancelToken cancel)
            throws org.noduletrack.dicom.web.DicomWebException, ArchiveException {
        DicomWebSource.Plan plan = DicomWebSource.plan(client, what, store);
        try (DicomWebSource source = new DicomWebSource(client, plan, files.tmpDir(), what.seriesParallelism(), cancel)) {
            return run(List.of(source), listener, cancel);
        }
    }

    /** Imports already opened sources (the caller closes them). */
    public ImportReport run(List<ImportSource> sourceList, ImportListener listener, CancelToken cancel)
            throws ArchiveException {
        Run run = new Run(listener, cancel);
        for (ImportSource s : sourceList) {
            try {
                long[] c = s.countFilesAndBytes();
                run.filesTotal += c[0];
                run.bytesTotal += c[1];
            } catch (IOException e) {
                run.notes.add("cannot count the files of " + s.description() + ": " + e.getMessage());
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(options.parallelism(), r -> {
            Thread t = new Thread(r, "import-" + POOLS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            for (ImportSource s : sourceList) {
                if (run.stopped()) {
                    break;
                }
                run.source(s, pool);
            }
        } finally {
            pool.shutdownNow();
        }
        return run.report();
    }

    /** What a worker made of one file. */
    private sealed interface Outcome {
        String name();
    }

    private record Staged(String name, InstanceHeader header, StagedFile file) implements Outcome {}

    private record Duplicate(String name, InstanceHeader header) implements Outcome {}

    private record Skipped(String name, String reason) implements Outcome {}

    private record Failed(String name, String reason) implements Outcome {}

    /** The library cannot take more (disk full, not writable): the import stops. */
    private record Fatal(String name, ArchiveException error) implements Outcome {}

    private record Cancelled(String name) implements Outcome {}

    private Outcome process(SourceEntry e, CancelToken cancel) {
        Outcome o = processEntry(e, cancel);
        if (e.spooled() && !(o instanceof Staged)) {
            FileStore.deleteQuietly(e.file().orElseThrow()); // a download that is not imported leaves nothing behind
        }
        return o;
    }

    private Outcome processEntry(SourceEntry e, CancelToken cancel) {
        if (cancel.isCancelled()) {
            return new Cancelled(e.name());
        }
        byte[] content = null;
        if (e.size() >= 0 && e.size() <= IN_MEMORY_LIMIT) {
            try {
                content = readFully(e);
            } catch (IOException ex) {
                return new Failed(e.name(), "cannot read: " + ex.getMessage());
            }
        }
        return content != null ? processInMemory(e, content, cancel) : processStreaming(e, cancel);
    }

    /** The whole file, read once: parsed, hashed and copied from the same bytes. Null when it is larger than expected. */
    private static byte[] readFully(SourceEntry e) throws IOException {
        if (e.file().isPresent()) {
            byte[] b = java.nio.file.Files.readAllBytes(e.file().get());
            return b.length <= IN_MEMORY_LIMIT ? b : null;
        }
        try (InputStream in = e.open()) {
            byte[] b = in.readNBytes((int) e.size());
            if (b.length == e.size() && in.read() >= 0) {
                return null; // the entry is longer than it said: streamed instead
            }
            return b;
        }
    }

    private Outcome processInMemory(SourceEntry e, byte[] content, CancelToken cancel) {
        DicomFile parsed;
        try {
            parsed = streamReader.read(new java.io.ByteArrayInputStream(content), content.length);
        } catch (DicomParseException ex) {
            return notParsed(e, ex, looksLikeDicom(content));
        } catch (IOException | RuntimeException ex) {
            return new Failed(e.name(), "cannot read: " + ex.getMessage());
        }
        // without fsync here: the writer starts it once the copy is in incoming/ and waits for it before the commit
        return index(e, parsed, () -> FileStore.hash(content, content.length),
                () -> e.spooled() ? files.adopt(e.file().orElseThrow(), content, content.length)
                        : files.stage(content, content.length, false), cancel);
    }

    /** Files too large to hold in memory: header read, then copied while hashing (two reads). */
    private Outcome processStreaming(SourceEntry e, CancelToken cancel) {
        DicomFile parsed;
        try {
            if (e.file().isPresent()) {
                parsed = fileReader.read(e.file().get());
            } else {
                try (InputStream in = e.open()) {
                    parsed = streamReader.read(in, e.size());
                }
            }
        } catch (DicomParseException ex) {
            return notParsed(e, ex, looksLikeDicom(e));
        } catch (IOException | RuntimeException ex) {
            return new Failed(e.name(), "cannot read: " + ex.getMessage());
        }
        return index(e, parsed, () -> {
            try (InputStream in = e.open()) {
                return FileStore.hash(in);
            }
        }, () -> {
            if (e.spooled()) {
                try (InputStream in = e.open()) {
                    return files.adopt(e.file().orElseThrow(), FileStore.hash(in));
                }
            }
            try (InputStream in = e.open()) {
                return files.stage(in, false);
            }
        }, cancel);
    }

    /** A read step that may fail with an I/O error (ArchiveException: the library's side). */
    private interface IoStep<T> {
        T run() throws IOException;
    }

    private static Outcome notParsed(SourceEntry e, DicomParseException ex, boolean hasDicomPrefix) {
        return hasDicomPrefix ? new Failed(e.name(), "damaged DICOM file: " + ex.getMessage())
                : new Skipped(e.name(), "not a DICOM file" + kindHint(e.name()));
    }

    /**
     * The steps after parsing, the same however the bytes are held: index header, duplicate check (hashing only when
     * the UID is already known), then staging the copy.
     */
    private Outcome index(SourceEntry e, DicomFile parsed, IoStep<String> sha256, IoStep<StagedFile> stage,
                          CancelToken cancel) {
        InstanceHeader h;
        try {
            h = indexer.extract(parsed);
        } catch (SeriesIndexer.NotAnInstanceException ex) {
            return new Skipped(e.name(), ex.getMessage());
        } catch (RuntimeException ex) {
            return new Skipped(e.name(), "not a storable instance: " + ex.getMessage());
        }
        try {
            Optional<String> existing = store.instanceSha256(h.sopUid());
            if (existing.isPresent()) {
                String sha = sha256.run();
                if (sha.equals(existing.get()) || store.hasConflict(h.sopUid(), sha)) {
                    return new Duplicate(e.name(), h);
                }
            }
            if (cancel.isCancelled()) {
                return new Cancelled(e.name());
            }
            return new Staged(e.name(), h, stage.run());
        } catch (ArchiveException ex) {
            return new Fatal(e.name(), ex);
        } catch (IOException ex) {
            return new Failed(e.name(), "cannot read: " + ex.getMessage());
        }
    }

    private static boolean looksLikeDicom(byte[] b) {
        return b.length >= 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M';
    }

    private static boolean looksLikeDicom(SourceEntry e) {
        try (InputStream in = e.open()) {
            return looksLikeDicom(in.readNBytes(132));
        } catch (IOException ex) {
            return false;
        }
    }

    private static String kindHint(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        int dot = n.lastIndexOf('.');
        String ext = dot < 0 || dot < n.lastIndexOf('/') ? "" : n.substring(dot + 1);
        return switch (ext) {
            case "exe", "dll", "jar", "so", "dylib", "app", "msi", "bat", "cmd", "sh" -> " (program: viewer on the medium?)";
            case "inf", "ini", "cfg", "xml", "htm", "html", "css", "js", "txt", "pdf", "md" -> " (document or configuration)";
            case "jpg", "jpeg", "png", "gif", "bmp", "ico", "tif", "tiff" -> " (picture)";
            default -> "";
        };
    }

    /** State of one import run; used by the calling thread only. */
    private final class Run {
        final ImportListener listener;
        final CancelToken cancel;
        final long start = System.nanoTime();
        long lastProgress;
        long filesTotal, bytesTotal, filesDone, bytesDone;
        long imported, duplicates, conflicts, skipped, failed, bytesImported;
        final List<ImportReport.FileProblem> skippedFiles = new ArrayList<>();
        final List<ImportReport.FileProblem> failedFiles = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        final List<String> dangling = new ArrayList<>();
        final Map<String, Tally> tallies = new LinkedHashMap<>();
        String currentSeries = "";
        ArchiveException error;
        // the batch being built
        final List<StoredInstance> batch = new ArrayList<>();
        final List<ConflictRecord> batchConflicts = new ArrayList<>();
        final Map<String, String> batchShaBySop = new HashMap<>();
        final Set<String> batchConflictKeys = new HashSet<>();
        /** fsyncs of the batch's copies in incoming/, started as they arrive; awaited before the commit. */
        final List<java.util.concurrent.Future<?>> batchSyncs = new ArrayList<>();
        String sourceName = "";

        Run(ImportListener listener, CancelToken cancel) {
            this.listener = listener;
            this.cancel = cancel;
        }

        boolean stopped() { return cancel.isCancelled() || error != null; }

        void source(ImportSource s, ExecutorService pool) {
            sourceName = s.kind() + ":" + s.description();
            CompletionService<Outcome> cs = new ExecutorCompletionService<>(pool);
            int window = 2 * options.parallelism();
            int inFlight = 0;
            Iterator<SourceEntry> it;
            try {
                it = s.entries();
            } catch (IOException e) {
                notes.add("cannot read " + s.description() + ": " + e.getMessage());
                return;
            }
            try {
                while (true) {
                    while (inFlight < window && !stopped() && it.hasNext()) {
                        SourceEntry e = it.next();
                        cs.submit(() -> process(e, cancel));
                        inFlight++;
                    }
                    if (inFlight == 0) {
                        break;
                    }
                    Outcome o = take(cs);
                    inFlight--; // before handle(): when it throws, the drain below must not wait for this one again
                    handle(o);
                    if (batch.size() + batchConflicts.size() >= options.batchSize()) {
                        flush();
                    }
                }
                flush();
            } catch (ArchiveException e) {
                error = e;
                // drain what is in flight: staged copies are discarded, nothing half-done remains
                for (; inFlight > 0; inFlight--) {
                    if (take(cs) instanceof Staged st) {
                        files.discard(st.file());
                    }
                }
                abandonBatch();
            }
            notes.addAll(s.notes());
            dangling.addAll(s.danglingReferences());
        }

        private Outcome take(CompletionService<Outcome> cs) {
            try {
                return cs.take().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancel.cancel();
                return new Cancelled("?");
            } catch (ExecutionException e) {
                return new Failed("?", "internal error: " + e.getCause());
            }
        }

        void handle(Outcome o) throws ArchiveException {
            switch (o) {
                case Staged st -> stage(st);
                case Duplicate d -> {
                    duplicates++;
                    tally(d.header()).duplicates++;
                    done(o);
                }
                case Skipped sk -> {
                    skipped++;
                    if (skippedFiles.size() < MAX_LISTED) {
                        skippedFiles.add(new ImportReport.FileProblem(sk.name(), sk.reason()));
                    }
                    done(o);
                }
                case Failed f -> {
                    failed++;
                    if (failedFiles.size() < MAX_LISTED) {
                        failedFiles.add(new ImportReport.FileProblem(f.name(), f.reason()));
                    }
                    LOG.debug("import failed for a file: {}", f.reason());
                    done(o);
                }
                case Fatal f -> throw f.error();
                case Cancelled c -> { }
            }
        }

        private void stage(Staged st) throws ArchiveException {
            InstanceHeader h = st.header();
            String sop = h.sopUid().value();
            String sha = st.file().sha256();
            String known = batchShaBySop.get(sop);
            if (known == null) {
                known = store.instanceSha256(h.sopUid()).orElse(null);
            }
            if (known != null && known.equals(sha)) {
                files.discard(st.file());
                duplicates++;
                tally(h).duplicates++;
            } else if (known != null) {
                String key = sop + "/" + sha;
                if (batchConflictKeys.contains(key) || store.hasConflict(h.sopUid(), sha)) {
                    files.discard(st.file());
                    duplicates++;
                } else {
                    toIncoming(st);
                    batchConflictKeys.add(key);
                    batchConflicts.add(new ConflictRecord(h.sopUid(), FileStore.quarantinePath(sha), st.file().size(), sha,
                            st.name()));
                    LOG.info("SOP Instance UID {} already held with different content; kept aside", sop);
                }
            } else {
                toIncoming(st);
                batchShaBySop.put(sop, sha);
                batch.add(new StoredInstance(h, FileStore.instancePath(sha), st.file().size(), sha));
            }
            bytesDone += st.file().size();
            filesDone++;
            currentSeries = (h.modality() + " " + h.seriesDescription()).strip();
            progress(false);
        }

        private void toIncoming(Staged st) throws ArchiveException {
            Path in = files.toIncoming(st.file());
            if (options.fsyncFiles()) {
                batchSyncs.add(files.fsyncAsync(in));
            }
        }

        private void done(Outcome o) {
            filesDone++;
            progress(false);
        }

        void flush() throws ArchiveException {
            if (batch.isEmpty() && batchConflicts.isEmpty()) {
                return;
            }
            // durability before the commit: every copy of the batch (fsynced in parallel), then their names
            try {
                FileStore.awaitDurable(batchSyncs);
            } finally {
                batchSyncs.clear();
            }
            files.syncIncoming();
            store.add(batch, batchConflicts, sourceName);
            Set<Path> touched = new HashSet<>();
            for (StoredInstance si : batch) {
                files.promote(si.sha256(), si.filePath(), touched);
            }
            for (ConflictRecord c : batchConflicts) {
                files.promote(c.sha256(), c.filePath(), touched);
            }
            files.fsyncDirectories(touched);
            for (StoredInstance si : batch) {
                imported++;
                bytesImported += si.size();
                tally(si.header()).imported++;
            }
            conflicts += batchConflicts.size();
            batch.clear();
            batchConflicts.clear();
            batchShaBySop.clear();
            batchConflictKeys.clear();
            progress(true);
        }

        /** After a failed commit: the copies waiting in incoming/ are not part of the library. */
        private void abandonBatch() {
            try {
                FileStore.awaitDurable(batchSyncs); // no fsync may still hold a file that is about to be deleted
            } catch (ArchiveException e) {
                LOG.debug("fsync of an abandoned copy: {}", e.toString());
            }
            batchSyncs.clear();
            for (StoredInstance si : batch) {
                FileStore.deleteQuietly(files.incomingDir().resolve(si.sha256()));
            }
            for (ConflictRecord c : batchConflicts) {
                FileStore.deleteQuietly(files.incomingDir().resolve(c.sha256()));
            }
            batch.clear();
            batchConflicts.clear();
        }

        private Tally tally(InstanceHeader h) {
            return tallies.computeIfAbsent(h.seriesUid().value(), k -> new Tally(h));
        }

        void progress(boolean force) {
            long now = System.nanoTime();
            if (!force && now - lastProgress < PROGRESS_INTERVAL_NANOS && filesDone < filesTotal) {
                return;
            }
            lastProgress = now;
            double secs = Math.max(1e-9, (now - start) / 1e9);
            double fps = filesDone / secs;
            double bps = bytesDone / secs;
            Optional<Duration> eta = fps > 0 && filesTotal >= filesDone
                    ? Optional.of(Duration.ofMillis((long) ((filesTotal - filesDone) / fps * 1000))) : Optional.empty();
            listener.onProgress(new ImportProgress(filesDone, Math.max(filesTotal, filesDone), bytesDone,
                    Math.max(bytesTotal, bytesDone), fps, bps, eta, currentSeries));
        }

        ImportReport report() {
            progress(true);
            List<ImportReport.SeriesTally> series = tallies.values().stream().map(Tally::toRecord).toList();
            LOG.info("import finished: {} imported, {} duplicates, {} conflicts, {} skipped, {} failed{}", imported,
                    duplicates, conflicts, skipped, failed, cancel.isCancelled() ? " (cancelled)" : "");
            return new ImportReport(imported, duplicates, conflicts, skipped, failed, bytesImported,
                    (System.nanoTime() - start) / 1e9, series, skippedFiles, failedFiles, dangling, notes,
                    cancel.isCancelled(), Optional.ofNullable(error).map(Throwable::getMessage));
        }
    }

    /** Per-series counts while importing. */
    private static final class Tally {
        final InstanceHeader first;
        long imported;
        long duplicates;

        Tally(InstanceHeader first) {
            this.first = first;
        }

        ImportReport.SeriesTally toRecord() {
            return new ImportReport.SeriesTally(first.patientId(), first.patientName().display(), first.studyUid().value(),
                    first.studyDate(), first.seriesUid().value(), first.modality(), first.seriesDescription(), imported,
                    duplicates);
        }
    }
}
