package org.noduletrack.app.viewmodel;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.noduletrack.app.workspace.LibraryService;
import org.noduletrack.archive.index.PatientRecord;

/**
 * Patient list with a name/ID search, and the selected patient's timeline: studies with their series, and the case
 * folder's reports and notes on the same timeline, with the clinical history beside it.
 */
public final class BrowserViewModel {
    private final LibraryService library;
    private final Executor ui;
    private final ObservableList<PatientRecord> patients = FXCollections.observableArrayList();
    private final FilteredList<PatientRecord> filtered = new FilteredList<>(patients, p -> true);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ObjectProperty<PatientRecord> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<LibraryService.StudyWithSeries> timeline = FXCollections.observableArrayList();
    private final StringProperty error = new SimpleStringProperty(this, "error", "");
    private final ObservableList<TimelineItem> items = FXCollections.observableArrayList();
    private final ObjectProperty<org.noduletrack.archive.casefolder.ClinicalHistory> history =
            new SimpleObjectProperty<>(this, "history");
    private java.util.Optional<org.noduletrack.app.workspace.CaseFolderService> caseFolders = java.util.Optional.empty();
    private java.time.ZoneId zone = java.time.ZoneId.systemDefault();
    private java.util.Optional<org.noduletrack.app.workspace.ReportSender> reportSender = java.util.Optional.empty();

    private final java.util.Optional<org.noduletrack.app.workspace.SeriesThumbnails> thumbnails;

    /** {@code ui} runs results on the UI thread (the FX thread in the app; direct in tests). */
    public BrowserViewModel(LibraryService library, Executor ui) {
        this(library, ui, null);
    }

    /** With series thumbnails ({@code thumbnails} may be null: none). */
    public BrowserViewModel(LibraryService library, Executor ui, org.noduletrack.app.workspace.SeriesThumbnails thumbnails) {
        this.library = library;
        this.ui = ui;
        this.thumbnails = java.util.Optional.ofNullable(thumbnails);
        search.addListener((obs, old, now) -> filtered.setPredicate(p -> matches(p, now)));
        selected.addListener((obs, old, now) -> loadTimeline(now));
    }

    public static boolean matches(PatientRecord p, String query) {
        if (query == null || query.isBlank()) {
            return true;
        }
        String q = query.strip().toLowerCase(Locale.ROOT);
        String name = p.name().display().toLowerCase(Locale.ROOT) + " " + p.name().alphabetic().toLowerCase(Locale.ROOT);
        return name.contains(q) || p.patientId().toLowerCase(Locale.ROOT).contains(q);
    }

    public ObservableList<PatientRecord> patients() { return filtered; }

    /** The series' thumbnail, delivered on the UI thread; nothing when there is none. */
    public void thumbnail(org.noduletrack.archive.index.SeriesRecord series,
                          java.util.function.Consumer<org.noduletrack.app.workspace.SeriesThumbnails.Thumbnail> onUi) {
        thumbnails.ifPresent(t -> t.of(series).thenAccept(o -> o.ifPresent(th -> ui.execute(() -> onUi.accept(th)))));
    }

    public StringProperty searchProperty() { return search; }

    public ObjectProperty<PatientRecord> selectedProperty() { return selected; }

    public ObservableList<LibraryService.StudyWithSeries> timeline() { return timeline; }

    public StringProperty errorProperty() { return error; }

    /** Adds the case folder's reports and notes to the timeline (and enables writing to it). */
    public void setCaseFolders(org.noduletrack.app.workspace.CaseFolderService service, java.time.ZoneId zone) {
        this.caseFolders = java.util.Optional.of(service);
        this.zone = zone;
    }

    /** Studies, reports and notes in timeline order. */
    public ObservableList<TimelineItem> timelineItems() { return items; }

    /** The selected patient's clinical history; null when none was written. */
    public ObjectProperty<org.noduletrack.archive.casefolder.ClinicalHistory> historyProperty() { return history; }

    public java.util.Optional<org.noduletrack.app.workspace.CaseFolderService> caseFolders() { return caseFolders; }

    /** Enables "Send to PACS" on the case folder's PDF reports. */
    public void setReportSender(org.noduletrack.app.workspace.ReportSender sender) {
        this.reportSender = java.util.Optional.of(sender);
    }

    public java.util.Optional<org.noduletrack.app.workspace.ReportSender> reportSender() { return reportSender; }

    /**
     * The study a report reads: the latest study on or before its date (a report follows its examination), else the
     * earliest one; empty when the patient has no study.
     */
    public java.util.Optional<org.noduletrack.archive.index.StudyRecord> studyRead(
            org.noduletrack.archive.casefolder.ReportEntry report) {
        String date = report.date() == null ? "" : report.date();
        List<LibraryService.StudyWithSeries> studies = List.copyOf(timeline);
        return studies.reversed().stream().map(LibraryService.StudyWithSeries::study)
                .filter(s -> !date.isEmpty() && s.date().compareTo(date) <= 0).findFirst()
                .or(() -> studies.stream().findFirst().map(LibraryService.StudyWithSeries::study));
    }

    /** Adds a note to the selected patient's case folder; the timeline shows it when stored. */
    public java.util.concurrent.CompletableFuture<Void> addNote(String text) {
        return write(s -> s.addNote(selectedKey(), text));
    }

    /** Replaces the selected patient's clinical history. */
    public java.util.concurrent.CompletableFuture<Void> saveHistory(String text) {
        return write(s -> s.setClinicalHistory(selectedKey(), text));
    }

    /** Copies a report file into the library, filed under {@code date} (DA) in the selected patient's case folder. */
    public java.util.concurrent.CompletableFuture<Void> attachReport(java.nio.file.Path file, String title, String date) {
        return write(s -> s.attachReport(selectedKey(), file, title, date));
    }

    private org.noduletrack.archive.PatientKey selectedKey() {
        PatientRecord p = selected.get();
        if (p == null) {
            throw new IllegalStateException("no patient selected");
        }
        return p.key();
    }

    private java.util.concurrent.CompletableFuture<Void> write(
            java.util.function.Function<org.noduletrack.app.workspace.CaseFolderService,
                    java.util.concurrent.CompletableFuture<?>> op) {
        if (caseFolders.isEmpty() || selected.get() == null) {
            return java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("no case folder"));
        }
        PatientRecord p = selected.get();
        return op.apply(caseFolders.get()).thenRun(() -> ui.execute(() -> {
            if (selected.get() != null && selected.get().key().equals(p.key())) {
                loadTimeline(p);
            }
        }));
    }

    /** Reloads the patient list, keeping the selection when the patient is still there. */
    public void refresh() {
        library.patients().whenCompleteAsync((list, failure) -> {
            if (failure != null) {
                error.set(String.valueOf(failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage()));
                return;
            }
            PatientRecord keep = selected.get();
            patients.setAll(list);
            if (keep != null) {
                list.stream().filter(p -> p.key().equals(keep.key())).findFirst().ifPresent(p -> {
                    selected.set(p);
                    loadTimeline(p);
                });
            }
        }, ui);
    }

    private record Loaded(List<LibraryService.StudyWithSeries> studies,
                          org.noduletrack.app.workspace.CaseFolderService.Contents folder) {}

    private void loadTimeline(PatientRecord p) {
        if (p == null) {
            timeline.clear();
            items.clear();
            history.set(null);
            return;
        }
        var folder = caseFolders.map(s -> s.contents(p.key())).orElse(java.util.concurrent.CompletableFuture.completedFuture(
                org.noduletrack.app.workspace.CaseFolderService.Contents.EMPTY));
        library.timeline(p.key()).thenCombine(folder, Loaded::new).whenCompleteAsync((loaded, failure) -> {
            if (failure != null) {
                error.set(String.valueOf(failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage()));
            } else if (selected.get() != null && selected.get().key().equals(p.key())) {
                history.set(loaded.folder().history().orElse(null));
                items.setAll(TimelineItem.merge(loaded.studies(), loaded.folder().reports(), loaded.folder().notes(), zone));
                timeline.setAll(loaded.studies());
            }
        }, ui);
    }
}
