package org.noduletrack.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.noduletrack.app.App;
import org.noduletrack.app.FxSnapshots;
import org.noduletrack.app.view.SliceView;
import org.noduletrack.app.workspace.LibraryService;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.importer.ImportListener;
import org.noduletrack.archive.importer.ImportReport;
import org.noduletrack.archive.index.PatientRecord;
import org.noduletrack.render.api.RenderRequest;
import org.noduletrack.render.engine.RenderEngines;

/**
 * The workstation on a fresh library holding LIDC-IDRI-0001, imported through {@link LibraryService} rather than the
 * import dialog (WorkstationFlowTest covers that): tests built on it are about what the viewer shows, and start fast.
 */
final class LidcWorkstation implements AutoCloseable {
    static final Path LIDC = Path.of(System.getProperty("noduletrack.shared.data", "../../shared/data"), "lidc-idri-0001");
    static final int LIDC_IMAGES = 133;

    final App app;
    private final String testName;
    private Stage stage;

    private LidcWorkstation(App app, String testName) {
        this.app = app;
        this.testName = testName;
    }

    /**
     * Opens the app on {@code temp}'s library with the given renderer and imports the series (blocking, off the FX
     * thread); {@code test} names the failure screenshot.
     */
    static LidcWorkstation open(Path temp, RenderEngines.Preference render, Class<?> test) throws Exception {
        assertThat(Files.isDirectory(LIDC)).as("test data " + LIDC.toAbsolutePath()).isTrue();
        App app = App.open(new App.Options(temp.resolve("library"), false, render, temp.resolve("settings.properties"),
                new NoSourceChooser()));
        LidcWorkstation w = new LidcWorkstation(app, test.getSimpleName());
        try {
            ImportReport r = app.library().importPaths(List.of(LIDC), ImportListener.NONE, new CancelToken())
                    .get(120, TimeUnit.SECONDS);
            assertThat(r.imported()).as("images imported: " + r).isEqualTo(LIDC_IMAGES);
        } catch (Exception | AssertionError e) {
            w.close();
            throw e;
        }
        return w;
    }

    /**
     * Shows the window on a stage of its own at the screen origin (FX thread): headless glass delivers wheel events at
     * the pointer's screen position taken as window-relative, so window and screen coordinates must coincide; and the
     * app's window-state listeners must not stay on TestFX's shared primary stage.
     */
    void show() {
        stage = new Stage();
        stage.setX(0);
        stage.setY(0);
        app.show(stage);
    }

    Stage stage() { return stage; }

    /** Opens the (only) series in the viewer, as a double-click in the series table does. */
    void openSeries() throws Exception {
        LibraryService lib = app.library();
        PatientRecord patient = lib.patients().get(30, TimeUnit.SECONDS).getFirst();
        List<LibraryService.StudyWithSeries> timeline = lib.timeline(patient.key()).get(30, TimeUnit.SECONDS);
        LibraryService.StudyWithSeries study = timeline.getFirst();
        var series = study.series().stream().max(Comparator.comparingInt(s -> s.instances())).orElseThrow();
        FxSnapshots.onFx(() -> app.window().viewer().open(patient, study.study(), series, timeline));
    }

    void waitFor(BooleanSupplier condition, int seconds, String what) throws Exception {
        try {
            FxSnapshots.await(condition, seconds * 1000L, what);
        } catch (java.util.concurrent.TimeoutException e) {
            // what the screen showed, for the CI log's reader
            FxSnapshots.savePng(app.window().scene(), Path.of("target", "ui-failure-" + testName + ".png"));
            throw e;
        }
    }

    /** Waits until the view has drawn a frame for its current state and every slice is loaded. */
    void waitRendered(SliceView v) throws Exception {
        waitFor(() -> v.hasVolume() && v.framesShownProperty().get() > 0, 60, "first frame of " + v.getId());
        waitFor(v::isIdleAndLoaded, 30, "render idle " + v.getId());
        FxSnapshots.settle(50);
        waitFor(v::isIdleAndLoaded, 30, "render idle " + v.getId());
    }

    /** What a view shows, read on the FX thread in one go: its image's pixels and the request its state stands for. */
    record Shown(int width, int height, int[] argb, RenderRequest request, String backend) {}

    static Shown shown(SliceView v) throws Exception {
        return FxSnapshots.onFx(() -> {
            WritableImage img = v.image();
            int w = (int) img.getWidth(), h = (int) img.getHeight();
            int[] px = new int[w * h];
            img.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), px, 0, w);
            var vm = v.viewModel();
            RenderRequest r = RenderRequest.of(vm.plane(), vm.windowProperty().get()).withSlab(vm.slabProperty().get());
            return new Shown(w, h, px, r, v.shownFrame().orElseThrow().backend());
        });
    }

    @Override
    public void close() throws Exception {
        if (stage != null) {
            // the window goes first: a stage left open would be found by later UI tests' look-ups
            FxSnapshots.onFx(() -> stage.close());
        }
        app.close();
    }
}
