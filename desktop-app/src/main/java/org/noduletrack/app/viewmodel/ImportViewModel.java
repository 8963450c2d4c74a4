package org.noduletrack.app.viewmodel;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.noduletrack.app.workspace.LibraryService;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.importer.ImportProgress;
import org.noduletrack.archive.importer.ImportReport;

/** One background import at a time: progress, cancel, and the report when it ends. */
public final class ImportViewModel {
    private final LibraryService library;
    private final Executor ui;
    private final BooleanProperty running = new SimpleBooleanProperty(this, "running");
    /** 0..1, or −1 while the total is unknown. */
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", -1);
    private final ObjectProperty<ImportProgress> lastProgress = new SimpleObjectProperty<>(this, "lastProgress");
    private final ObjectProperty<ImportReport> report = new SimpleObjectProperty<>(this, "report");
    private final StringProperty failure = new SimpleStringProperty(this, "failure", "");
    private final StringProperty phase = new SimpleStringProperty(this, "phase", "");
    private volatile CancelToken cancel = new CancelToken();

    public ImportViewModel(LibraryService library, Executor ui) {
        this.library = library;
        this.ui = ui;
    }

    public BooleanProperty runningProperty() { return running; }

    public DoubleProperty progressProperty() { return progress; }

    public ObjectProperty<ImportProgress> lastProgressProperty() { return lastProgress; }

    public ObjectProperty<ImportReport> reportProperty() { return report; }

    public StringProperty failureProperty() { return failure; }

    /** A message key for what runs now ("import.phase.generating", "import.phase.importing"). */
    public StringProperty phaseProperty() { return phase; }

    /** Starts importing; returns the report's future (also published in {@link #reportProperty()}). */
    public CompletableFuture<ImportReport> start(List<Path> paths) {
        return start(CompletableFuture.completedFuture(paths));
    }

    /** Starts importing what {@code sources} yields (for the demo library, generated first). */
    public CompletableFuture<ImportReport> start(CompletableFuture<List<Path>> sources) {
        if (running.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("an import is already running"));
        }
        CancelToken token = new CancelToken();
        cancel = token;
        running.set(true);
        progress.set(-1);
        report.set(null);
        failure.set("");
        phase.set(sources.isDone() ? "import.phase.importing" : "import.phase.generating");
        CompletableFuture<ImportReport> done = sources.thenCompose(paths -> {
            ui.execute(() -> phase.set("import.phase.importing"));
            return library.importPaths(paths, this::publish, token);
        });
        return finish(done);
    }

    /** Imports a study (or series) from a DICOMweb server: resumable, progress and cancel as for files. */
    public CompletableFuture<ImportReport> startDicomWeb(org.noduletrack.dicom.web.DicomWebEndpoint endpoint,
                                                        org.noduletrack.archive.importer.DicomWebRetrieve what) {
        if (running.get()) {
            return CompletableFuture.failedFuture(new IllegalStateException("an import is already running"));
        }
        CancelToken token = new CancelToken();
        cancel = token;
        running.set(true);
        progress.set(-1);
        report.set(null);
        failure.set("");
        phase.set("import.phase.downloading");
        return finish(library.importDicomWeb(endpoint, what, this::publish, token));
    }

    private void publish(ImportProgress p) {
        ui.execute(() -> {
            lastProgress.set(p);
            progress.set(p.filesTotal() > 0 ? p.fraction() : -1);
        });
    }

    private CompletableFuture<ImportReport> finish(CompletableFuture<ImportReport> done) {
        done.whenCompleteAsync((r, e) -> {
            running.set(false);
            if (e != null) {
                Throwable c = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
                failure.set(c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage());
            } else {
                progress.set(1);
                report.set(r);
            }
        }, ui);
        return done;
    }

    public void cancel() { cancel.cancel(); }
}
