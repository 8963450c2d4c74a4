package org.noduletrack.app.view;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.noduletrack.app.FxThread;
import org.noduletrack.app.Messages;
import org.noduletrack.app.viewmodel.CompareViewModel;
import org.noduletrack.app.viewmodel.FollowUpViewModel;
import org.noduletrack.app.viewmodel.NoduleOutline;
import org.noduletrack.app.viewmodel.NoduleTrack;
import org.noduletrack.app.viewmodel.MeasurementTool;
import org.noduletrack.app.viewmodel.Layout;
import org.noduletrack.app.viewmodel.MeasurementStore;
import org.noduletrack.app.viewmodel.MeasurementsViewModel;
import org.noduletrack.app.viewmodel.MprViewModel;
import org.noduletrack.app.viewmodel.SliceViewModel;
import org.noduletrack.app.workspace.LibraryService;
import org.noduletrack.app.workspace.SeriesVolumes;
import org.noduletrack.archive.index.PatientRecord;
import org.noduletrack.archive.index.SeriesRecord;
import org.noduletrack.archive.index.StudyRecord;
import org.noduletrack.render.api.RenderEngine;
import org.noduletrack.render.api.WindowLevel;
import org.noduletrack.render.geom.ViewOrientation;
import org.noduletrack.render.volume.ShortVolume;

/**
 * The viewer: 1×1 axial, 1×2 (axial and a second viewport), 2×2 (axial, coronal, sagittal and the second viewport),
 * MPR (axial, coronal, sagittal with crosshair), or prior and current side by side (registered, or aligned by table
 * position until then). Series open on the loader executor; this class only touches nodes on the FX thread.
 */
public final class ViewerArea extends BorderPane {
    private final Messages msg;
    private final SeriesVolumes volumes;
    private final SliceViewModel axialVm = new SliceViewModel(ViewOrientation.AXIAL, WindowLevel.LUNG);
    private final SliceViewModel priorVm = new SliceViewModel(ViewOrientation.AXIAL, WindowLevel.LUNG);
    private final MprViewModel mpr = new MprViewModel(axialVm, WindowLevel.LUNG);
    private final CompareViewModel compare = new CompareViewModel(priorVm, axialVm);
    private final SliceView axial, coronal, sagittal, prior;
    /** The comparison's coronal row: the prior's coronal plane linked to the current coronal view. */
    private final SliceViewModel priorCoronalVm = new SliceViewModel(ViewOrientation.CORONAL, WindowLevel.LUNG);
    private final SliceView priorCoronal;
    private final CompareViewModel compareCoronal;
    private final javafx.scene.control.ToggleButton coronalRow = new javafx.scene.control.ToggleButton();
    private final SecondViewport second;
    private final ObjectProperty<Layout> layout = new SimpleObjectProperty<>(this, "layout", Layout.SINGLE);
    private final Label banner = new Label();
    private final Label priorTitle = new Label(), currentTitle = new Label();
    private final MeasurementsViewModel measures;
    private final ObjectProperty<SliceView> active = new SimpleObjectProperty<>(this, "active");
    private final javafx.beans.property.BooleanProperty cinePlaying = new javafx.beans.property.SimpleBooleanProperty(this, "cinePlaying");
    private final javafx.animation.Timeline cine = new javafx.animation.Timeline();
    private double cineFps = 10;
    private final Executor delayedClose = CompletableFuture.delayedExecutor(3, java.util.concurrent.TimeUnit.SECONDS);

    private SeriesVolumes.OpenedSeries current;
    private SeriesVolumes.OpenedSeries priorSeries;
    private Optional<PriorChoice> priorChoice = Optional.empty();
    private List<PriorChoice> priorChoices = List.of();
    /** Every prior opened for the follow-up (the shown one among them), by series UID. */
    private final java.util.Map<String, SeriesVolumes.OpenedSeries> priorVolumes = new java.util.LinkedHashMap<>();
    private final FollowUpViewModel followUp;
    private final FollowUpPanel followUpPanel;
    private org.noduletrack.app.workspace.FollowUpReportWriter reportWriter;
    private Executor reportWork = Runnable::run;
    private java.nio.file.Path lastReport;
    private org.noduletrack.archive.casefolder.ReportEntry lastReportEntry;
    private Consumer<org.noduletrack.archive.casefolder.ReportEntry> sendToPacs = r -> { };
    private Runnable reportFiled = () -> { };
    private boolean restoreStarted;
    private final org.noduletrack.app.followup.NoduleMaskEstimator masks = new org.noduletrack.app.followup.NoduleMaskEstimator();
    /** Keyed by segmentation identity: a re-seed makes a new one, and the old entry goes with it. */
    private final java.util.Map<org.noduletrack.nodule.segmentation.Segmentation, NoduleOutline.MaskField> maskFields =
            new java.util.WeakHashMap<>();
    private PatientRecord patient;
    private StudyRecord currentStudy;

    /** The study and series to show on the left in the comparison layout. */
    public record PriorChoice(StudyRecord study, SeriesRecord series) {}

    public ViewerArea(Messages msg, RenderEngine engine, SeriesVolumes volumes) {
        this(msg, engine, volumes, MeasurementStore.NONE, Runnable::run);
    }

    public ViewerArea(Messages msg, RenderEngine engine, SeriesVolumes volumes, MeasurementStore store, Executor io) {
        this(msg, engine, volumes, store, io, new FollowUpViewModel(new org.noduletrack.app.workspace.RigidPriorRegistration(
                new org.noduletrack.nodule.registration.RigidRegistration()),
                new org.noduletrack.nodule.segmentation.NoduleSegmenter(), java.util.concurrent.ForkJoinPool.commonPool(),
                Platform::runLater));
    }

    /**
     * @param store where measurements are kept
     * @param io    the executor for the store's calls (off the FX thread)
     * @param followUp registration, nodule segmentation and the nodule table of the comparison layout
     */
    public ViewerArea(Messages msg, RenderEngine engine, SeriesVolumes volumes, MeasurementStore store, Executor io,
                      FollowUpViewModel followUp) {
        this.msg = msg;
        this.followUp = followUp;
        this.volumes = volumes;
        this.measures = new MeasurementsViewModel(store, io, Platform::runLater);
        setId("viewer-area");
        setStyle("-fx-background-color: #101010;");
        axial = new SliceView(axialVm, engine, msg, "axial");
        coronal = new SliceView(mpr.coronal(), engine, msg, "coronal");
        sagittal = new SliceView(mpr.sagittal(), engine, msg, "sagittal");
        prior = new SliceView(priorVm, engine, msg, "prior");
        priorCoronal = new SliceView(priorCoronalVm, engine, msg, "prior-coronal");
        compareCoronal = new CompareViewModel(priorCoronalVm, mpr.coronal());
        // one registration links both rows
        compare.currentToPriorProperty().addListener((o, a, t) -> compareCoronal.currentToPriorProperty().set(t));
        coronalRow.setText(msg.get("compare.coronalRow"));
        coronalRow.setId("compare-coronal");
        coronalRow.setFocusTraversable(false);
        coronalRow.setTooltip(new javafx.scene.control.Tooltip(msg.get("compare.coronalRow.tip")));
        coronalRow.setOnAction(e -> arrange());
        second = new SecondViewport(msg, engine, volumes, axialVm, this::closeLater);
        Consumer<org.noduletrack.dicom.geom.Vec3> setCross = p -> mpr.crosshairProperty().set(p);
        // colours: each view shows the other two planes' lines (axial = red, coronal = green, sagittal = blue)
        axial.showCrosshairLater(mpr.crosshairProperty(), setCross, Color.LIMEGREEN, Color.DODGERBLUE);
        coronal.showCrosshairLater(mpr.crosshairProperty(), setCross, Color.RED, Color.DODGERBLUE);
        sagittal.showCrosshairLater(mpr.crosshairProperty(), setCross, Color.RED, Color.LIMEGREEN);
        // each line is the trace of another plane, so the lines turn with oblique planes; turning them in the axial
        // view (Shift + drag) makes the coronal and sagittal planes oblique
        axial.setCrosshairPlanes(() -> mpr.coronal().normal(), () -> mpr.sagittal().normal(), mpr::rotateOblique);
        coronal.setCrosshairPlanes(() -> mpr.axial().normal(), () -> mpr.sagittal().normal(), null);
        sagittal.setCrosshairPlanes(() -> mpr.axial().normal(), () -> mpr.coronal().normal(), null);
        axial.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.R) {
                mpr.obliqueDegreesProperty().set(0); // R resets the view, oblique planes included
            }
        });
        mpr.obliqueDegreesProperty().addListener((o, a, b) -> {
            axial.redrawOverlay();
            coronal.redrawOverlay();
            sagittal.redrawOverlay();
        });
        for (SliceView v : List.of(axial, coronal, sagittal, second.view())) {
            v.setMeasurements(measures);
        }
        for (SliceView v : List.of(axial, coronal, sagittal, prior, priorCoronal, second.view())) {
            v.focusedProperty().addListener((o, a, b) -> {
                if (b) {
                    active.set(v);
                }
            });
        }
        active.set(axial);
        cine.setCycleCount(javafx.animation.Animation.INDEFINITE);
        setCineFps(10);
        addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.C && !e.isShortcutDown()) {
                toggleCine();
                e.consume();
            }
        });
        coronal.setShowPatientInfo(false);
        sagittal.setShowPatientInfo(false);
        banner.setId("compare-banner");
        banner.setTextFill(Color.web("#ffd966"));
        banner.setPadding(new Insets(3, 8, 3, 8));
        for (Label l : new Label[] {priorTitle, currentTitle}) {
            l.setTextFill(Color.web("#dddddd"));
            l.setPadding(new Insets(2, 8, 2, 8));
            l.setStyle("-fx-font-weight: bold;");
        }
        axial.clear(msg.get("viewer.empty"));
        followUpPanel = new FollowUpPanel(msg, followUp, this::compareWith, this::writeReport, this::exportReport,
                this::sendReport);
        wireFollowUp();
        layout.addListener((o, a, b) -> arrange());
        arrange();
    }

    public ObjectProperty<Layout> layoutProperty() { return layout; }

    public SliceView axialView() { return axial; }

    public SliceView coronalView() { return coronal; }

    public SliceView sagittalView() { return sagittal; }

    public SliceView priorView() { return prior; }

    /** The second viewport of the 1×2 and 2×2 layouts. */
    public SecondViewport secondViewport() { return second; }

    public MprViewModel mpr() { return mpr; }

    public MeasurementsViewModel measurements() { return measures; }

    /** The view that last had the focus (cine and slab controls act on it). */
    public ObjectProperty<SliceView> activeViewProperty() { return active; }

    public SliceView activeView() { return active.get() == null ? axial : active.get(); }

    public javafx.beans.property.BooleanProperty cinePlayingProperty() { return cinePlaying; }

    /** Cine frame rate (frames per second, 1–60). */
    public void setCineFps(double fps) {
        cineFps = Math.clamp(fps, 1, 60);
        boolean playing = cinePlaying.get();
        cine.stop();
        cine.getKeyFrames().setAll(new javafx.animation.KeyFrame(javafx.util.Duration.millis(1000 / cineFps),
                e -> activeView().viewModel().advanceCine()));
        if (playing) {
            cine.play();
        }
    }

    public double cineFps() { return cineFps; }

    /** Starts or stops cine on the active view (a timeline on the FX thread; rendering stays latest-wins). */
    public void toggleCine() {
        setCinePlaying(!cinePlaying.get());
    }

    public void setCinePlaying(boolean play) {
        if (play && !activeView().hasVolume()) {
            play = false;
        }
        cinePlaying.set(play);
        if (play) {
            cine.play();
        } else {
            cine.stop();
        }
    }

    public CompareViewModel compare() { return compare; }

    public Optional<PriorChoice> priorChoice() { return priorChoice; }

    private void arrange() {
        Layout l = layout.get();
        boolean coronalCompare = l == Layout.COMPARE && coronalRow.isSelected();
        // the crosshair moves the coronal planes of the comparison too
        axial.setCrosshairShown(l.showsMpr() || coronalCompare);
        switch (l) {
            case SINGLE -> setCenter(axial);
            case SIDE_BY_SIDE -> setCenter(row(axial, second));
            case GRID -> setCenter(grid(axial, coronal, sagittal, second));
            case MPR -> setCenter(row(axial, coronal, sagittal));
            case COMPARE -> {
                showBanner();
                VBox left = coronalCompare ? new VBox(2, priorTitle, prior, priorCoronal) : new VBox(priorTitle, prior);
                VBox right = coronalCompare ? new VBox(2, currentTitle, axial, coronal) : new VBox(currentTitle, axial);
                for (SliceView v : coronalCompare ? List.of(prior, priorCoronal, axial, coronal) : List.of(prior, axial)) {
                    VBox.setVgrow(v, Priority.ALWAYS);
                    v.setPrefHeight(10); // rows share the height equally
                }
                HBox row = new HBox(2, left, right);
                HBox.setHgrow(left, Priority.ALWAYS);
                HBox.setHgrow(right, Priority.ALWAYS);
                left.setPrefWidth(10);
                right.setPrefWidth(10);
                StackPane top = new StackPane(banner, coronalRow);
                top.setAlignment(Pos.CENTER);
                StackPane.setAlignment(coronalRow, Pos.CENTER_RIGHT);
                top.setStyle("-fx-background-color: #2a2a10;");
                setCenter(new BorderPane(row, top, followUpPanel, null, null));
                if (current != null) {
                    ensurePrior();
                }
            }
        }
        if (current != null && (l.showsMpr() || coronalCompare)) {
            ensureMprVolumes();
            compareCoronal.align();
        }
        if (current != null && l.showsSecondViewport()) {
            ensureSecond();
        }
        axial.requestFocus();
    }

    /** Four views in equal quarters: top left, top right, bottom left, bottom right. */
    private static javafx.scene.layout.GridPane grid(javafx.scene.layout.Region... views) {
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane(2, 2);
        for (int i = 0; i < 2; i++) {
            javafx.scene.layout.ColumnConstraints c = new javafx.scene.layout.ColumnConstraints();
            c.setPercentWidth(50);
            javafx.scene.layout.RowConstraints r = new javafx.scene.layout.RowConstraints();
            r.setPercentHeight(50);
            grid.getColumnConstraints().add(c);
            grid.getRowConstraints().add(r);
        }
        for (int i = 0; i < views.length; i++) {
            views[i].setMinSize(0, 0);
            views[i].setPrefSize(10, 10); // the constraints share the space, not the views' own sizes
            javafx.scene.layout.GridPane.setHgrow(views[i], Priority.ALWAYS);
            javafx.scene.layout.GridPane.setVgrow(views[i], Priority.ALWAYS);
            grid.add(views[i], i % 2, i / 2);
        }
        return grid;
    }

    /** Equal-width views in a row. */
    private static HBox row(javafx.scene.layout.Region... views) {
        HBox row = new HBox(2, views);
        for (javafx.scene.layout.Region v : views) {
            HBox.setHgrow(v, Priority.ALWAYS);
            v.setPrefWidth(10);
        }
        return row;
    }

    /** The second viewport starts on the open series when nothing else was put there. */
    private void ensureSecond() {
        if (second.shownSeriesUid() == null) {
            second.showMain(current.volume(), current.series(), label(currentStudy, current.series()));
        }
    }

    /**
     * Shows a series in the second viewport (dropped there, or "Show in second viewport" on a series), switching to
     * the 1×2 layout unless a layout with the second viewport is shown.
     */
    public void showInSecondViewport(PatientRecord p, StudyRecord study, SeriesRecord series) {
        FxThread.check();
        if (current == null) {
            return;
        }
        if (series.uid().equals(current.series().uid())) {
            second.showMain(current.volume(), current.series(), label(currentStudy, current.series()));
        } else {
            second.open(series, label(p, study, series), current.series());
        }
        if (!layout.get().showsSecondViewport()) {
            layout.set(Layout.SIDE_BY_SIDE);
        }
    }

    /**
     * Series dragged from the browser: dropped on the main view they open as the current series, on the second
     * viewport they are shown there. {@code resolve} finds the dragged series' request by series UID.
     */
    public void acceptSeriesDrops(java.util.function.Function<String, Optional<BrowserView.OpenRequest>> resolve) {
        acceptSeriesDrop(axial, resolve, r -> open(r.patient(), r.study().study(), r.series(), r.timeline()));
        acceptSeriesDrop(second, resolve, r -> showInSecondViewport(r.patient(), r.study().study(), r.series()));
    }

    private static void acceptSeriesDrop(javafx.scene.Node target,
                                         java.util.function.Function<String, Optional<BrowserView.OpenRequest>> resolve,
                                         Consumer<BrowserView.OpenRequest> action) {
        target.addEventHandler(javafx.scene.input.DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasContent(BrowserView.SERIES_DRAG)) {
                e.acceptTransferModes(javafx.scene.input.TransferMode.COPY);
                e.consume();
            }
        });
        target.addEventHandler(javafx.scene.input.DragEvent.DRAG_DROPPED, e -> {
            Object uid = e.getDragboard().getContent(BrowserView.SERIES_DRAG);
            Optional<BrowserView.OpenRequest> r = uid == null ? Optional.empty() : resolve.apply(uid.toString());
            r.ifPresent(action);
            e.setDropCompleted(r.isPresent());
            e.consume();
        });
    }

    /** Opens a series: the patient's earlier studies give the comparison's prior. */
    public CompletableFuture<Void> open(PatientRecord patient, StudyRecord study, SeriesRecord series,
                                        List<LibraryService.StudyWithSeries> timeline) {
        this.patient = patient;
        this.currentStudy = study;
        this.priorChoices = priorsOf(study, series, timeline);
        this.restoreStarted = false;
        this.priorChoice = priorChoices.stream().findFirst();
        followUpPanel.setPriors(priorChoices, priorChoice);
        followUp.reset(null, null);
        compare.currentToPriorProperty().set(null);
        SeriesVolumes.OpenedSeries old = current, oldPrior = priorSeries;
        priorVolumes.values().stream().filter(v -> v != oldPrior).forEach(this::closeLater);
        priorVolumes.clear();
        setCinePlaying(false);
        measures.close();
        second.reset();
        current = null;
        priorSeries = null;
        axial.clear(msg.get("viewer.opening"));
        coronal.clear("");
        sagittal.clear("");
        prior.clear("");
        priorCoronal.clear("");
        closeLater(old);
        closeLater(oldPrior);
        return volumes.open(series).handleAsync((opened, failure) -> {
            if (failure != null) {
                axial.showError(msg.get("error.open", rootMessage(failure)));
                return null;
            }
            current = opened;
            axial.setVolume(opened.volume(), label(study, series));
            measures.open(series.patient().value(), series.uid().value(), series.frameOfReferenceUid(), opened.volume());
            followUp.reset(patient, new FollowUpViewModel.Scan(study(study, series), opened.volume()));
            currentTitle.setText(msg.get("compare.current", msg.date(study.date())));
            if (layout.get().showsMpr()) {
                ensureMprVolumes();
            }
            if (layout.get().showsSecondViewport()) {
                ensureSecond();
            } else if (layout.get() == Layout.COMPARE) {
                ensurePrior();
            }
            axial.requestFocus();
            return null;
        }, Platform::runLater);
    }

    private void ensureMprVolumes() {
        if (!coronal.hasVolume() || coronal.viewModel().geometryProperty().get() != current.volume().geometry()) {
            SeriesLabel l = label(currentStudy, current.series());
            coronal.setVolume(current.volume(), l);
            sagittal.setVolume(current.volume(), l);
        }
        mpr.start(current.volume().geometry());
    }

    private void ensurePrior() {
        if (priorSeries != null || prior.hasVolume()) {
            compare.align();
            compareCoronal.align();
            FollowUpViewModel.Stage st = followUp.stageProperty().get();
            if (priorSeries != null && priorChoice.isPresent() && compare.currentToPriorProperty().get() == null
                    && st != FollowUpViewModel.Stage.LOADING && st != FollowUpViewModel.Stage.REGISTERING) {
                startLink(priorChoice.get(), priorSeries); // again after a cancel or failure
            }
            return;
        }
        if (priorChoice.isEmpty()) {
            prior.clear(msg.get("compare.noPrior"));
            priorTitle.setText(msg.get("compare.prior", "—"));
            return;
        }
        PriorChoice pc = priorChoice.get();
        priorTitle.setText(msg.get("compare.prior", msg.date(pc.study().date())));
        prior.clear(msg.get("viewer.opening"));
        followUpPanel.setShownPrior(dateOf(pc.study()));
        SeriesVolumes.OpenedSeries forCurrent = current;
        SeriesVolumes.OpenedSeries already = priorVolumes.get(pc.series().uid().value());
        (already != null ? CompletableFuture.completedFuture(already) : volumes.open(pc.series(), firstViewOfPrior(pc), null))
                .handleAsync((opened, failure) -> {
            if (current != forCurrent) {
                closeLater(opened);
                return null;
            }
            if (failure != null) {
                prior.showError(msg.get("error.open", rootMessage(failure)));
                return null;
            }
            priorSeries = opened;
            priorVolumes.put(pc.series().uid().value(), opened);
            compare.unlinked(() -> prior.setVolume(opened.volume(), label(pc.study(), pc.series())));
            compare.align();
            compareCoronal.unlinked(() -> priorCoronal.setVolume(opened.volume(), label(pc.study(), pc.series())));
            compareCoronal.align();
            startLink(pc, opened);
            return null;
        }, Platform::runLater);
    }

    public FollowUpViewModel followUp() { return followUp; }

    /**
     * Where the prior will be shown, loaded first: the registered image of the current view's centre once a
     * registration exists, else the current table position (what the comparison aligns to before registering).
     */
    private SeriesVolumes.FirstView firstViewOfPrior(PriorChoice pc) {
        org.noduletrack.dicom.geom.Vec3 c = axialVm.centerProperty().get();
        Optional<org.noduletrack.render.geom.Affine3> t = followUp.transformTo(dateOf(pc.study()));
        return g -> {
            org.noduletrack.dicom.geom.Vec3 m = g.centerLps();
            double z = t.map(x -> x.applyToPoint(c).z()).orElse(c.z());
            double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (org.noduletrack.dicom.geom.Vec3 k : g.cornersLps()) {
                lo = Math.min(lo, k.z());
                hi = Math.max(hi, k.z());
            }
            // the in-plane centre does not decide which slices load first: only the height does
            return g.planeThrough(ViewOrientation.AXIAL, new org.noduletrack.dicom.geom.Vec3(m.x(), m.y(), Math.clamp(z, lo, hi)));
        };
    }

    /** The volume of the prior shown in the comparison, once open. */
    public Optional<ShortVolume> priorVolume() {
        return Optional.ofNullable(priorSeries).map(SeriesVolumes.OpenedSeries::volume);
    }

    public FollowUpPanel followUpPanel() { return followUpPanel; }

    /** The priors the comparison can show, newest first. */
    public List<PriorChoice> priorChoices() { return priorChoices; }

    /**
     * "Compare with prior": shows {@code pc} beside the current scan and links the two through a registration run in
     * the background (the other priors of the timeline are registered after it, for the nodule table).
     */
    public void compareWith(PriorChoice pc) {
        FxThread.check();
        if (priorChoice.isEmpty() || !priorChoice.get().series().uid().equals(pc.series().uid())) {
            priorChoice = Optional.of(pc);
            priorSeries = null; // stays open in priorVolumes
            compare.currentToPriorProperty().set(null);
            prior.clear("");
            priorCoronal.clear("");
        }
        if (layout.get() != Layout.COMPARE) {
            layout.set(Layout.COMPARE);
        } else if (current != null) {
            ensurePrior();
        }
    }

    /** Enables the follow-up panel's Report button: the PDF is written on {@code work} and filed in the case folder. */
    public void setReportWriter(org.noduletrack.app.workspace.FollowUpReportWriter writer, Executor work) {
        this.reportWriter = writer;
        this.reportWork = work;
    }

    /** The follow-up panel's "Report": the PDF of the table as shown, filed into the patient's case folder. */
    public CompletableFuture<java.nio.file.Path> writeReport() {
        FxThread.check();
        Label status = followUpPanel.reportStatus();
        var c = followUp.snapshot(followUp.guideline().context());
        if (reportWriter == null || c.isEmpty() || c.get().nodules().isEmpty()) {
            status.setText(msg.get("followup.report.nothing"));
            return CompletableFuture.failedFuture(new IllegalStateException("no measured nodule to report"));
        }
        var in = new org.noduletrack.app.workspace.FollowUpReportWriter.Input(c.get(), followUp.volumesByDate(),
                followUp.segmentationsById());
        status.setText(msg.get("followup.report.writing"));
        var writer = reportWriter;
        return CompletableFuture.supplyAsync(() -> {
            try {
                var entry = writer.writeAndFile(in, msg.locale(), LocalDate.now());
                writer.fileOf(entry).orElseThrow(() -> new IllegalStateException("the report was filed without a file"));
                return entry;
            } catch (java.io.IOException e) { // ArchiveException is one
                throw new java.util.concurrent.CompletionException(e);
            }
        }, reportWork).thenApplyAsync(entry -> {
            lastReportEntry = entry;
            lastReport = writer.fileOf(entry).orElseThrow();
            status.setText(msg.get("followup.report.filed", lastReport.toString()));
            reportFiled.run();
            return lastReport;
        }, Platform::runLater).whenComplete((p, e) -> {
            if (e != null) {
                FxThread.run(() -> status.setText(msg.get("followup.report.failed", rootMessage(e))));
            }
        });
    }

    /**
     * The follow-up panel's "Send to PACS…": the report filed last (written first when there is none) goes through the
     * case folder's sending (server choice and confirmation there).
     */
    public void sendReport() {
        FxThread.check();
        if (lastReportEntry != null) {
            sendToPacs.accept(lastReportEntry);
        } else {
            writeReport().thenRun(() -> FxThread.run(() -> sendToPacs.accept(lastReportEntry)));
        }
    }

    /**
     * @param send     sends a filed report (the case folder's Send to PACS)
     * @param onFiled  told when a report was filed (the timeline reloads)
     */
    public void setReportDestinations(Consumer<org.noduletrack.archive.casefolder.ReportEntry> send, Runnable onFiled) {
        this.sendToPacs = send;
        this.reportFiled = onFiled;
    }

    /** Copies the last report to a file the user picks. */
    private void exportReport() {
        if (lastReport == null) {
            followUpPanel.reportStatus().setText(msg.get("followup.report.none"));
            return;
        }
        javafx.stage.FileChooser fc = new javafx.stage.FileChooser();
        fc.setTitle(msg.get("followup.export"));
        fc.setInitialFileName(lastReport.getFileName().toString());
        fc.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter("PDF", "*.pdf"));
        java.io.File f = fc.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f == null) {
            return;
        }
        java.nio.file.Path from = lastReport;
        CompletableFuture.runAsync(() -> {
            try {
                java.nio.file.Files.copy(from, f.toPath(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (java.io.IOException e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, reportWork).whenComplete((v, e) -> FxThread.run(() -> followUpPanel.reportStatus().setText(e != null
                ? msg.get("followup.report.failed", rootMessage(e)) : msg.get("followup.report.exported", f.toString()))));
    }

    /** The toolbar's "Compare with prior": the prior picked in the panel (the most recent one unless changed). */
    public void compareWithPrior() {
        Optional.ofNullable(followUpPanel.priorChooser().getValue()).or(() -> priorChoices.stream().findFirst())
                .ifPresentOrElse(this::compareWith, () -> layout.set(Layout.COMPARE));
    }

    private void startLink(PriorChoice pc, SeriesVolumes.OpenedSeries opened) {
        LocalDate date = dateOf(pc.study());
        Optional<org.noduletrack.render.geom.Affine3> known = followUp.transformTo(date);
        if (known.isPresent()) {
            compare.currentToPriorProperty().set(known.get());
            return;
        }
        SeriesVolumes.OpenedSeries forCurrent = current;
        followUp.link(new FollowUpViewModel.Scan(study(pc.study(), pc.series()), opened.volume()), true)
                .whenComplete((t, e) -> FxThread.run(() -> {
                    if (e == null && current == forCurrent && priorSeries == opened) {
                        compare.currentToPriorProperty().set(t);
                        linkOtherPriors(forCurrent);
                    }
                }));
    }

    /** Registers the timeline's other priors one after another (columns of the nodule table). */
    private void linkOtherPriors(SeriesVolumes.OpenedSeries forCurrent) {
        for (PriorChoice pc : priorChoices) {
            LocalDate date = dateOf(pc.study());
            if (followUp.transformTo(date).isPresent() || priorVolumes.containsKey(pc.series().uid().value())) {
                continue;
            }
            volumes.open(pc.series()).handleAsync((opened, failure) -> {
                if (failure != null || current != forCurrent) {
                    closeLater(opened);
                    return null;
                }
                priorVolumes.put(pc.series().uid().value(), opened);
                followUp.link(new FollowUpViewModel.Scan(study(pc.study(), pc.series()), opened.volume()), false)
                        .whenComplete((t, e) -> FxThread.run(() -> {
                            if (current == forCurrent) {
                                linkOtherPriors(forCurrent);
                            }
                        }));
                return null;
            }, Platform::runLater);
            return; // one at a time: the next starts when this one is registered
        }
        if (!restoreStarted) {
            restoreStarted = true;
            List<org.noduletrack.app.followup.FollowUpStudy> studies = new java.util.ArrayList<>(
                    priorChoices.stream().map(pc -> study(pc.study(), pc.series())).toList());
            studies.add(study(currentStudy, current.series()));
            followUp.restoreSaved(studies);
        }
    }

    private void wireFollowUp() {
        for (SliceView v : List.of(axial, coronal, sagittal)) {
            v.setNoduleOverlay((plane, vol) -> outlines(plane, vol, followUp.current().map(FollowUpViewModel.Scan::date)));
            v.setNoduleClick(() -> measures.toolProperty().get() == MeasurementTool.NODULE, this::measureNoduleAt);
        }
        // the second viewport draws and takes nodules only while it shows the current series
        second.view().setNoduleOverlay((plane, vol) -> second.showsMainSeries()
                ? outlines(plane, vol, followUp.current().map(FollowUpViewModel.Scan::date)) : List.of());
        second.view().setNoduleClick(() -> second.showsMainSeries() && measures.toolProperty().get() == MeasurementTool.NODULE,
                this::measureNoduleAt);
        prior.setNoduleOverlay((plane, vol) -> outlines(plane, vol, priorChoice.map(pc -> dateOf(pc.study()))));
        prior.setNoduleClick(() -> measures.toolProperty().get() == MeasurementTool.NODULE, this::reseedPriorAt);
        priorCoronal.setNoduleOverlay((plane, vol) -> outlines(plane, vol, priorChoice.map(pc -> dateOf(pc.study()))));
        priorCoronal.setNoduleClick(() -> measures.toolProperty().get() == MeasurementTool.NODULE, this::reseedPriorAt);
        // choosing a nodule in the table brings every view to it (the crosshair carries the coronal planes)
        followUp.selectedProperty().addListener((o, a, t) -> {
            if (t != null && (a == null || !a.id().equals(t.id()))) {
                t.latest().segmentation().ifPresent(s -> goTo(s.measurement().centroidLps()));
            }
        });
        Runnable refresh = () -> List.of(axial, coronal, sagittal, prior, priorCoronal, second.view())
                .forEach(SliceView::refreshOverlay);
        followUp.tracks().addListener((javafx.collections.ListChangeListener<NoduleTrack>) c -> refresh.run());
        followUp.selectedProperty().addListener((o, a, b) -> refresh.run());
        followUp.stageProperty().addListener((o, a, b) -> showBanner());
        compare.currentToPriorProperty().addListener((o, a, t) -> {
            prior.setFitOnResize(t == null);
            priorCoronal.setFitOnResize(t == null);
            showBanner();
        });
    }

    private void showBanner() {
        FollowUpViewModel.Stage s = followUp.stageProperty().get();
        banner.setText(compare.currentToPriorProperty().get() != null ? msg.get("compare.bannerLinked")
                : s == FollowUpViewModel.Stage.LOADING || s == FollowUpViewModel.Stage.REGISTERING
                ? msg.get("compare.bannerRegistering") : msg.get("compare.banner"));
    }

    private List<NoduleOverlay.Drawn> outlines(org.noduletrack.render.geom.PlaneLps plane, ShortVolume vol,
                                               Optional<LocalDate> date) {
        if (date.isEmpty()) {
            return List.of();
        }
        List<NoduleOverlay.Drawn> out = new java.util.ArrayList<>();
        NoduleTrack sel = followUp.selectedProperty().get();
        for (NoduleTrack t : followUp.tracks()) {
            t.at(date.get()).filter(a -> a.match() != NoduleTrack.Match.REJECTED).flatMap(NoduleTrack.AtDate::segmentation)
                    .ifPresent(seg -> out.add(new NoduleOverlay.Drawn(t.id(), sel != null && sel.id().equals(t.id()),
                            NoduleOutline.onPlane(maskField(vol, seg), plane.centerLps(), plane.rowDirection(),
                                    plane.columnDirection()))));
        }
        return out;
    }

    /** The display mask of a segmentation (the follow-up workflow's), made once per segmentation and volume. */
    private NoduleOutline.MaskField maskField(ShortVolume vol, org.noduletrack.nodule.segmentation.Segmentation seg) {
        return maskFields.computeIfAbsent(seg, s -> NoduleOutline.MaskField.of(masks.estimate(vol, s)));
    }

    /** Nodule tool on a current-scan view: segment, find on the priors, show. */
    public CompletableFuture<NoduleTrack> measureNoduleAt(org.noduletrack.dicom.geom.Vec3 lps) {
        banner.setText(msg.get("followup.segmenting"));
        return followUp.measureAt(lps).whenComplete((t, e) -> FxThread.run(() -> {
            if (e != null) {
                banner.setText(msg.get("followup.segmentFailed", rootMessage(e)));
                return;
            }
            showBanner();
            goTo(t.latest().segmentation().orElseThrow().measurement().centroidLps());
        }));
    }

    /** Brings the axial view (and, where shown, the crosshair with the other planes) to a point of the current scan. */
    private void goTo(org.noduletrack.dicom.geom.Vec3 c) {
        axialVm.moveThrough(c);
        if (layout.get().showsMpr() || layout.get() == Layout.COMPARE && coronalRow.isSelected()) {
            mpr.crosshairProperty().set(c);
        }
    }

    /** The comparison's coronal row toggle and its prior view. */
    public javafx.scene.control.ToggleButton coronalRowToggle() { return coronalRow; }

    public SliceView priorCoronalView() { return priorCoronal; }

    /** Nodule tool on the prior view: the reader's seed for the selected nodule on the shown prior. */
    private void reseedPriorAt(org.noduletrack.dicom.geom.Vec3 lps) {
        NoduleTrack t = followUp.selectedProperty().get();
        if (t == null || priorChoice.isEmpty()) {
            return;
        }
        followUp.reseed(t, dateOf(priorChoice.get().study()), lps).whenComplete((r, e) -> FxThread.run(() -> {
            if (e != null) {
                banner.setText(msg.get("followup.segmentFailed", rootMessage(e)));
            }
        }));
    }

    static LocalDate dateOf(StudyRecord s) {
        try {
            return LocalDate.parse(s.date(), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        } catch (java.time.format.DateTimeParseException e) {
            return LocalDate.EPOCH; // undated studies sort first
        }
    }

    private static org.noduletrack.app.followup.FollowUpStudy study(StudyRecord study, SeriesRecord s) {
        return new org.noduletrack.app.followup.FollowUpStudy(study.uid(), s.uid(), s.frameOfReferenceUid(), dateOf(study),
                s.description(), s.instances(), s.geometry().sliceThicknessMm());
    }

    /** Every earlier study's best series of the same modality, newest first (the first is the one proposed). */
    static List<PriorChoice> priorsOf(StudyRecord study, SeriesRecord series, List<LibraryService.StudyWithSeries> timeline) {
        return timeline.stream()
                .filter(s -> !s.study().uid().equals(study.uid()) && s.study().date().compareTo(study.date()) < 0)
                .sorted(Comparator.comparing((LibraryService.StudyWithSeries s) -> s.study().date()).reversed())
                .flatMap(s -> s.series().stream().filter(r -> r.modality().equals(series.modality()) && r.instances() > 1)
                        .max(Comparator.comparingInt(SeriesRecord::instances)).map(r -> new PriorChoice(s.study(), r)).stream())
                .toList();
    }

    private SeriesLabel label(StudyRecord study, SeriesRecord series) {
        return label(patient, study, series);
    }

    private static SeriesLabel label(PatientRecord patient, StudyRecord study, SeriesRecord series) {
        String name = patient == null ? "" : patient.name().display();
        return new SeriesLabel(name, study.patientId(), study.date(), series.description(),
                series.number().isPresent() ? String.valueOf(series.number().getAsInt()) : "",
                series.geometry().sliceThicknessMm());
    }

    private void closeLater(SeriesVolumes.OpenedSeries s) {
        if (s != null) {
            ShortVolume v = s.volume();
            delayedClose.execute(v::close);
        }
    }

    /** Frees the shown volumes (the window is being replaced or closed). */
    public void dispose() {
        setCinePlaying(false);
        measures.close();
        second.dispose();
        closeLater(current);
        closeLater(priorSeries);
        priorVolumes.values().stream().filter(v -> v != priorSeries).forEach(this::closeLater);
        priorVolumes.clear();
        current = null;
        priorSeries = null;
        followUp.reset(null, null);
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while ((c instanceof java.util.concurrent.CompletionException || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
