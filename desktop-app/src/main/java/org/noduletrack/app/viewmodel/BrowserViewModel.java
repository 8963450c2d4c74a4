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

/** Patient list with a name/ID search, and the selected patient's timeline of studies with their series. */
public final class BrowserViewModel {
    private final LibraryService library;
    private final Executor ui;
    private final ObservableList<PatientRecord> patients = FXCollections.observableArrayList();
    private final FilteredList<PatientRecord> filtered = new FilteredList<>(patients, p -> true);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ObjectProperty<PatientRecord> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<LibraryService.StudyWithSeries> timeline = FXCollections.observableArrayList();
    private final StringProperty error = new SimpleStringProperty(this, "error", "");

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

    private void loadTimeline(PatientRecord p) {
        if (p == null) {
            timeline.clear();
            return;
        }
        library.timeline(p.key()).whenCompleteAsync((List<LibraryService.StudyWithSeries> list, Throwable failure) -> {
            if (failure != null) {
                error.set(String.valueOf(failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage()));
            } else if (selected.get() != null && selected.get().key().equals(p.key())) {
                timeline.setAll(list);
            }
        }, ui);
    }
}
