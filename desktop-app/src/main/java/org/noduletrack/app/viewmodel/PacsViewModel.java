package org.noduletrack.app.viewmodel;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.noduletrack.app.pacs.PacsProfile;
import org.noduletrack.app.pacs.PacsProfiles;
import org.noduletrack.archive.importer.DicomWebRetrieve;
import org.noduletrack.archive.importer.ImportReport;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.web.DicomWebClient;
import org.noduletrack.dicom.web.QidoQuery;

/**
 * The PACS section of the import dialog: choose a profile, search studies (QIDO-RS) off the UI thread, import the
 * selected one through {@link ImportViewModel} (progress and cancel in the import strip). Works without the toolkit.
 */
public final class PacsViewModel {
    /** One study found on the server, as shown in the results table. */
    public record StudyRow(String studyUid, String patientId, String patientName, String studyDate, String modalities,
                           String description, String instances) {}

    /** Studies fetched per page (QIDO limit/offset). */
    public static final int PAGE = 200;

    private final PacsProfiles profiles;
    private final ImportViewModel imports;
    private final Executor background;
    private final Executor ui;
    private final int pageSize;
    private QidoQuery lastQuery = QidoQuery.all();
    private String lastProfile = "";
    private final ObservableList<String> profileNames = FXCollections.observableArrayList();
    private final StringProperty profile = new SimpleStringProperty(this, "profile", "");
    private final StringProperty patientId = new SimpleStringProperty(this, "patientId", "");
    private final StringProperty patientName = new SimpleStringProperty(this, "patientName", "");
    private final StringProperty modality = new SimpleStringProperty(this, "modality", "");
    private final StringProperty studyDate = new SimpleStringProperty(this, "studyDate", "");
    private final ObservableList<StudyRow> results = FXCollections.observableArrayList();
    private final BooleanProperty searching = new SimpleBooleanProperty(this, "searching");
    /** The last page was full: the server may have more. */
    private final BooleanProperty moreAvailable = new SimpleBooleanProperty(this, "moreAvailable");
    /** The last search's failure (the client's message), or empty. */
    private final StringProperty error = new SimpleStringProperty(this, "error", "");

    public PacsViewModel(PacsProfiles profiles, ImportViewModel imports, Executor background, Executor ui) {
        this(profiles, imports, background, ui, PAGE);
    }

    public PacsViewModel(PacsProfiles profiles, ImportViewModel imports, Executor background, Executor ui, int pageSize) {
        this.pageSize = pageSize;
        this.profiles = profiles;
        this.imports = imports;
        this.background = background;
        this.ui = ui;
    }

    public ObservableList<String> profileNames() { return profileNames; }

    public StringProperty profileProperty() { return profile; }

    public StringProperty patientIdProperty() { return patientId; }

    public StringProperty patientNameProperty() { return patientName; }

    public StringProperty modalityProperty() { return modality; }

    public StringProperty studyDateProperty() { return studyDate; }

    public ObservableList<StudyRow> results() { return results; }

    public BooleanProperty searchingProperty() { return searching; }

    public BooleanProperty moreAvailableProperty() { return moreAvailable; }

    public StringProperty errorProperty() { return error; }

    /** Reads the profiles (a small file) and selects the first when none is selected. */
    public CompletableFuture<List<String>> reloadProfiles() {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return profiles.list().stream().map(PacsProfile::name).toList();
            } catch (java.io.IOException e) {
                throw new CompletionException(e);
            }
        }, background).whenCompleteAsync((names, e) -> {
            if (e != null) {
                error.set(message(e));
                return;
            }
            profileNames.setAll(names);
            if (!names.contains(profile.get())) {
                profile.set(names.isEmpty() ? "" : names.getFirst());
            }
        }, ui);
    }

    /** A new search: the first page of studies. */
    public CompletableFuture<List<StudyRow>> search() {
        lastProfile = profile.get();
        lastQuery = QidoQuery.all().with("PatientID", patientId.get().strip())
                .with("PatientName", patientName.get().strip()).with("ModalitiesInStudy", modality.get().strip())
                .with("StudyDate", studyDate.get().strip()).fuzzy(!patientName.get().isBlank())
                .include("NumberOfStudyRelatedInstances", "ModalitiesInStudy", "StudyDescription");
        return fetch(0);
    }

    /** The next page of the last search, appended to the results. */
    public CompletableFuture<List<StudyRow>> searchMore() {
        return fetch(results.size());
    }

    private CompletableFuture<List<StudyRow>> fetch(int offset) {
        String name = lastProfile;
        QidoQuery q = lastQuery.page(pageSize, offset);
        searching.set(true);
        error.set("");
        CompletableFuture<List<StudyRow>> f = CompletableFuture.supplyAsync(() -> {
            try (DicomWebClient c = new DicomWebClient(profiles.endpoint(profiles.require(name)))) {
                return c.searchStudies(q).stream().map(PacsViewModel::row).toList();
            } catch (java.io.IOException e) {
                throw new CompletionException(e);
            }
        }, background);
        f.whenCompleteAsync((rows, e) -> {
            searching.set(false);
            if (e != null) {
                moreAvailable.set(false);
                error.set(message(e));
                if (offset == 0) {
                    results.clear();
                }
            } else {
                moreAvailable.set(rows.size() == pageSize);
                if (offset == 0) {
                    results.setAll(rows);
                } else {
                    results.addAll(rows);
                }
            }
        }, ui);
        return f;
    }

    private Runnable onImported = () -> { };

    /** Runs on the UI executor after an import from the PACS ended (the browser refreshes). */
    public void onImportFinished(Runnable onImported) {
        this.onImported = onImported;
    }

    /** Imports a study found by {@link #search()} into the library. */
    public CompletableFuture<ImportReport> importStudy(StudyRow row) {
        String name = profile.get();
        CompletableFuture<ImportReport> f = CompletableFuture.supplyAsync(() -> {
            try {
                return profiles.endpoint(profiles.require(name));
            } catch (java.io.IOException e) {
                throw new CompletionException(e);
            }
        }, background).thenComposeAsync(endpoint -> imports.startDicomWeb(endpoint,
                DicomWebRetrieve.study(row.studyUid())), ui);
        f.whenCompleteAsync((r, e) -> onImported.run(), ui);
        return f;
    }

    private static StudyRow row(DicomDataset d) {
        return new StudyRow(d.string(Tags.StudyInstanceUID).orElse(""), d.string(Tags.PatientID).orElse(""),
                d.string(Tags.PatientName).orElse("").replace('^', ' ').strip(), d.string(Tags.StudyDate).orElse(""),
                String.join("/", d.strings(Tags.ModalitiesInStudy)), d.string(Tags.StudyDescription).orElse(""),
                d.string(Tags.NumberOfStudyRelatedInstances).orElse(""));
    }

    private static String message(Throwable e) {
        Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
