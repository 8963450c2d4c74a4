package org.noduletrack.app.workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.PatientKey;
import org.noduletrack.archive.StudyUid;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.importer.ImportListener;
import org.noduletrack.archive.importer.ImportOptions;
import org.noduletrack.archive.importer.ImportReport;
import org.noduletrack.archive.index.PatientRecord;
import org.noduletrack.archive.index.SeriesRecord;
import org.noduletrack.archive.index.StudyRecord;

/**
 * The open library seen from the UI: every query and import runs on the executor given (never the FX thread) and
 * completes a future.
 */
public final class LibraryService {
    private final Library library;
    private final ExecutorService queries;
    private final ExecutorService imports;

    public LibraryService(Library library, ExecutorService queries, ExecutorService imports) {
        this.library = library;
        this.queries = queries;
        this.imports = imports;
    }

    public Path root() { return library.root(); }

    public Library library() { return library; }

    /** A patient with the studies of the library, oldest first, and the series of each. */
    public record StudyWithSeries(StudyRecord study, List<SeriesRecord> series) {
        public StudyWithSeries {
            series = List.copyOf(series);
        }
    }

    public CompletableFuture<List<PatientRecord>> patients() {
        return supply(() -> library.store().patients());
    }

    public CompletableFuture<List<StudyWithSeries>> timeline(PatientKey patient) {
        return supply(() -> {
            List<StudyWithSeries> out = new ArrayList<>();
            for (StudyRecord s : library.store().studies(patient)) {
                List<SeriesRecord> series = new ArrayList<>(library.store().series(s.uid()));
                series.sort(Comparator.comparingInt((SeriesRecord r) -> r.number().orElse(Integer.MAX_VALUE)));
                out.add(new StudyWithSeries(s, series));
            }
            return out;
        });
    }

    /** The study record of a series' study. */
    public CompletableFuture<Optional<StudyRecord>> study(StudyUid uid) {
        return supply(() -> library.store().study(uid));
    }

    /** Absolute paths of a series' instance files, by slice position. */
    public List<Path> instanceFiles(SeriesRecord series) throws ArchiveException {
        return library.store().instances(series.uid()).stream().map(i -> library.file(i.filePath())).toList();
    }

    /** Imports in the background; progress on the importing thread. */
    public CompletableFuture<ImportReport> importPaths(List<Path> paths, ImportListener listener, CancelToken cancel) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return library.importer(ImportOptions.defaults()).importPaths(paths, listener, cancel);
            } catch (ArchiveException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, imports);
    }

    /** Imports a study or series from a DICOMweb server in the background. */
    public CompletableFuture<ImportReport> importDicomWeb(org.noduletrack.dicom.web.DicomWebEndpoint endpoint,
                                                         org.noduletrack.archive.importer.DicomWebRetrieve what,
                                                         ImportListener listener, CancelToken cancel) {
        return CompletableFuture.supplyAsync(() -> {
            try (var client = new org.noduletrack.dicom.web.DicomWebClient(endpoint)) {
                return library.importer(ImportOptions.defaults()).importDicomWeb(client, what, listener, cancel);
            } catch (java.io.IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, imports);
    }

    /** Runs any blocking job on the import executor (demo generation). */
    public <T> CompletableFuture<T> onImportThread(Query<T> job) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return job.get();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, imports);
    }

    /** A blocking query. */
    @FunctionalInterface
    public interface Query<T> {
        T get() throws Exception;
    }

    private <T> CompletableFuture<T> supply(Query<T> q) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return q.get();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, queries);
    }
}
