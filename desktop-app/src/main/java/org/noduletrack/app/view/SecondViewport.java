package org.noduletrack.app.view;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.noduletrack.app.FxThread;
import org.noduletrack.app.Messages;
import org.noduletrack.app.viewmodel.CompareViewModel;
import org.noduletrack.app.viewmodel.SliceViewModel;
import org.noduletrack.app.workspace.SeriesVolumes;
import org.noduletrack.archive.index.SeriesRecord;
import org.noduletrack.render.api.RenderEngine;
import org.noduletrack.render.api.WindowLevel;
import org.noduletrack.render.geom.Affine3;
import org.noduletrack.render.geom.ViewOrientation;
import org.noduletrack.render.volume.ShortVolume;

/**
 * The second viewport of the 1×2 and 2×2 layouts: an axial view beside the main one. It starts on the main series in
 * the mediastinal window (lung and soft-tissue reading of the same slice side by side); any series dropped onto it
 * replaces that. Scrolling, zoom and pan follow the main view through the identity when both series share a frame of
 * reference (same patient position, so the same LPS point is the same anatomy); otherwise by table position, and the
 * title says so. Windows stay independent.
 */
public final class SecondViewport extends VBox {
    /** Mediastinal window: the classic companion of the lung window on the main view. */
    static final WindowLevel DEFAULT_WINDOW = new WindowLevel(400, 40);

    private final Messages msg;
    private final SeriesVolumes volumes;
    private final Consumer<SeriesVolumes.OpenedSeries> closeLater;
    private final SliceViewModel vm = new SliceViewModel(ViewOrientation.AXIAL, DEFAULT_WINDOW);
    private final SliceView view;
    private final CompareViewModel link;
    private final Label title = new Label();
    /** The series opened for this viewport alone; null while it shows the main view's volume (shared, not owned). */
    private SeriesVolumes.OpenedSeries own;
    private String shownSeriesUid;
    /** Latest wins: a series still opening when another is asked for is closed on arrival. */
    private long generation;
    /** The generation in which the shown volume was set (an own series still opening is not shown yet). */
    private long shownGeneration = -1;

    public SecondViewport(Messages msg, RenderEngine engine, SeriesVolumes volumes, SliceViewModel main,
                          Consumer<SeriesVolumes.OpenedSeries> closeLater) {
        this.msg = msg;
        this.volumes = volumes;
        this.closeLater = closeLater;
        this.view = new SliceView(vm, engine, msg, "second");
        this.link = new CompareViewModel(vm, main, false);
        setId("second-viewport");
        title.setId("second-viewport-title");
        title.setTextFill(Color.web("#dddddd"));
        title.setPadding(new Insets(2, 8, 2, 8));
        title.setMaxWidth(Double.MAX_VALUE);
        VBox.setVgrow(view, Priority.ALWAYS);
        getChildren().addAll(title, view);
        view.clear(msg.get("second.empty"));
        title.setText(msg.get("second.title.empty"));
    }

    public SliceView view() { return view; }

    public SliceViewModel viewModel() { return vm; }

    /** The series shown, by UID; null when empty. */
    public String shownSeriesUid() { return shownSeriesUid; }

    /** Whether the viewport shows the main view's own series (measurements and nodule outlines apply to it). */
    public boolean showsMainSeries() { return shownSeriesUid != null && own == null && generation == shownGeneration; }

    /** Whether the view follows the main view anatomically (same frame of reference) rather than by table position. */
    public boolean linkedByFrameOfReference() { return link.currentToPriorProperty().get() != null; }

    /** Shows the main view's own series (its volume is shared, not reopened). */
    public void showMain(ShortVolume volume, SeriesRecord series, SeriesLabel label) {
        FxThread.check();
        generation++;
        release();
        show(volume, series, label, true);
    }

    /** Opens {@code series} for this viewport (in the background) and links it to the main series {@code main}. */
    public CompletableFuture<Void> open(SeriesRecord series, SeriesLabel label, SeriesRecord main) {
        FxThread.check();
        long gen = ++generation;
        release();
        shownSeriesUid = series.uid().value();
        view.clear(msg.get("viewer.opening"));
        view.setMeasurementsShown(false);
        title.setText(msg.get("second.title.opening", describe(label)));
        return volumes.open(series).handleAsync((opened, failure) -> {
            if (gen != generation) {
                closeLater.accept(opened);
                return null;
            }
            if (failure != null) {
                view.showError(msg.get("error.open", ViewerArea.rootMessage(failure)));
                title.setText(msg.get("second.title.failed", describe(label)));
                return null;
            }
            own = opened;
            show(opened.volume(), series, label, sameFrame(series, main));
            return null;
        }, Platform::runLater);
    }

    /** Empties the viewport (a new main series is being opened). */
    public void reset() {
        FxThread.check();
        generation++;
        release();
        shownSeriesUid = null;
        link.currentToPriorProperty().set(null);
        view.clear(msg.get("second.empty"));
        title.setText(msg.get("second.title.empty"));
    }

    private void show(ShortVolume volume, SeriesRecord series, SeriesLabel label, boolean sameFrame) {
        shownSeriesUid = series.uid().value();
        shownGeneration = generation;
        link.currentToPriorProperty().set(null);
        link.unlinked(() -> view.setVolume(volume, label));
        // the identity is the registration between two series of one frame of reference
        link.currentToPriorProperty().set(sameFrame ? Affine3.IDENTITY : null);
        view.setFitOnResize(!sameFrame); // a linked view takes the main view's zoom; refitting would fight it
        link.align();
        view.setMeasurementsShown(showsMainSeries());
        view.refreshOverlay();
        title.setText(msg.get(sameFrame ? "second.title.linked" : "second.title.tablePosition", describe(label)));
    }

    static boolean sameFrame(SeriesRecord a, SeriesRecord b) {
        String fa = a.frameOfReferenceUid(), fb = b.frameOfReferenceUid();
        return fa != null && !fa.isBlank() && Objects.equals(fa, fb);
    }

    private String describe(SeriesLabel l) {
        String d = l.seriesDescription() == null || l.seriesDescription().isBlank() ? "" : " " + l.seriesDescription();
        return (l.seriesNumber().isBlank() ? "" : "#" + l.seriesNumber()) + d + " · " + msg.date(l.studyDate());
    }

    private void release() {
        if (own != null) {
            closeLater.accept(own);
            own = null;
        }
    }

    /** Frees this viewport's own volume. */
    public void dispose() {
        generation++;
        release();
        shownSeriesUid = null;
    }
}
