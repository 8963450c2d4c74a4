package org.noduletrack.app.view;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.noduletrack.app.Messages;
import org.noduletrack.app.viewmodel.BrowserViewModel;
import org.noduletrack.app.viewmodel.TimelineItem;
import org.noduletrack.app.workspace.LibraryService;
import org.noduletrack.archive.casefolder.ReportEntry;

/**
 * The selected patient's timeline: studies, and the case folder's reports and notes, by date; with the case folder's
 * actions (clinical history, add a note, attach a report). Selecting a study shows its series (see
 * {@link #shownStudyProperty}); double-clicking a report opens it, a note shows it in full.
 */
public final class TimelineView extends VBox {
    private final ListView<TimelineItem> list = new ListView<>();
    private final ObjectProperty<LibraryService.StudyWithSeries> shownStudy = new SimpleObjectProperty<>(this, "shownStudy");
    private final BrowserViewModel vm;
    private final Messages msg;
    private final CaseFolderDialogs dialogs;
    private final SourceChooser chooser;
    private final Button history = new Button();
    private final javafx.scene.control.Label status = new javafx.scene.control.Label();

    public TimelineView(BrowserViewModel vm, Messages msg, SourceChooser chooser) {
        super(4);
        this.vm = vm;
        this.msg = msg;
        this.chooser = chooser;
        this.dialogs = new CaseFolderDialogs(msg);
        list.setId("study-timeline");
        list.setItems(vm.timelineItems());
        list.setPrefHeight(150);
        list.setPlaceholder(new javafx.scene.control.Label(msg.get("browser.noStudies")));
        list.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(TimelineItem item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text(item, getIndex()));
                setStyle(item instanceof TimelineItem.Report ? "-fx-text-fill: #1f4e8c;"
                        : item instanceof TimelineItem.Note ? "-fx-font-style: italic; -fx-text-fill: #555555;" : null);
                setOnMouseClicked(e -> {
                    if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && getItem() != null) {
                        activate(getItem());
                    }
                });
                setContextMenu(item instanceof TimelineItem.Report r ? reportMenu(r.report()) : null);
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b instanceof TimelineItem.Study s) {
                shownStudy.set(s.study());
            }
        });
        // a new or reloaded timeline keeps the shown study when it is still there, else shows the newest
        vm.timeline().addListener((javafx.collections.ListChangeListener<LibraryService.StudyWithSeries>) c -> {
            String keep = shownStudy.get() == null ? null : shownStudy.get().study().uid().value();
            Optional<TimelineItem> pick = vm.timelineItems().stream().filter(i -> i instanceof TimelineItem.Study s
                    && s.study().study().uid().value().equals(keep)).findFirst()
                    .or(() -> vm.timelineItems().reversed().stream().filter(i -> i instanceof TimelineItem.Study).findFirst());
            pick.ifPresentOrElse(i -> {
                list.getSelectionModel().select(i);
                shownStudy.set(((TimelineItem.Study) i).study()); // the same study reloaded: new series lists
            }, () -> shownStudy.set(null));
        });

        history.setId("case-history");
        history.setOnAction(e -> dialogs.editHistory(getScene().getWindow(), vm.historyProperty().get(),
                text -> vm.saveHistory(text).exceptionally(this::failed)));
        vm.historyProperty().addListener((o, a, h) -> showHistory(h));
        showHistory(null);
        Button note = new Button(msg.get("case.addNote"));
        note.setId("case-add-note");
        note.setOnAction(e -> dialogs.writeNote(getScene().getWindow(), text -> vm.addNote(text).exceptionally(this::failed)));
        Button attach = new Button(msg.get("case.attach"));
        attach.setId("case-attach-report");
        attach.setOnAction(e -> chooser.chooseReport(getScene().getWindow(), msg.get("case.attach")).ifPresent(f ->
                dialogs.describeReport(getScene().getWindow(), f, (title, date) ->
                        vm.attachReport(f, title, date).exceptionally(this::failed))));
        boolean noFolder = vm.caseFolders().isEmpty();
        for (Button b : List.of(history, note, attach)) {
            b.setFocusTraversable(false);
            b.disableProperty().bind(vm.selectedProperty().isNull().or(new javafx.beans.property.SimpleBooleanProperty(noFolder)));
        }
        HBox actions = new HBox(4, history, note, attach);
        status.setId("case-status");
        status.setWrapText(true);
        status.setManaged(false);
        status.setVisible(false);
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(list, actions, status);
    }

    private javafx.scene.control.ContextMenu reportMenu(ReportEntry report) {
        javafx.scene.control.MenuItem open = new javafx.scene.control.MenuItem(msg.get("browser.menu.open"));
        open.setOnAction(e -> openReport(report));
        javafx.scene.control.MenuItem send = new javafx.scene.control.MenuItem(msg.get("case.send.menu"));
        send.setId("timeline-send-pacs");
        // only a PDF file of the case folder: a DICOM document came from a PACS or a CD and is already DICOM
        send.setDisable(vm.reportSender().isEmpty() || report.kind() != org.noduletrack.archive.index.ReportKind.PDF);
        send.setOnAction(e -> sendToPacs(report));
        return new javafx.scene.control.ContextMenu(open, send);
    }

    /** Asks which server (and whether) to send the report to, then sends it in the background. */
    public void sendToPacs(ReportEntry report) {
        var sender = vm.reportSender().orElseThrow();
        Optional<org.noduletrack.archive.index.StudyRecord> study = vm.studyRead(report);
        if (study.isEmpty()) {
            say(msg.get("case.send.noStudy"));
            return;
        }
        sender.servers().whenComplete((servers, failure) -> org.noduletrack.app.FxThread.run(() -> {
            if (failure != null) {
                say(msg.get("case.send.failed", ViewerArea.rootMessage(failure)));
            } else if (servers.isEmpty()) {
                say(msg.get("case.send.noServer"));
            } else {
                String what = msg.get("case.send.what", report.title(), msg.date(study.get().date()));
                dialogs.confirmSend(getScene().getWindow(), what, servers.stream().map(p -> p.name()).toList(), name -> {
                    say(msg.get("case.send.sending", name));
                    sender.send(report, study.get(), name).whenComplete((sent, e) -> org.noduletrack.app.FxThread.run(() ->
                            say(e != null ? msg.get("case.send.failed", ViewerArea.rootMessage(e))
                                    : msg.get("case.send.sent", report.title(), sent.server()))));
                });
            }
        }));
    }

    private void say(String text) {
        status.setText(text);
        status.setManaged(true);
        status.setVisible(true);
    }

    /** What the last case-folder action reported (sent, failed). */
    public javafx.scene.control.Label status() { return status; }

    /** The study whose series are listed; null when the patient has none. */
    public ObjectProperty<LibraryService.StudyWithSeries> shownStudyProperty() { return shownStudy; }

    public ListView<TimelineItem> list() { return list; }

    /** The studies of the timeline, oldest first. */
    public List<LibraryService.StudyWithSeries> studies() {
        return vm.timelineItems().stream().filter(i -> i instanceof TimelineItem.Study)
                .map(i -> ((TimelineItem.Study) i).study()).toList();
    }

    private Void failed(Throwable t) {
        vm.errorProperty().set(ViewerArea.rootMessage(t));
        return null;
    }

    private void showHistory(org.noduletrack.archive.casefolder.ClinicalHistory h) {
        history.setText(msg.get(h == null || h.text().isBlank() ? "case.history" : "case.historyWritten"));
        history.setTooltip(h == null || h.text().isBlank() ? null
                : new Tooltip(h.text().length() > 400 ? h.text().substring(0, 400) + "…" : h.text()));
    }

    /** What a double-click does: a report opens in its own window (returned), a note shows in full. */
    public Optional<ReportViewer> activate(TimelineItem item) {
        return switch (item) {
            case TimelineItem.Report r -> openReport(r.report());
            case TimelineItem.Note n -> {
                dialogs.showNote(getScene().getWindow(), n.note());
                yield Optional.empty();
            }
            case TimelineItem.Study s -> Optional.empty(); // its series are listed below; a series opens from there
        };
    }

    private Optional<ReportViewer> openReport(ReportEntry report) {
        return vm.caseFolders().map(s -> {
            ReportViewer v = new ReportViewer(getScene().getWindow(), msg, report.title(), s.document(report));
            v.show();
            return v;
        });
    }

    private String text(TimelineItem item, int index) {
        String date = msg.date(item.date());
        return switch (item) {
            case TimelineItem.Study s -> msg.get("browser.studyCell", date + interval(index),
                    String.join("/", s.study().study().modalities()), s.study().study().description(), s.study().study().series());
            case TimelineItem.Report r -> msg.get("browser.reportCell", date, r.report().title());
            case TimelineItem.Note n -> msg.get("browser.noteCell", date, n.note().author(), firstLine(n.note().text()));
        };
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("");
        return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    }

    /** Time since the previous study (" (+3 mo)"), or empty for the first or undated ones; reports and notes skipped. */
    private String interval(int index) {
        List<TimelineItem> items = list.getItems();
        if (index <= 0 || index >= items.size()) {
            return "";
        }
        String previous = null;
        for (int i = index - 1; i >= 0 && previous == null; i--) {
            if (items.get(i) instanceof TimelineItem.Study s) {
                previous = s.date();
            }
        }
        if (previous == null) {
            return "";
        }
        try {
            DateTimeFormatter f = DateTimeFormatter.BASIC_ISO_DATE;
            long days = ChronoUnit.DAYS.between(LocalDate.parse(previous, f), LocalDate.parse(items.get(index).date(), f));
            return days < 60 ? msg.get("browser.intervalDays", days) : msg.get("browser.intervalMonths", Math.round(days / 30.44));
        } catch (java.time.DateTimeException e) {
            return "";
        }
    }
}
