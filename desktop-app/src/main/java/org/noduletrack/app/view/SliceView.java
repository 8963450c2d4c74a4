package org.noduletrack.app.view;

import java.nio.IntBuffer;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import org.noduletrack.app.FxThread;
import org.noduletrack.app.Messages;
import org.noduletrack.app.viewmodel.Measurement;
import org.noduletrack.app.viewmodel.MeasurementTool;
import org.noduletrack.app.viewmodel.MeasurementsViewModel;
import org.noduletrack.app.viewmodel.RoiStats;
import org.noduletrack.app.viewmodel.SliceViewModel;
import org.noduletrack.app.viewmodel.ViewerCommand;
import org.noduletrack.app.viewmodel.WindowPresets;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.api.Frame;
import org.noduletrack.render.api.RenderEngine;
import org.noduletrack.render.api.RenderRequest;
import org.noduletrack.render.geom.OrientationLabels;
import org.noduletrack.render.geom.PlaneLps;
import org.noduletrack.render.volume.LoadProgress;
import org.noduletrack.render.volume.ShortVolume;

/**
 * One slice view: the rendered frame in a PixelBuffer-backed image, corner overlays, orientation markers and optional
 * crosshair lines. Rendering runs on the engine's threads; a frame reaches the image through a latest-wins hand-off
 * (at most one render in flight, the newest request rendered next). Errors show in place of the image.
 */
public final class SliceView extends StackPane {
    private final SliceViewModel vm;
    private final RenderEngine engine;
    private final Messages msg;
    private final String planeName;
    private final ImageView imageView = new ImageView();
    private final Label topLeft = overlayLabel("overlay-top-left", Pos.TOP_LEFT);
    private final Label topRight = overlayLabel("overlay-top-right", Pos.TOP_RIGHT);
    private final Label bottomLeft = overlayLabel("overlay-bottom-left", Pos.BOTTOM_LEFT);
    private final Label bottomRight = overlayLabel("overlay-bottom-right", Pos.BOTTOM_RIGHT);
    private final Label markLeft = marker(Pos.CENTER_LEFT), markRight = marker(Pos.CENTER_RIGHT);
    private final Label markTop = marker(Pos.TOP_CENTER), markBottom = marker(Pos.BOTTOM_CENTER);
    private final Label message = new Label();
    private final Pane lines = new Pane();
    private final Pane measureLayer = new Pane();
    private MeasurementsViewModel measures;
    /** Off while the view shows another series than the one the measurements belong to (the second viewport). */
    private boolean measurementsShown = true;
    private NoduleOverlay nodules = NoduleOverlay.NONE;
    private Consumer<Vec3> noduleClick;
    private java.util.function.BooleanSupplier noduleToolActive = () -> false;
    private Measurement drawing;
    private boolean selecting;
    private final Line crossH = new Line(), crossV = new Line();
    private final Rectangle border = new Rectangle();
    private final IntegerProperty framesShown = new SimpleIntegerProperty(this, "framesShown");
    private final ObjectProperty<String> error = new SimpleObjectProperty<>(this, "error");
    private final AtomicBoolean progressScheduled = new AtomicBoolean();

    private ShortVolume volume;
    private SeriesLabel label = SeriesLabel.EMPTY;
    private LoadProgress.Listener loadListener;
    private boolean inFlight;
    private boolean dirty;
    private boolean userZoomed;
    private boolean fitOnResize = true;
    private long generation;
    private WritableImage image;
    private IntBuffer imageBuffer;
    private PixelBuffer<IntBuffer> pixelBuffer;
    private Frame shownFrame;
    private ObjectProperty<Vec3> crosshair;
    private Color crossHColor = Color.LIMEGREEN, crossVColor = Color.DODGERBLUE;
    private Consumer<Vec3> crosshairSetter;
    private boolean crosshairShown = true;
    /** Normals of the planes whose traces the horizontal / vertical crosshair lines show (oblique MPR); null: axis lines. */
    private java.util.function.Supplier<Vec3> crossHPlane, crossVPlane;
    /** Receives degrees when the user turns the crosshair lines (Shift + left drag); null where they cannot turn. */
    private java.util.function.DoubleConsumer crosshairRotation;
    private boolean showPatientInfo = true;
    private MouseButton dragButton;
    private double lastX, lastY, pressX, pressY;
    private boolean dragged;
    private double scale = 1;
    private javafx.scene.Scene listenedScene;
    private javafx.stage.Window listenedWindow;
    private java.util.function.Supplier<WindowPresets> windowPresets = () -> WindowPresets.DEFAULTS;

    public SliceView(SliceViewModel vm, RenderEngine engine, Messages msg, String planeName) {
        this.vm = vm;
        this.engine = engine;
        this.msg = msg;
        this.planeName = planeName;
        setId("slice-view-" + planeName);
        getStyleClass().add("slice-view");
        setStyle("-fx-background-color: black;");
        setMinSize(64, 64);
        setPrefSize(512, 512);
        setFocusTraversable(true);
        imageView.setSmooth(false);
        imageView.setPreserveRatio(false);
        message.setId("view-message");
        message.setTextFill(Color.web("#ffcc66"));
        message.setWrapText(true);
        message.setStyle("-fx-font-size: 14px;");
        message.setMaxWidth(420);
        lines.setMouseTransparent(true);
        lines.setManaged(false);
        Rectangle linesClip = new Rectangle(); // oblique lines reach past the view: keep them inside it
        linesClip.widthProperty().bind(widthProperty());
        linesClip.heightProperty().bind(heightProperty());
        lines.setClip(linesClip);
        for (Line l : new Line[] {crossH, crossV}) {
            l.setStrokeWidth(1);
            l.setVisible(false);
            lines.getChildren().add(l);
        }
        measureLayer.setMouseTransparent(true);
        measureLayer.setManaged(false);
        measureLayer.setId("measure-layer");
        border.setFill(null);
        border.setStroke(Color.web("#3a6ea5"));
        border.setStrokeWidth(2);
        border.setVisible(false);
        border.setMouseTransparent(true);
        border.setManaged(false);
        Pane imageLayer = new Pane(imageView);
        imageLayer.setMinSize(0, 0);
        getChildren().addAll(imageLayer, lines, measureLayer, border, topLeft, topRight, bottomLeft, bottomRight, markLeft, markRight,
                markTop, markBottom, message);
        focusedProperty().addListener((o, a, b) -> border.setVisible(b));

        widthProperty().addListener((o, a, b) -> resized());
        sceneProperty().addListener((o, a, sc) -> {
            if (sc != null && sc != listenedScene) {
                listenedScene = sc;
                sc.windowProperty().addListener((o2, a2, w) -> watchRenderScale(w));
                // a view added to a scene already in its window (a series opened, a layout switched) watches it too
                watchRenderScale(sc.getWindow());
            }
        });
        heightProperty().addListener((o, a, b) -> resized());
        vm.centerProperty().addListener((o, a, b) -> changed());
        vm.windowProperty().addListener((o, a, b) -> changed());
        vm.mmPerPixelProperty().addListener((o, a, b) -> changed());
        vm.slabProperty().addListener((o, a, b) -> changed());
        vm.axesRotationProperty().addListener((o, a, b) -> changed());
        installInput();
        updateOverlay();
    }

    private static Label overlayLabel(String id, Pos pos) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("overlay-text");
        l.setMouseTransparent(true);
        l.setTextFill(Color.WHITE);
        // a translucent backing keeps the text readable on bright (zoomed, bone-window, MIP) images
        l.setStyle("-fx-font-size: 12px; -fx-background-color: rgba(0,0,0,0.45); -fx-background-radius: 3;");
        l.setPadding(new Insets(2, 5, 2, 5));
        StackPane.setMargin(l, new Insets(3));
        StackPane.setAlignment(l, pos);
        l.setTextAlignment(pos.getHpos() == javafx.geometry.HPos.RIGHT ? javafx.scene.text.TextAlignment.RIGHT
                : javafx.scene.text.TextAlignment.LEFT);
        return l;
    }

    private static Label marker(Pos pos) {
        Label l = overlayLabel("marker-" + pos.name().toLowerCase(Locale.ROOT), pos);
        l.setTextFill(Color.web("#ffd966"));
        l.setStyle("-fx-font-size: 14px; -fx-font-weight: bold; -fx-background-color: rgba(0,0,0,0.45); -fx-background-radius: 3;");
        StackPane.setMargin(l, pos == Pos.TOP_CENTER ? new Insets(14, 0, 0, 0) : pos == Pos.BOTTOM_CENTER
                ? new Insets(0, 0, 14, 0) : Insets.EMPTY);
        return l;
    }

    public SliceViewModel viewModel() { return vm; }

    public IntegerProperty framesShownProperty() { return framesShown; }

    public ObjectProperty<String> errorProperty() { return error; }

    /** The image as shown (null before the first frame). */
    public WritableImage image() { return image; }

    /** The last frame shown. */
    public Optional<Frame> shownFrame() { return Optional.ofNullable(shownFrame); }

    /** Shows crosshair lines at {@code point} (MPR); clicks then move it through {@code setter}. */
    public void showCrosshairLater(ObjectProperty<Vec3> point, Consumer<Vec3> setter, Color horizontal, Color vertical) {
        this.crosshair = point;
        this.crosshairSetter = setter;
        this.crossHColor = horizontal;
        this.crossVColor = vertical;
        point.addListener((o, a, b) -> updateOverlay());
        updateOverlay();
    }

    /** Draws and edits the measurements of {@code m} (views of the current series). */
    public void setMeasurements(MeasurementsViewModel m) {
        this.measures = m;
        m.measurements().addListener((javafx.collections.ListChangeListener<Measurement>) c -> updateOverlay());
        m.selectedProperty().addListener((o, a, b) -> updateOverlay());
        m.toolProperty().addListener((o, a, b) -> setCursor(b == MeasurementTool.WINDOW_LEVEL ? null
                : javafx.scene.Cursor.CROSSHAIR));
        updateOverlay();
    }

    /**
     * Draws each crosshair line as the trace of another view's plane in this one, so the lines turn with oblique
     * planes; {@code rotation} (may be null) receives the angle when the user turns them with Shift + left drag.
     */
    public void setCrosshairPlanes(java.util.function.Supplier<Vec3> horizontalPlaneNormal,
                                   java.util.function.Supplier<Vec3> verticalPlaneNormal,
                                   java.util.function.DoubleConsumer rotation) {
        this.crossHPlane = horizontalPlaneNormal;
        this.crossVPlane = verticalPlaneNormal;
        this.crosshairRotation = rotation;
        updateOverlay();
    }

    /** Redraws the overlay (crosshair lines, labels) after a change made elsewhere, e.g. an oblique angle. */
    public void redrawOverlay() {
        updateOverlay();
    }

    /** Whether the crosshair lines show and clicks move them (the axial view shows them only in MPR). */
    public void setCrosshairShown(boolean shown) {
        this.crosshairShown = shown;
        updateOverlay();
    }

    /** Shows a volume (FX thread); the model is reset to it. */
    public void setVolume(ShortVolume v, SeriesLabel label) {
        FxThread.check();
        detachProgress();
        this.volume = v;
        this.label = label;
        this.error.set(null);
        this.userZoomed = false;
        generation++;
        syncViewport();
        vm.setGeometry(v.geometry());
        long gen = generation;
        loadListener = new LoadProgress.Listener() {
            @Override
            public void sliceLoaded(int k) { scheduleProgressRender(gen); }

            @Override
            public void completed() { scheduleProgressRender(gen); }

            @Override
            public void failed(Throwable cause) {
                Platform.runLater(() -> showError(msg.get("error.load", cause.getMessage())));
            }
        };
        v.progress().addListener(loadListener);
        changed();
    }

    /** Removes the volume and shows {@code text} in its place. */
    public void showError(String text) {
        FxThread.check();
        error.set(text);
        updateOverlay();
    }

    /** Shows a message (e.g. "Loading…") with no image. */
    public void clear(String text) {
        FxThread.check();
        detachProgress();
        volume = null;
        shownFrame = null;
        label = SeriesLabel.EMPTY;
        imageView.setImage(null);
        image = null;
        error.set(null);
        message.setText(text);
        updateOverlay();
        message.setText(text);
    }

    public boolean hasVolume() { return volume != null; }

    /** No render pending and every slice loaded (tests and screenshots wait for this). */
    public boolean isIdleAndLoaded() {
        return volume != null && !inFlight && !dirty && volume.progress().isComplete();
    }

    private void detachProgress() {
        if (volume != null && loadListener != null) {
            volume.progress().removeListener(loadListener);
        }
        loadListener = null;
    }

    private void scheduleProgressRender(long gen) {
        if (progressScheduled.compareAndSet(false, true)) {
            Platform.runLater(() -> {
                progressScheduled.set(false);
                if (gen == generation) {
                    changed();
                }
            });
        }
    }

    private void resized() {
        syncViewport();
        if (volume != null && !userZoomed && fitOnResize) {
            vm.apply(new ViewerCommand.Fit());
        }
        changed();
    }

    /** Renders again at the new resolution when the window's render scale changes (e.g. moved to a HiDPI screen). */
    private void watchRenderScale(javafx.stage.Window w) {
        if (w != null && w != listenedWindow) {
            listenedWindow = w;
            w.renderScaleXProperty().addListener((o, a, b) -> resized());
            resized();
        }
    }

    /**
     * Device pixels per layout pixel (2 on a 200 % HiDPI screen): frames are rendered at device resolution. The render
     * scale, not the output scale: it is what Prism draws the window at (it follows the output scale unless set, and is
     * rounded up where integer render scales are forced), so a frame of this size is shown 1:1, never resampled.
     */
    private double renderScale() {
        return getScene() != null && getScene().getWindow() != null ? Math.max(1, getScene().getWindow().getRenderScaleX()) : 1;
    }

    private void syncViewport() {
        scale = renderScale();
        vm.viewportWidthProperty().set(Math.max(1, (int) Math.floor(getWidth() * scale)));
        vm.viewportHeightProperty().set(Math.max(1, (int) Math.floor(getHeight() * scale)));
        lines.resize(getWidth(), getHeight());
        measureLayer.resize(getWidth(), getHeight());
        border.setWidth(Math.max(0, getWidth() - 2));
        border.setHeight(Math.max(0, getHeight() - 2));
        border.setX(1);
        border.setY(1);
    }

    /** State changed: overlays now, a frame as soon as the renderer is free. */
    private void changed() {
        updateOverlay();
        requestRender();
    }

    private void requestRender() {
        if (volume == null || error.get() != null || getWidth() < 1 || getHeight() < 1) {
            return;
        }
        if (inFlight) {
            dirty = true;
            return;
        }
        inFlight = true;
        dirty = false;
        long gen = generation;
        RenderRequest request;
        try {
            request = RenderRequest.of(vm.plane(), vm.windowProperty().get()).withSlab(vm.slabProperty().get());
        } catch (RuntimeException e) {
            inFlight = false;
            showError(msg.get("error.render", e.getMessage()));
            return;
        }
        engine.render(volume, request).whenComplete((frame, failure) -> Platform.runLater(() -> {
            inFlight = false;
            if (gen != generation) {
                requestRender();
                return;
            }
            if (failure != null) {
                Throwable c = failure.getCause() != null ? failure.getCause() : failure;
                showError(msg.get("error.render", String.valueOf(c.getMessage())));
            } else {
                present(frame);
            }
            if (dirty) {
                requestRender();
            }
        }));
    }

    private void present(Frame f) {
        if (image == null || (int) image.getWidth() != f.width() || (int) image.getHeight() != f.height()) {
            imageBuffer = java.nio.ByteBuffer.allocateDirect(f.width() * f.height() * 4)
                    .order(java.nio.ByteOrder.nativeOrder()).asIntBuffer();
            pixelBuffer = new PixelBuffer<>(f.width(), f.height(), imageBuffer, PixelFormat.getIntArgbPreInstance());
            image = new WritableImage(pixelBuffer);
            imageView.setImage(image);
        }
        pixelBuffer.updateBuffer(b -> {
            imageBuffer.put(0, f.argb(), 0, f.width() * f.height());
            return null;
        });
        imageView.setFitWidth(f.width() / scale);
        imageView.setFitHeight(f.height() / scale);
        shownFrame = f;
        framesShown.set(framesShown.get() + 1);
    }

    private void updateOverlay() {
        boolean has = volume != null && vm.hasVolume();
        String err = error.get();
        if (err != null) {
            imageView.setImage(null);
            image = null;
            message.setText(err);
        } else if (has) {
            int loaded = volume.progress().loadedCount(), total = volume.progress().sliceCount();
            message.setText(loaded < total && shownFrame == null ? msg.get("viewer.loading", loaded, total) : "");
        }
        for (Label l : new Label[] {topLeft, topRight, bottomLeft, bottomRight, markLeft, markRight, markTop, markBottom}) {
            l.setVisible(has && err == null);
        }
        crossH.setVisible(false);
        crossV.setVisible(false);
        measureLayer.getChildren().clear();
        if (!has || err != null) {
            return;
        }
        String loading = volume.progress().isComplete() ? ""
                : msg.get("viewer.loading", volume.progress().loadedCount(), volume.progress().sliceCount());
        String planeText = msg.get("plane." + planeName);
        boolean compact = getWidth() < 600;
        String patientLines = lines(label.patientName(), label.patientId(), msg.date(label.studyDate()));
        String seriesLines = lines(label.seriesDescription(), msg.get("overlay.series", label.seriesNumber()));
        if (!compact) {
            topLeft.setText(patientLines);
            topRight.setText(lines(seriesLines, planeText, loading));
        } else if (showPatientInfo) {
            topLeft.setText(lines(patientLines, planeText, loading));
            topRight.setText("");
        } else {
            topLeft.setText(lines(planeText, loading));
            topRight.setText("");
        }
        String thickness = Double.isFinite(label.thicknessMm()) && label.thicknessMm() > 0
                ? String.format(Locale.ROOT, "%.2f", label.thicknessMm()) : "?";
        var slab = vm.slabProperty().get();
        String thick = slab.thin() ? msg.get("overlay.thickness", thickness)
                : msg.get("overlay.slab", msg.get("slab." + slab.mode().name().toLowerCase(Locale.ROOT)),
                String.format(Locale.ROOT, "%.1f", slab.thicknessMm()));
        bottomLeft.setText(msg.get("overlay.image", vm.sliceIndex() + 1, vm.sliceCount()) + "\n"
                + msg.get("overlay.position", String.format(Locale.ROOT, "%.1f", vm.positionMm())) + "\n" + thick);
        var w = vm.windowProperty().get();
        // voxels per layout pixel, not per device pixel: the same image size on screen reads the same at 100 % and 200 %
        bottomRight.setText(msg.get("overlay.window", String.format(Locale.ROOT, "%.0f", w.width()),
                String.format(Locale.ROOT, "%.0f", w.center())) + "\n"
                + msg.get("overlay.zoom", String.format(Locale.ROOT, "%.2f", vm.zoomFactor() / scale)));
        OrientationLabels.EdgeLabels edges = OrientationLabels.ofImage(vm.rowDirection(),
                vm.columnDirection());
        markLeft.setText(edges.left());
        markRight.setText(edges.right());
        markTop.setText(edges.top());
        markBottom.setText(edges.bottom());
        if (crosshairShown && crosshair != null && crosshair.get() != null) {
            PlaneLps plane = vm.plane();
            PlaneLps.PlanePoint p = plane.lpsToPlane(crosshair.get());
            double x = (p.x() + 0.5) / scale, y = (p.y() + 0.5) / scale;
            trace(crossH, x, y, crossHPlane, new double[] {1, 0});
            crossH.setStroke(crossHColor);
            trace(crossV, x, y, crossVPlane, new double[] {0, 1});
            crossV.setStroke(crossVColor);
            crossH.setVisible(true);
            crossV.setVisible(true);
        }
        for (Label l : new Label[] {topLeft, topRight, bottomLeft, bottomRight}) {
            l.setVisible(l.getText() != null && !l.getText().isBlank()); // no empty backing boxes
        }
        drawNodules();
        drawMeasurements();
    }

    /**
     * The line through (x, y) along the intersection of this view's plane with the plane of normal {@code other}
     * (screen direction: its components on the row and column directions); {@code axis} when there is none.
     */
    private void trace(Line line, double x, double y, java.util.function.Supplier<Vec3> other, double[] axis) {
        double dx = axis[0], dy = axis[1];
        if (other != null) {
            Vec3 d = vm.normal().cross(other.get());
            double sx = d.dot(vm.rowDirection()), sy = d.dot(vm.columnDirection());
            double len = Math.hypot(sx, sy);
            if (len > 1e-6) { // parallel planes have no trace: keep the axis line
                dx = sx / len;
                dy = sy / len;
                if (dx * axis[0] + dy * axis[1] < 0) { // same sense as the unrotated line, for a stable drag angle
                    dx = -dx;
                    dy = -dy;
                }
            }
        }
        double reach = 2 * (getWidth() + getHeight());
        line.setStartX(x - dx * reach);
        line.setStartY(y - dy * reach);
        line.setEndX(x + dx * reach);
        line.setEndY(y + dy * reach);
    }

    /** Shows and edits the measurements (when set) or not: they belong to one series. */
    public void setMeasurementsShown(boolean shown) {
        this.measurementsShown = shown;
        updateOverlay();
    }

    /** The nodule outlines this view draws (follow-up); redrawn with every overlay update. */
    public void setNoduleOverlay(NoduleOverlay overlay) {
        this.nodules = overlay;
        updateOverlay();
    }

    /** Where a left click goes while the Nodule tool is active (the LPS point under the pointer). */
    public void setNoduleClick(java.util.function.BooleanSupplier toolActive, Consumer<Vec3> onClick) {
        this.noduleToolActive = toolActive;
        this.noduleClick = onClick;
    }

    /** Redraws the overlays (the nodule table changed). */
    public void refreshOverlay() {
        updateOverlay();
    }

    private void drawNodules() {
        if (volume == null || error.get() != null) {
            return;
        }
        PlaneLps plane = vm.plane();
        for (NoduleOverlay.Drawn d : nodules.on(plane, volume)) {
            javafx.scene.shape.Path path = new javafx.scene.shape.Path();
            path.getStyleClass().add("nodule-outline");
            path.setId("nodule-outline-" + d.id());
            double minX = Double.MAX_VALUE, minY = Double.MAX_VALUE, maxX = -Double.MAX_VALUE;
            for (var seg : d.segments()) {
                double[] a = toView(plane, seg.aLps()), b = toView(plane, seg.bLps());
                path.getElements().add(new javafx.scene.shape.MoveTo(a[0], a[1]));
                path.getElements().add(new javafx.scene.shape.LineTo(b[0], b[1]));
                minX = Math.min(minX, Math.min(a[0], b[0]));
                minY = Math.min(minY, Math.min(a[1], b[1]));
                maxX = Math.max(maxX, Math.max(a[0], b[0]));
            }
            Color c = d.selected() ? Color.web("#ff9b3d") : Color.web("#4dd2ff");
            path.setStroke(c);
            path.setStrokeWidth(d.selected() ? 2 : 1.5);
            measureLayer.getChildren().add(path);
            if (!d.segments().isEmpty()) {
                Label tag = new Label(d.id());
                tag.getStyleClass().add("nodule-tag");
                tag.setTextFill(c);
                tag.setStyle("-fx-font-size: 13px; -fx-font-weight: bold; -fx-background-color: rgba(0,0,0,0.55);"
                        + " -fx-background-radius: 3; -fx-padding: 0 3 0 3;");
                tag.relocate(maxX + 4, minY - 18);
                measureLayer.getChildren().add(tag);
            }
        }
    }

    private static final Color MEASURE = Color.web("#ffd84d"), MEASURE_SELECTED = Color.web("#4dd2ff");

    /** The measurements on the shown plane (and the one being drawn), placed from their LPS points. */
    private void drawMeasurements() {
        if (measures == null || !measurementsShown) {
            return;
        }
        PlaneLps plane = vm.plane();
        java.util.List<Measurement> shown = new java.util.ArrayList<>(measures.onPlane(plane, vm.sliceStepMm()));
        if (drawing != null) {
            shown.add(drawing);
        }
        for (Measurement m : shown) {
            boolean sel = m == drawing || m.equals(measures.selectedProperty().get());
            Color c = sel ? MEASURE_SELECTED : MEASURE;
            double[] a = toView(plane, m.a()), b = toView(plane, m.b());
            Label text = new Label();
            text.getStyleClass().add("measurement-label");
            text.setTextFill(c);
            text.setStyle("-fx-font-size: 13px; -fx-font-weight: bold; -fx-background-color: rgba(0,0,0,0.55);"
                    + " -fx-background-radius: 3; -fx-padding: 1 4 1 4;");
            text.setUserData(m.id());
            if (m.kind() == Measurement.Kind.LENGTH) {
                Line l = new Line(a[0], a[1], b[0], b[1]);
                l.setStroke(c);
                l.setStrokeWidth(sel ? 2 : 1.5);
                measureLayer.getChildren().add(l);
                for (double[] e : new double[][] {a, b}) {
                    javafx.scene.shape.Circle dot = new javafx.scene.shape.Circle(e[0], e[1], 2.5, c);
                    measureLayer.getChildren().add(dot);
                }
                text.setId("measurement-length");
                text.setText(msg.get("measure.length", String.format(Locale.ROOT, "%.1f", m.lengthMm())));
                // above the right-hand end, clear of the line
                double[] end = a[0] >= b[0] ? a : b;
                text.relocate(end[0] + 6, end[1] - 24);
            } else {
                double cx = (a[0] + b[0]) / 2, cy = (a[1] + b[1]) / 2;
                javafx.scene.shape.Ellipse e = new javafx.scene.shape.Ellipse(cx, cy, Math.abs(b[0] - a[0]) / 2,
                        Math.abs(b[1] - a[1]) / 2);
                e.setFill(null);
                e.setStroke(c);
                e.setStrokeWidth(sel ? 2 : 1.5);
                measureLayer.getChildren().add(e);
                text.setId("measurement-ellipse");
                Optional<RoiStats> st = m == drawing ? Optional.empty() : measures.stats(m);
                text.setText(st.filter(r -> r.voxels() > 0).map(r -> msg.get("measure.ellipse",
                        String.format(Locale.ROOT, "%.1f", r.mean()), String.format(Locale.ROOT, "%.1f", r.sd()),
                        String.format(Locale.ROOT, "%.1f", m.ellipseAreaMm2()), r.voxels()))
                        .orElse(msg.get("measure.ellipseArea", String.format(Locale.ROOT, "%.1f", m.ellipseAreaMm2()))));
                if (st.isPresent() && !vm.slabProperty().get().thin()) {
                    text.setText(text.getText() + "\n" + msg.get("measure.thinNote"));
                }
                // below the ellipse, so that a length label beside it never covers it
                text.relocate(Math.min(a[0], b[0]), Math.max(a[1], b[1]) + 6);
            }
            measureLayer.getChildren().add(text);
        }
    }

    private double[] toView(PlaneLps plane, Vec3 p) {
        PlaneLps.PlanePoint q = plane.lpsToPlane(p);
        return new double[] {(q.x() + 0.5) / scale, (q.y() + 0.5) / scale};
    }

    /** The measurement on the shown plane within a few pixels of the view point (x, y), if any. */
    private Optional<Measurement> measurementAt(double x, double y) {
        if (measures == null || !measurementsShown) {
            return Optional.empty();
        }
        PlaneLps plane = vm.plane();
        Measurement best = null;
        double bestD = 6;
        for (Measurement m : measures.onPlane(plane, vm.sliceStepMm())) {
            double[] a = toView(plane, m.a()), b = toView(plane, m.b());
            double d;
            if (m.kind() == Measurement.Kind.LENGTH) {
                d = segmentDistance(x, y, a, b);
            } else {
                double cx = (a[0] + b[0]) / 2, cy = (a[1] + b[1]) / 2;
                double rx = Math.max(1, Math.abs(b[0] - a[0]) / 2), ry = Math.max(1, Math.abs(b[1] - a[1]) / 2);
                double r = Math.hypot((x - cx) / rx, (y - cy) / ry);
                d = Math.abs(r - 1) * Math.min(rx, ry);
            }
            if (d < bestD) {
                bestD = d;
                best = m;
            }
        }
        return Optional.ofNullable(best);
    }

    private static double segmentDistance(double x, double y, double[] a, double[] b) {
        double dx = b[0] - a[0], dy = b[1] - a[1];
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.clamp(((x - a[0]) * dx + (y - a[1]) * dy) / len2, 0, 1);
        return Math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy));
    }

    private static String lines(String... parts) {
        return String.join("\n", java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).toList());
    }

    /**
     * Whether a resize refits the image (default). Off for a prior linked through a registration: its plane and zoom
     * follow the current view, and a fit of its own would pull the current view off its anatomy.
     */
    public void setFitOnResize(boolean fit) {
        this.fitOnResize = fit;
    }

    /** Whether this view's overlay names the patient when space is short (false for the MPR side views). */
    public void setShowPatientInfo(boolean show) {
        this.showPatientInfo = show;
        updateOverlay();
    }

    /** The patient point under a view pixel. */
    public Vec3 pointAt(double x, double y) {
        return vm.plane().pixelToLps(x * scale - 0.5, y * scale - 0.5);
    }

    /** Applies a command (keys and mouse map to these). */
    public void apply(ViewerCommand c) {
        if (c instanceof ViewerCommand.Zoom || c instanceof ViewerCommand.Pan) {
            userZoomed = true;
        } else if (c instanceof ViewerCommand.Reset || c instanceof ViewerCommand.Fit) {
            userZoomed = false;
        }
        vm.apply(c);
    }

    private void installInput() {
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            requestFocus();
            dragButton = e.getButton();
            lastX = pressX = e.getX();
            lastY = pressY = e.getY();
            dragged = false;
            selecting = false;
            drawing = null;
            if (dragButton == MouseButton.PRIMARY && noduleClick != null && volume != null && noduleToolActive.getAsBoolean()) {
                noduleClick.accept(pointAt(e.getX(), e.getY()));
                selecting = true; // a click, not a window drag
                return;
            }
            if (dragButton == MouseButton.PRIMARY && !e.isControlDown() && measures != null && measurementsShown
                    && volume != null) {
                Optional<Measurement> hit = measurementAt(e.getX(), e.getY());
                if (hit.isPresent()) {
                    measures.selectedProperty().set(hit.get());
                    selecting = true;
                    return;
                }
                measures.selectedProperty().set(null);
                drawing = measures.begin(pointAt(e.getX(), e.getY()), vm.plane()).orElse(null);
                if (drawing != null) {
                    return;
                }
            }
            if (dragButton == MouseButton.PRIMARY && e.isControlDown() && crosshairShown && crosshairSetter != null && volume != null) {
                crosshairSetter.accept(pointAt(e.getX(), e.getY()));
            }
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            double dx = e.getX() - lastX, dy = e.getY() - lastY;
            lastX = e.getX();
            lastY = e.getY();
            if (Math.abs(e.getX() - pressX) + Math.abs(e.getY() - pressY) > 3) {
                dragged = true;
            }
            // headless glass reports no buttons down while dragging: use the button recorded at the press
            MouseButton b = dragButton == null ? e.getButton() : dragButton;
            if (b == MouseButton.PRIMARY && (drawing != null || selecting)) {
                if (drawing != null) {
                    drawing = drawing.withB(pointAt(e.getX(), e.getY()));
                    updateOverlay();
                }
                return;
            }
            if (b == MouseButton.PRIMARY && e.isShiftDown() && crosshairShown && crosshairRotation != null
                    && crosshair != null && crosshair.get() != null) {
                PlaneLps.PlanePoint c = vm.plane().lpsToPlane(crosshair.get());
                double cx = (c.x() + 0.5) / scale, cy = (c.y() + 0.5) / scale;
                double before = Math.atan2(e.getY() - dy - cy, e.getX() - dx - cx);
                double after = Math.atan2(e.getY() - cy, e.getX() - cx);
                double delta = Math.IEEEremainder(after - before, 2 * Math.PI);
                // screen y points down: a clockwise drag on screen turns the planes the other way round the normal
                crosshairRotation.accept(-Math.toDegrees(delta));
            } else if (b == MouseButton.PRIMARY && e.isControlDown() && crosshairShown && crosshairSetter != null) {
                crosshairSetter.accept(pointAt(e.getX(), e.getY()));
            } else if (b == MouseButton.PRIMARY) {
                apply(new ViewerCommand.AdjustWindow(dx, dy));
            } else if (b == MouseButton.SECONDARY) {
                apply(new ViewerCommand.Zoom(Math.exp(-dy * 0.01)));
            } else if (b == MouseButton.MIDDLE) {
                apply(new ViewerCommand.Pan(dx * scale, dy * scale));
            }
        });
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (drawing != null) {
                Measurement m = drawing.withB(pointAt(e.getX(), e.getY()));
                drawing = null;
                measures.add(m);
                dragButton = null;
                updateOverlay();
                return;
            }
            if (selecting) {
                selecting = false;
                dragButton = null;
                return;
            }
            if (dragButton == MouseButton.PRIMARY && !dragged && !e.isShiftDown() && crosshairShown
                    && crosshairSetter != null && volume != null) {
                crosshairSetter.accept(pointAt(e.getX(), e.getY()));
            }
            dragButton = null;
        });
        addEventHandler(ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() != 0) {
                apply(new ViewerCommand.ScrollSlices(e.getDeltaY() < 0 ? 1 : -1));
                e.consume();
            }
        });
        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (measures != null && !e.isShortcutDown()) {
                switch (e.getCode()) {
                    case L -> measures.toolProperty().set(MeasurementTool.LENGTH);
                    case N -> measures.toolProperty().set(MeasurementTool.NODULE);
                    case E -> measures.toolProperty().set(MeasurementTool.ELLIPSE);
                    case ESCAPE -> {
                        drawing = null;
                        measures.toolProperty().set(MeasurementTool.WINDOW_LEVEL);
                        updateOverlay();
                    }
                    case DELETE, BACK_SPACE -> measures.deleteSelected();
                    default -> { }
                }
                if (e.getCode() == KeyCode.L || e.getCode() == KeyCode.N || e.getCode() == KeyCode.E || e.getCode() == KeyCode.ESCAPE
                        || e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                    e.consume();
                    return;
                }
            }
            ViewerCommand c = keyCommand(e.getCode(), windowPresets.get());
            if (c != null) {
                apply(c);
                e.consume();
            }
        });
    }

    /** The presets on the digit keys (the user's, read at each key press). */
    public void setWindowPresets(java.util.function.Supplier<WindowPresets> presets) {
        this.windowPresets = presets;
    }

    /** The command a key stands for, or null. */
    public static ViewerCommand keyCommand(KeyCode code, WindowPresets presets) {
        return switch (code) {
            case DOWN, RIGHT -> new ViewerCommand.ScrollSlices(1);
            case UP, LEFT -> new ViewerCommand.ScrollSlices(-1);
            case PAGE_DOWN -> new ViewerCommand.ScrollSlices(10);
            case PAGE_UP -> new ViewerCommand.ScrollSlices(-10);
            case HOME -> new ViewerCommand.FirstSlice();
            case END -> new ViewerCommand.LastSlice();
            case R -> new ViewerCommand.Reset();
            case F -> new ViewerCommand.Fit();
            case DIGIT1, NUMPAD1, DIGIT2, NUMPAD2, DIGIT3, NUMPAD3, DIGIT4, NUMPAD4, DIGIT5, NUMPAD5, DIGIT6, NUMPAD6,
                 DIGIT7, NUMPAD7, DIGIT8, NUMPAD8, DIGIT9, NUMPAD9 -> {
                int n = code.getChar().isEmpty() ? 0 : code.getChar().charAt(0) - '0';
                if (code.name().startsWith("NUMPAD")) {
                    n = code.name().charAt(6) - '0';
                }
                yield presets.forDigit(n).map(p -> (ViewerCommand) new ViewerCommand.ApplyPreset(p)).orElse(null);
            }
            default -> null;
        };
    }
}
