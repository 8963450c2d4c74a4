package org.noduletrack.app.view;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.noduletrack.app.Messages;
import org.noduletrack.app.viewmodel.BrowserViewModel;
import org.noduletrack.app.workspace.LibraryService;
import org.noduletrack.archive.index.PatientRecord;
import org.noduletrack.archive.index.SeriesRecord;

/**
 * Patient search and list, the selected patient's timeline (studies, reports and notes) with the case folder, and the
 * chosen study's series.
 */
public final class BrowserView extends VBox {
    /** Drag-and-drop content of a series row: its series UID (the viewer resolves it through {@link #requestFor}). */
    public static final javafx.scene.input.DataFormat SERIES_DRAG =
            new javafx.scene.input.DataFormat("application/x-noduletrack-series-uid");

    private final ListView<PatientRecord> patients = new ListView<>();
    private final TimelineView timeline;
    private static final java.util.Set<String> NON_IMAGE_MODALITIES = java.util.Set.of("DOC", "SR", "KO", "PR");
    private final TableView<SeriesRecord> series = new TableView<>();
    private final BrowserViewModel vm;
    /** A patient whose newest study's first series opens as soon as it is listed (once); null when none. */
    private java.util.function.Predicate<PatientRecord> autoOpen;

    /** {@code open} receives the study and series the user double-clicked (or pressed Enter on). */
    public BrowserView(BrowserViewModel vm, Messages msg, Consumer<OpenRequest> open) {
        this(vm, msg, open, r -> { }, new SourceChooser() {
            @Override
            public Optional<java.nio.file.Path> chooseFolder(javafx.stage.Window owner, String title) { return Optional.empty(); }

            @Override
            public Optional<java.nio.file.Path> chooseZip(javafx.stage.Window owner, String title) { return Optional.empty(); }
        });
    }

    /**
     * @param open       the series the user double-clicked (or pressed Enter on)
     * @param showSecond "Show in second viewport" from a series' context menu
     * @param chooser    picks a report file to attach to the case folder
     */
    public BrowserView(BrowserViewModel vm, Messages msg, Consumer<OpenRequest> open, Consumer<OpenRequest> showSecond,
                       SourceChooser chooser) {
        super(4);
        this.vm = vm;
        this.timeline = new TimelineView(vm, msg, chooser);
        setId("browser");
        setPadding(new Insets(6));
        setMinWidth(260);
        setPrefWidth(400);
        TextField search = new TextField();
        search.setId("patient-search");
        search.setPromptText(msg.get("browser.search"));
        vm.searchProperty().bind(search.textProperty());

        patients.setId("patient-list");
        patients.setItems(vm.patients());
        patients.setPlaceholder(new Label(msg.get("browser.noPatients")));
        patients.setPrefHeight(160);
        patients.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(PatientRecord p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : msg.get("browser.patientCell",
                        p.name().isEmpty() ? msg.get("browser.noName") : p.name().display(), p.patientId(), p.studies()));
            }
        });
        patients.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedProperty().set(b));

        // documents (reports, key objects, presentation states) are on the timeline, not among the images
        timeline.shownStudyProperty().addListener((o, a, b) -> series.getItems().setAll(b == null ? java.util.List.of()
                : b.series().stream().filter(r -> !NON_IMAGE_MODALITIES.contains(r.modality())).toList()));
        vm.timeline().addListener((javafx.collections.ListChangeListener<LibraryService.StudyWithSeries>) c -> {
            if (!vm.timeline().isEmpty()) { // the timeline view has selected the newest study
                PatientRecord shown = vm.selectedProperty().get();
                if (autoOpen != null && shown != null && autoOpen.test(shown) && !series.getItems().isEmpty()) {
                    autoOpen = null;
                    series.getSelectionModel().selectFirst();
                    fireOpen(open, series.getItems().get(0), vm);
                }
            }
        });
        vm.patients().addListener((javafx.collections.ListChangeListener<PatientRecord>) c -> {
            if (autoOpen != null) {
                vm.patients().stream().filter(autoOpen).findFirst().ifPresent(p -> patients.getSelectionModel().select(p));
            }
        });

        series.setId("series-table");
        series.setPlaceholder(new Label(msg.get("browser.noSeries")));
        series.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<SeriesRecord, String> number = column(msg.get("series.number"), 62,
                r -> r.number().isPresent() ? String.valueOf(r.number().getAsInt()) : "");
        TableColumn<SeriesRecord, String> modality = column(msg.get("series.modality"), 45, SeriesRecord::modality);
        TableColumn<SeriesRecord, String> count = column(msg.get("series.slices"), 55, r -> String.valueOf(r.instances()));
        TableColumn<SeriesRecord, String> thickness = column(msg.get("series.thickness"), 70, r -> {
            double t = r.geometry().sliceThicknessMm();
            return Double.isFinite(t) && t > 0 ? String.format(Locale.ROOT, "%.2f mm", t) : "";
        });
        TableColumn<SeriesRecord, String> kernel = column(msg.get("series.kernel"), 70, SeriesRecord::kernel);
        kernel.setId("series-kernel");
        TableColumn<SeriesRecord, String> description = column(msg.get("series.description"), 120, SeriesRecord::description);
        series.getColumns().setAll(java.util.List.of(thumbnailColumn(vm), number, modality, count, thickness, kernel,
                description));
        series.setRowFactory(tv -> {
            TableRow<SeriesRecord> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    fireOpen(open, row.getItem(), vm);
                }
            });
            // drag a series onto a viewer pane: the main view opens it, the second viewport shows it
            row.setOnDragDetected(e -> {
                if (!row.isEmpty()) {
                    javafx.scene.input.Dragboard db = row.startDragAndDrop(javafx.scene.input.TransferMode.COPY);
                    db.setContent(java.util.Map.of(SERIES_DRAG, row.getItem().uid().value()));
                    e.consume();
                }
            });
            javafx.scene.control.MenuItem openItem = new javafx.scene.control.MenuItem(msg.get("browser.menu.open"));
            openItem.setId("series-menu-open");
            openItem.setOnAction(e -> fireOpen(open, row.getItem(), vm));
            javafx.scene.control.MenuItem secondItem = new javafx.scene.control.MenuItem(msg.get("browser.menu.second"));
            secondItem.setId("series-menu-second");
            secondItem.setOnAction(e -> fireOpen(showSecond, row.getItem(), vm));
            javafx.scene.control.ContextMenu menu = new javafx.scene.control.ContextMenu(openItem, secondItem);
            row.contextMenuProperty().bind(javafx.beans.binding.Bindings.when(row.emptyProperty())
                    .then((javafx.scene.control.ContextMenu) null).otherwise(menu));
            return row;
        });
        series.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && series.getSelectionModel().getSelectedItem() != null) {
                fireOpen(open, series.getSelectionModel().getSelectedItem(), vm);
            }
        });

        Label pl = header(msg.get("browser.patients")), tl = header(msg.get("browser.timeline")),
                sl = header(msg.get("browser.series"));
        VBox.setVgrow(patients, Priority.ALWAYS);
        VBox.setVgrow(series, Priority.ALWAYS);
        getChildren().addAll(pl, search, patients, tl, timeline, sl, series);
    }

    static final int THUMBNAIL = 48;

    /** The middle image of each series, made in the background; the row shows nothing until it arrives. */
    private static TableColumn<SeriesRecord, SeriesRecord> thumbnailColumn(BrowserViewModel vm) {
        TableColumn<SeriesRecord, SeriesRecord> c = new TableColumn<>("");
        c.setId("series-thumbnail");
        c.setPrefWidth(THUMBNAIL + 10);
        c.setMinWidth(THUMBNAIL + 10);
        c.setMaxWidth(THUMBNAIL + 10);
        c.setSortable(false);
        c.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cd.getValue()));
        c.setCellFactory(col -> new javafx.scene.control.TableCell<>() {
            private final javafx.scene.image.ImageView view = new javafx.scene.image.ImageView();

            @Override
            protected void updateItem(SeriesRecord s, boolean empty) {
                super.updateItem(s, empty);
                view.setImage(null);
                setGraphic(empty || s == null ? null : view);
                if (!empty && s != null) {
                    vm.thumbnail(s, t -> {
                        if (s.equals(getItem())) { // the cell may show another series by now
                            view.setImage(image(t));
                        }
                    });
                }
            }
        });
        return c;
    }

    private static javafx.scene.image.Image image(org.noduletrack.app.workspace.SeriesThumbnails.Thumbnail t) {
        javafx.scene.image.WritableImage img = new javafx.scene.image.WritableImage(t.size(), t.size());
        img.getPixelWriter().setPixels(0, 0, t.size(), t.size(),
                javafx.scene.image.PixelFormat.getByteRgbInstance(), rgb(t.grey()), 0, t.size() * 3);
        return img;
    }

    private static byte[] rgb(byte[] grey) {
        byte[] out = new byte[grey.length * 3];
        for (int i = 0; i < grey.length; i++) {
            out[3 * i] = grey[i];
            out[3 * i + 1] = grey[i];
            out[3 * i + 2] = grey[i];
        }
        return out;
    }

    /**
     * Selects the first listed patient matching {@code patient} and opens the first series of its newest study, once,
     * when the patient list next changes (used after the demo library is built so the demo does not start empty).
     */
    public void openWhenListed(java.util.function.Predicate<PatientRecord> patient) {
        this.autoOpen = patient;
    }

    private void fireOpen(Consumer<OpenRequest> open, SeriesRecord s, BrowserViewModel vm) {
        LibraryService.StudyWithSeries study = timeline.shownStudyProperty().get();
        if (study != null && vm.selectedProperty().get() != null) {
            open.accept(new OpenRequest(vm.selectedProperty().get(), study, s, java.util.List.copyOf(vm.timeline())));
        }
    }

    /** The request for a series of the shown study (a dragged row), by series UID. */
    public Optional<OpenRequest> requestFor(String seriesUid) {
        LibraryService.StudyWithSeries study = timeline.shownStudyProperty().get();
        PatientRecord p = vm.selectedProperty().get();
        if (study == null || p == null) {
            return Optional.empty();
        }
        return study.series().stream().filter(s -> s.uid().value().equals(seriesUid)).findFirst()
                .map(s -> new OpenRequest(p, study, s, java.util.List.copyOf(vm.timeline())));
    }

    /** A series to open, with its patient and the patient's whole timeline (for the prior). */
    public record OpenRequest(PatientRecord patient, LibraryService.StudyWithSeries study, SeriesRecord series,
                              java.util.List<LibraryService.StudyWithSeries> timeline) {}

    private static Label header(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold; -fx-padding: 4 0 0 0;");
        return l;
    }

    private static TableColumn<SeriesRecord, String> column(String title, double width,
                                                            java.util.function.Function<SeriesRecord, String> value) {
        TableColumn<SeriesRecord, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        return c;
    }

    public ListView<PatientRecord> patientList() { return patients; }

    /** The timeline's list (studies, reports, notes). */
    public ListView<org.noduletrack.app.viewmodel.TimelineItem> studyList() { return timeline.list(); }

    public TimelineView timeline() { return timeline; }

    public BrowserViewModel viewModel() { return vm; }

    public TableView<SeriesRecord> seriesTable() { return series; }
}
