package org.noduletrack.app.viewmodel;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.noduletrack.archive.importer.ImportReport;
import org.noduletrack.archive.media.MediaScanner;
import org.noduletrack.archive.media.RemovableMedium;

/**
 * CDs, DVDs and USB media offered for import: the mount table is polled in the background (a read of
 * {@code /proc/self/mounts} and the media's top folder, cheap even on an optical drive), and a medium that looks like
 * DICOM is offered once per insertion — until it is imported, dismissed or ejected.
 */
public final class MediaViewModel {
    private final MediaScanner scanner;
    private final ScheduledExecutorService background;
    private final Executor ui;
    private final ImportViewModel imports;
    private final ObservableList<RemovableMedium> offered = FXCollections.observableArrayList();
    /** Roots the user has imported or dismissed while they stay mounted (UI thread only). */
    private final Set<Path> handled = new HashSet<>();
    private ScheduledFuture<?> polling;

    public MediaViewModel(MediaScanner scanner, ScheduledExecutorService background, Executor ui, ImportViewModel imports) {
        this.scanner = scanner;
        this.background = background;
        this.ui = ui;
        this.imports = imports;
    }

    /** DICOM-looking media not yet handled, DICOMDIR ones first (UI thread). */
    public ObservableList<RemovableMedium> offered() { return offered; }

    /** Starts polling every {@code periodMillis}; the first scan runs at once. */
    public void startPolling(long periodMillis) {
        if (polling == null) {
            polling = background.scheduleWithFixedDelay(this::scanInBackground, 0, periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    public void stopPolling() {
        if (polling != null) {
            polling.cancel(false);
            polling = null;
        }
    }

    /** Scans now (also for a user's "CD/DVD/USB" click); completes on the UI thread with every medium found. */
    public CompletableFuture<List<RemovableMedium>> scanNow() {
        CompletableFuture<List<RemovableMedium>> done = new CompletableFuture<>();
        background.execute(() -> {
            List<RemovableMedium> all = scanner.scan();
            ui.execute(() -> {
                publish(all);
                done.complete(all);
            });
        });
        return done;
    }

    private void scanInBackground() {
        List<RemovableMedium> all = scanner.scan();
        ui.execute(() -> publish(all));
    }

    private void publish(List<RemovableMedium> all) {
        Set<Path> mounted = new HashSet<>();
        all.forEach(m -> mounted.add(m.root()));
        handled.retainAll(mounted); // ejected media are forgotten: inserting one again offers it again
        List<RemovableMedium> now = all.stream().filter(RemovableMedium::looksLikeDicom)
                .filter(m -> !handled.contains(m.root())).toList();
        if (!now.equals(offered)) {
            offered.setAll(now);
        }
    }

    /** Imports the medium through its DICOMDIR (or the whole medium) with the usual progress strip. */
    public CompletableFuture<ImportReport> importMedium(RemovableMedium m) {
        handled.add(m.root());
        offered.remove(m);
        return imports.start(List.of(m.importPath()));
    }

    public void dismiss(RemovableMedium m) {
        handled.add(m.root());
        offered.remove(m);
    }
}
