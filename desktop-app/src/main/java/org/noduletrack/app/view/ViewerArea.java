package org.noduletrack.app.view;

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
import org.noduletrack.app.Messages;
import org.noduletrack.app.viewmodel.CompareViewModel;
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
 * The viewer: 1×1 axial, MPR (axial, coronal, sagittal with crosshair), or prior and current side by side aligned by
 * table position. Series open on the loader executor; this class only touches nodes on the FX thread.
 */
public final class ViewerArea extends BorderPane {
    private final Messages msg;
    private final SeriesVolumes volumes;
    private final SliceViewModel axialVm = new SliceViewModel(ViewOrientation.AXIAL, WindowLevel.LUNG);
    private final SliceViewModel priorVm = new SliceViewModel(ViewOrientation.AXIAL, WindowLevel.LUNG);
    private final MprViewModel mpr = new MprViewModel(axialVm, WindowLevel.LUNG);
    private final CompareViewModel compare = new CompareViewModel(priorVm, axialVm);
    private final SliceView axial, coronal, sagittal, prior;
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
    private PatientRecord patient;
    private StudyRecord currentStudy;

    /** The study and series to show on the left in the comparison layout. */
    public record PriorChoice(StudyRecord study, SeriesRecord series) {}

    public ViewerArea(Messages msg, RenderEngine engine, SeriesVolumes volumes) {
        this(msg, engine, volumes, MeasurementStore.NONE, Runnable::run);
    }

    /**
     * @param store where measurements are kept
     * @param io    the executor for the store's calls (off the FX thread)
     */
    public ViewerArea(Messages msg, RenderEngine engine, SeriesVolumes volumes, MeasurementStore store, Executor io) {
        this.msg = msg;
        this.volumes = volumes;
        this.measures = new MeasurementsViewModel(store, io, Platform::runLater);
        setId("viewer-area");
        setStyle("-fx-background-color: #101010;");
        axial = new SliceView(axialVm, engine, msg, "axial");
        coronal = new SliceView(mpr.coronal(), engine, msg, "coronal");
        sagittal = new SliceView(mpr.sagittal(), engine, msg, "sagittal");
        prior = new SliceView(priorVm, engine, msg, "prior");
        Consumer<org.noduletrack.dicom.geom.Vec3> setCross = p -> mpr.crosshairProperty().set(p);
        // colours: each view shows the other two planes' lines (axial = red, coronal = green, sagittal = blue)
        axial.showCrosshairLater(mpr.crosshairProperty(), setCross, Color.LIMEGREEN, Color.DODGERBLUE);
        coronal.showCrosshairLater(mpr.crosshairProperty(), setCross, Color.RED, Color.DODGERBLUE);
        sagittal.showCrosshairLater(mpr.crosshairProperty(), setCross, Color.RED, Color.LIMEGREEN);
        for (SliceView v : List.of(axial, coronal, sagittal)) {
            v.setMeasurements(measures);
        }
        for (SliceView v : List.of(axial, coronal, sagittal, prior)) {
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
        layout.addListener((o, a, b) -> arrange());
        arrange();
    }

    public ObjectProperty<Layout> layoutProperty() { return layout; }

    public SliceView axialView() { return axial; }

    public SliceView coronalView() { return coronal; }

    public SliceView sagittalView() { return sagittal; }

    public SliceView priorView() { return prior; }

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
        axial.setCrosshairShown(l == Layout.MPR);
        switch (l) {
            case SINGLE -> setCenter(axial);
            case MPR -> {
                HBox row = new HBox(2, axial, coronal, sagittal);
                for (SliceView v : List.of(axial, coronal, sagittal)) {
                    HBox.setHgrow(v, Priority.ALWAYS);
                    v.setPrefWidth(10);
                }
                setCenter(row);
                if (current != null) {
                    ensureMprVolumes();
                }
            }
            case COMPARE -> {
                banner.setText(msg.get("compare.banner"));
                VBox left = new VBox(priorTitle, prior), right = new VBox(currentTitle, axial);
                VBox.setVgrow(prior, Priority.ALWAYS);
                VBox.setVgrow(axial, Priority.ALWAYS);
                HBox row = new HBox(2, left, right);
                HBox.setHgrow(left, Priority.ALWAYS);
                HBox.setHgrow(right, Priority.ALWAYS);
                left.setPrefWidth(10);
                right.setPrefWidth(10);
                StackPane top = new StackPane(banner);
                top.setAlignment(Pos.CENTER);
                top.setStyle("-fx-background-color: #2a2a10;");
                setCenter(new BorderPane(row, top, null, null, null));
                if (current != null) {
                    ensurePrior();
                }
            }
        }
        axial.requestFocus();
    }

    /** Opens a series: the patient's earlier studies give the comparison's prior. */
    public CompletableFuture<Void> open(PatientRecord patient, StudyRecord study, SeriesRecord series,
                                        List<LibraryService.StudyWithSeries> timeline) {
        this.patient = patient;
        this.currentStudy = study;
        this.priorChoice = choosePrior(study, series, timeline);
        SeriesVolumes.OpenedSeries old = current, oldPrior = priorSeries;
        setCinePlaying(false);
        measures.close();
        current = null;
        priorSeries = null;
        axial.clear(msg.get("viewer.opening"));
        coronal.clear("");
        sagittal.clear("");
        prior.clear("");
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
            currentTitle.setText(msg.get("compare.current", SeriesLabel.formatDate(study.date())));
            if (layout.get() == Layout.MPR) {
                ensureMprVolumes();
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
            return;
        }
        if (priorChoice.isEmpty()) {
            prior.clear(msg.get("compare.noPrior"));
            priorTitle.setText(msg.get("compare.prior", "—"));
            return;
        }
        PriorChoice pc = priorChoice.get();
        priorTitle.setText(msg.get("compare.prior", SeriesLabel.formatDate(pc.study().date())));
        prior.clear(msg.get("viewer.opening"));
        SeriesVolumes.OpenedSeries forCurrent = current;
        volumes.open(pc.series()).handleAsync((opened, failure) -> {
            if (current != forCurrent) {
                closeLater(opened);
                return null;
            }
            if (failure != null) {
                prior.showError(msg.get("error.open", rootMessage(failure)));
                return null;
            }
            priorSeries = opened;
            compare.unlinked(() -> prior.setVolume(opened.volume(), label(pc.study(), pc.series())));
            compare.align();
            return null;
        }, Platform::runLater);
    }

    /** The latest study before this one, and in it the series with the most images of the same modality. */
    static Optional<PriorChoice> choosePrior(StudyRecord study, SeriesRecord series,
                                             List<LibraryService.StudyWithSeries> timeline) {
        return timeline.stream()
                .filter(s -> !s.study().uid().equals(study.uid()) && s.study().date().compareTo(study.date()) < 0)
                .max(Comparator.comparing(s -> s.study().date()))
                .flatMap(s -> s.series().stream().filter(r -> r.modality().equals(series.modality()) && r.instances() > 1)
                        .max(Comparator.comparingInt(SeriesRecord::instances)).map(r -> new PriorChoice(s.study(), r)));
    }

    private SeriesLabel label(StudyRecord study, SeriesRecord series) {
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
        closeLater(current);
        closeLater(priorSeries);
        current = null;
        priorSeries = null;
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
