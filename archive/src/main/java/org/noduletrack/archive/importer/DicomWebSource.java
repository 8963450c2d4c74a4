package org.noduletrack.archive.importer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.SopInstanceUid;
import org.noduletrack.archive.index.SqliteArchiveStore;
import org.noduletrack.archive.store.FileStore;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.web.DicomWebClient;
import org.noduletrack.dicom.web.DicomWebException;
import org.noduletrack.dicom.web.QidoQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A study (or series) on a DICOMweb server as an import source. {@link #plan} lists the instances with QIDO-RS and
 * leaves out those the library already holds (resume). Downloads run on up to {@code seriesParallelism} threads, one
 * WADO-RS answer per series (or per missing instance when part of a series is already here), each part streamed into
 * the store's {@code tmp/} and handed to the importer only once its closing boundary has arrived: the importer takes
 * the file over ({@link SourceEntry#spooled()}), so a partial download is never even seen by it. A bounded queue
 * between downloads and the importer keeps the spooled files few. A series that fails becomes one failed entry with
 * the reason.
 */
final class DicomWebSource implements ImportSource {
    private static final Logger LOG = LoggerFactory.getLogger(DicomWebSource.class);
    private static final int QIDO_PAGE = 1000;
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** The instances to fetch, by series, in the server's order. */
    record Plan(String studyUid, Map<String, List<String>> missingBySeries, Map<String, Integer> totalBySeries,
                int alreadyHere) {
        int missing() { return missingBySeries.values().stream().mapToInt(List::size).sum(); }
    }

    private final DicomWebClient client;
    private final Plan plan;
    private final Path spoolDir;
    private final int parallelism;
    private final CancelToken cancel;
    private final BlockingQueue<SourceEntry> queue;
    private final List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicLong fetched = new AtomicLong();
    private ExecutorService downloads;
    private final org.noduletrack.dicom.io.DicomReader headers =
            new org.noduletrack.dicom.io.DicomReader(org.noduletrack.dicom.io.ReadOptions.headerOnly());

    DicomWebSource(DicomWebClient client, Plan plan, Path spoolDir, int parallelism, CancelToken cancel) {
        this.client = client;
        this.plan = plan;
        this.spoolDir = spoolDir;
        this.parallelism = parallelism;
        this.cancel = cancel;
        this.queue = new ArrayBlockingQueue<>(4 * parallelism + 8);
        if (plan.alreadyHere() > 0) {
            notes.add(plan.alreadyHere() + " instance(s) already in the library were not fetched again");
        }
    }

    /** Lists the study's (or series') instances and leaves out those the library holds. */
    static Plan plan(DicomWebClient client, DicomWebRetrieve what, SqliteArchiveStore store)
            throws DicomWebException, ArchiveException {
        Map<String, List<String>> missing = new LinkedHashMap<>();
        Map<String, Integer> total = new LinkedHashMap<>();
        int here = 0;
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int offset = 0; ; offset += QIDO_PAGE) {
            List<DicomDataset> page = client.searchInstances(what.studyUid(), what.seriesUid().orElse(null),
                    QidoQuery.all().include("SeriesInstanceUID").page(QIDO_PAGE, offset));
            int fresh = 0;
            for (DicomDataset d : page) {
                String series = d.string(Tags.SeriesInstanceUID).or(() -> what.seriesUid()).orElse("");
                Optional<String> sop = d.string(Tags.SOPInstanceUID);
                if (series.isEmpty() || sop.isEmpty() || !seen.add(sop.get())) {
                    continue; // not retrievable by itself (no keys), or listed twice
                }
                fresh++;
                total.merge(series, 1, Integer::sum);
                List<String> list = missing.computeIfAbsent(series, k -> new ArrayList<>());
                if (store.instanceSha256(new SopInstanceUid(sop.get())).isPresent()) {
                    here++;
                } else {
                    list.add(sop.get());
                }
            }
            // a short page is the last; a server that ignores limit/offset repeats itself and adds nothing new
            if (page.size() < QIDO_PAGE || page.size() > QIDO_PAGE || fresh == 0) {
                break;
            }
        }
        if (total.isEmpty()) {
            throw new DicomWebException(DicomWebException.Reason.NOT_FOUND, "the server has no instances of study "
                    + what.studyUid() + what.seriesUid().map(s -> " series " + s).orElse(""));
        }
        missing.values().removeIf(List::isEmpty);
        return new Plan(what.studyUid(), missing, total, here);
    }

    /** Parts received completely so far (for reports and tests). */
    long fetched() { return fetched.get(); }

    @Override
    public String description() { return "study " + plan.studyUid(); }

    @Override
    public String kind() { return "dicomweb"; }

    @Override
    public long[] countFilesAndBytes() { return new long[] {plan.missing(), 0}; }

    @Override
    public Iterator<SourceEntry> entries() {
        int seriesCount = plan.missingBySeries().size();
        downloads = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, seriesCount)), r -> {
            Thread t = new Thread(r, "dicomweb-retrieve-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        AtomicInteger remaining = new AtomicInteger(seriesCount);
        for (Map.Entry<String, List<String>> s : plan.missingBySeries().entrySet()) {
            downloads.submit(() -> {
                try {
                    series(s.getKey(), s.getValue());
                } finally {
                    if (remaining.decrementAndGet() == 0) {
                        offer(END);
                    }
                }
            });
        }
        if (seriesCount == 0) {
            offer(END);
        }
        return new Iterator<>() {
            private SourceEntry next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = queue.take();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        next = END;
                    }
                }
                return next != END;
            }

            @Override
            public SourceEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                SourceEntry e = next;
                next = null;
                return e;
            }
        };
    }

    private static final SourceEntry END = new SourceEntry("", 0, Optional.empty(), () -> InputStream.nullInputStream());

    /**
     * Downloads one series: whole when none of it is here, else instance by instance (resume). When the connection is
     * lost part-way, the instances not yet received are fetched one by one, with the endpoint's retry policy
     * (attempts, exponential backoff), before the series is given up.
     */
    private void series(String seriesUid, List<String> sops) {
        int whole = plan.totalBySeries().getOrDefault(seriesUid, 0);
        String label = "series " + seriesUid;
        java.util.Set<String> received = java.util.concurrent.ConcurrentHashMap.newKeySet();
        org.noduletrack.dicom.web.PartSink sink = (part, body) -> spool(body).ifPresent(received::add);
        org.noduletrack.dicom.web.RetryPolicy retry = client.endpoint().retry();
        List<String> todo = sops;
        for (int attempt = 0; ; attempt++) {
            try {
                if (attempt == 0 && todo.size() == whole) {
                    client.retrieve(plan.studyUid(), seriesUid, null, sink, cancel::isCancelled);
                } else {
                    for (String sop : todo) {
                        if (cancel.isCancelled()) {
                            return;
                        }
                        client.retrieve(plan.studyUid(), seriesUid, sop, sink, cancel::isCancelled);
                    }
                }
                break;
            } catch (DicomWebException e) {
                if (e.reason() == DicomWebException.Reason.CANCELLED || cancel.isCancelled()) {
                    return;
                }
                if (!e.retryable() || attempt + 1 >= retry.attempts()) {
                    failed(label, e.getMessage() + "; " + received.size() + " of " + sops.size()
                            + " instances received; import again to fetch the rest");
                    return;
                }
                LOG.info("DICOMweb retrieve of a series interrupted after {} of {} instances ({}); resuming",
                        received.size(), sops.size(), e.getMessage());
                if (!sleep(retry.delayAfter(attempt))) {
                    return;
                }
                todo = sops.stream().filter(s -> !received.contains(s)).toList();
            } catch (RuntimeException e) {
                failed(label, "internal error: " + e);
                return;
            }
        }
        long missing = sops.stream().filter(s -> !received.contains(s)).count();
        if (missing > 0 && !cancel.isCancelled()) {
            failed(label, "the server sent " + (sops.size() - missing) + " of the " + sops.size()
                    + " instances it listed");
        }
    }

    private boolean sleep(java.time.Duration d) {
        try {
            Thread.sleep(d);
            return !cancel.isCancelled();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Streams one part into tmp/ and hands it over once complete; returns its SOP Instance UID (read from the header
     * of the spooled copy) so that a resume knows what arrived.
     */
    private Optional<String> spool(InputStream body) throws IOException {
        Path file = spoolDir.resolve("dicomweb-" + UUID.randomUUID() + ".part");
        long size;
        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            size = body.transferTo(out);
        } catch (IOException | RuntimeException e) {
            FileStore.deleteQuietly(file);
            throw e;
        }
        Optional<String> sop;
        try {
            sop = headers.read(file).dataset().string(Tags.SOPInstanceUID);
        } catch (IOException | RuntimeException e) {
            sop = Optional.empty(); // not DICOM: the importer says so in its report
        }
        long n = fetched.incrementAndGet();
        SourceEntry entry = new SourceEntry("dicomweb part " + n, size, Optional.of(file), () -> Files.newInputStream(file),
                true);
        if (!offer(entry)) {
            FileStore.deleteQuietly(file);
            throw new DicomWebException(DicomWebException.Reason.CANCELLED, "cancelled");
        }
        return sop;
    }

    private void failed(String label, String reason) {
        LOG.warn("DICOMweb retrieve of a series failed: {}", reason);
        String message = label + ": " + reason;
        offer(new SourceEntry(label, -1, Optional.empty(), () -> {
            throw new IOException(message);
        }));
    }

    /** Waits for room in the queue; false when cancelled or interrupted (the source is closing). */
    private boolean offer(SourceEntry e) {
        try {
            while (!queue.offer(e, 200, TimeUnit.MILLISECONDS)) {
                if (cancel.isCancelled() || downloads != null && downloads.isShutdown()) {
                    return false; // nobody takes entries any more
                }
            }
            return true;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public List<String> notes() { return List.copyOf(notes); }

    @Override
    public List<String> danglingReferences() { return List.of(); }

    /** Stops the downloads and deletes spooled files the importer never took. */
    @Override
    public void close() {
        if (downloads != null) {
            downloads.shutdownNow();
            try {
                downloads.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (SourceEntry e; (e = queue.poll()) != null; ) {
            if (e.spooled()) {
                FileStore.deleteQuietly(e.file().orElseThrow());
            }
        }
    }
}
