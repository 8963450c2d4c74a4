package org.noduletrack.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javafx.stage.Stage;
import org.noduletrack.app.App;
import org.noduletrack.app.FxSnapshots;
import org.noduletrack.app.Workstation;
import org.noduletrack.app.view.SliceView;
import org.noduletrack.app.view.SourceChooser;
import org.noduletrack.app.view.ViewerArea;
import org.noduletrack.app.viewmodel.FollowUpViewModel;
import org.noduletrack.app.workspace.DemoLibrary;
import org.noduletrack.app.workspace.LibraryService;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.importer.ImportListener;
import org.noduletrack.archive.index.PatientRecord;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.registration.RigidRegistration;
import org.noduletrack.nodule.segmentation.NoduleSegmenter;
import org.noduletrack.render.engine.RenderEngines;
import org.noduletrack.samples.generator.DemoPatientGenerator;
import org.noduletrack.samples.truth.GroundTruth;
import org.noduletrack.samples.truth.GroundTruthJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code noduletrack bench ui}: the follow-up workspace on the generated demo patient, driven like a reader on
 * JavaFX's headless platform. Times "Compare with prior" → linked viewing (prior loaded and registered, the views
 * linked) and a click with the Nodule tool → outline drawn (segmented on the current scan, found on both priors). The
 * baselines, measured in the same run on the same volumes, are the bare registration and the bare segmentation of the
 * current scan: the ratios show what the UI and the priors add. Then the viewer itself: open → first image, the
 * frame time of scrolling an MPR view and the 2×2 layout, and how long the FX thread kept events waiting meanwhile
 * (against an idle window in the same run), with the CPU reference and with the GPU renderer in the same run.
 */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = "UI timings on the demo patient (headless): Compare -> linked, click -> contour, open -> first"
                + " image, MPR scroll frame time (CPU and GPU renderer).")
public final class BenchUiCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "FILE", description = "also write the JSON here (e.g. bench-results/desktop-app/bench-ui.json)")
    Path out;

    @Option(names = "--runs", description = "Compare runs (each re-opens the current scan; default 3)")
    int runs = 3;

    @Override
    public Integer call() throws Exception {
        if (System.getenv("DISPLAY") == null && System.getProperty("glass.platform") == null) {
            System.setProperty("glass.platform", "headless");
            System.setProperty("prism.order", "sw");
        }
        Path work = Files.createTempDirectory("noduletrack-bench-ui");
        try {
            Path demo = work.resolve("demo");
            Path patientDir = DemoPatientGenerator.fromBundledSample().generate(demo, DemoLibrary.SEED, DemoLibrary.TIMEPOINTS)
                    .directory();
            GroundTruth truth = new GroundTruthJson().read(demo.resolve("ground-truth.json"));
            App app = App.open(new App.Options(work.resolve("library"), false, RenderEngines.Preference.CPU,
                    work.resolve("settings.properties"), SourceChooser.native_()));
            Map<String, Object> result;
            Map<String, Object> viewer = new LinkedHashMap<>();
            Workstation.startToolkit();
            javafx.application.Platform.setImplicitExit(false);
            try {
                FxSnapshots.onFx(() -> {
                    Stage stage = new Stage();
                    app.show(stage);
                });
                app.library().importPaths(List.of(patientDir), ImportListener.NONE, new CancelToken()).get();
                result = measure(app, truth);
                viewer.put("cpu", measureViewer(app));
            } finally {
                FxSnapshots.onFx(() -> app.stage().close());
                app.close();
            }
            try {
                viewer.put("gpu", viewerOnGpu(work)); // the library is locked by one workstation at a time
            } finally {
                javafx.application.Platform.exit();
            }
            result.put("viewer", viewer);
            ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            String text = json.writeValueAsString(result);
            System.out.println(text);
            if (out != null) {
                if (out.toAbsolutePath().getParent() != null) {
                    Files.createDirectories(out.toAbsolutePath().getParent());
                }
                Files.writeString(out, text + "\n");
            }
        } finally {
            DemoLibrary.deleteTree(work);
        }
        return 0;
    }

    private Map<String, Object> measure(App app, GroundTruth truth) throws Exception {
        ViewerArea viewer = FxSnapshots.onFx(() -> app.window().viewer());
        FollowUpViewModel fu = viewer.followUp();
        List<Double> linkedMs = new ArrayList<>(), priorFrameMs = new ArrayList<>();
        for (int r = 0; r < Math.max(1, runs); r++) {
            openLatest(app);
            SliceView axial = viewer.axialView();
            FxSnapshots.await(() -> axial.isIdleAndLoaded(), 120_000, "current scan loaded");
            long t0 = System.nanoTime();
            FxSnapshots.onFx(viewer::compareWithPrior);
            int frames0 = FxSnapshots.onFx(() -> viewer.priorView().framesShownProperty().get());
            boolean[] firstFrame = {false};
            FxSnapshots.await(() -> {
                if (!firstFrame[0] && viewer.priorView().framesShownProperty().get() > frames0 && viewer.priorView().hasVolume()) {
                    firstFrame[0] = true;
                    priorFrameMs.add((System.nanoTime() - t0) / 1e6);
                }
                return fu.stageProperty().get() == FollowUpViewModel.Stage.LINKED
                        || fu.stageProperty().get() == FollowUpViewModel.Stage.FAILED;
            }, 180_000, "linked");
            if (fu.stageProperty().get() != FollowUpViewModel.Stage.LINKED) {
                throw new IllegalStateException("registration failed: " + fu.failureProperty().get());
            }
            linkedMs.add((System.nanoTime() - t0) / 1e6);
        }
        FxSnapshots.await(() -> fu.dates().size() == truth.timepoints().size() && fu.busyProperty().get() == 0, 180_000,
                "every prior registered");

        // baseline: the bare registration of the same two volumes, same process, same machine
        var cur = fu.current().orElseThrow();
        var priorVolume = priorVolumeOf(viewer);
        long b0 = System.nanoTime();
        new RigidRegistration().register(cur.volume(), priorVolume);
        double registrationMs = (System.nanoTime() - b0) / 1e6;

        List<Map<String, Object>> clicks = new ArrayList<>();
        NoduleSegmenter bare = new NoduleSegmenter();
        for (GroundTruth.Nodule n : truth.nodules()) {
            var now = n.timepoints().getLast();
            if (!now.present()) {
                continue;
            }
            Vec3 c = new Vec3(now.centreMm()[0], now.centreMm()[1], now.centreMm()[2]);
            long s0 = System.nanoTime();
            bare.segment(cur.volume(), cur.series(), c);
            double segMs = (System.nanoTime() - s0) / 1e6;
            int before = FxSnapshots.onFx(() -> fu.tracks().size());
            long t0 = System.nanoTime();
            FxSnapshots.onFx(() -> viewer.measureNoduleAt(c));
            FxSnapshots.await(() -> fu.tracks().size() > before
                    && viewer.axialView().lookup("#nodule-outline-" + fu.tracks().getLast().id()) != null, 60_000, "contour");
            double ms = (System.nanoTime() - t0) / 1e6;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("nodule", n.id());
            m.put("click_to_contour_ms", round(ms));
            m.put("bare_segmentation_ms", round(segMs));
            m.put("priors_matched", FxSnapshots.onFx(() -> fu.tracks().getLast().dates().stream()
                    .filter(a -> a.segmentation().isPresent()).count() - 1));
            clicks.add(m);
        }
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("benchmark", "ui-followup");
        res.put("data", "generated demo patient, seed " + DemoLibrary.SEED + ", " + truth.timepoints().size()
                + " timepoints (current " + truth.timepoints().getLast().slices() + " slices, prior "
                + truth.timepoints().get(truth.timepoints().size() - 2).slices() + " slices)");
        res.put("platform", "JavaFX " + System.getProperty("javafx.runtime.version") + ", glass "
                + System.getProperty("glass.platform", "default") + ", CPU renderer");
        BenchMachine.current().putInto(res, "cpu");
        res.put("compare_to_linked_ms", linkedMs.stream().map(BenchUiCommand::round).toList());
        res.put("compare_to_linked_median_ms", round(median(linkedMs)));
        res.put("compare_to_prior_first_frame_ms", priorFrameMs.stream().map(BenchUiCommand::round).toList());
        res.put("baseline_bare_registration_ms", round(registrationMs));
        res.put("linked_over_registration", round(median(linkedMs) / registrationMs));
        res.put("click_to_contour", clicks);
        List<Double> c = clicks.stream().map(m -> ((Number) m.get("click_to_contour_ms")).doubleValue()).toList();
        List<Double> s = clicks.stream().map(m -> ((Number) m.get("bare_segmentation_ms")).doubleValue()).toList();
        res.put("click_to_contour_median_ms", round(median(c)));
        res.put("baseline_bare_segmentation_median_ms", round(median(s)));
        res.put("click_over_segmentation", round(median(c) / median(s)));
        return res;
    }

    /**
     * The viewer as a reader uses it: open the latest CT (request → first image shown) and scroll the coronal view of
     * the MPR layout one slice at a time (request → new frame shown; a coronal plane of an axial scan is a true
     * reslice, the costly case). Run for the CPU reference and again for the GPU renderer in the same process.
     */
    private Map<String, Object> measureViewer(App app) throws Exception {
        ViewerArea viewer = FxSnapshots.onFx(() -> app.window().viewer());
        FxSnapshots.onFx(() -> viewer.layoutProperty().set(org.noduletrack.app.viewmodel.Layout.SINGLE));
        FxLatencyProbe idle = new FxLatencyProbe();
        Thread.sleep(2000);
        idle.close();
        FxLatencyProbe busy = new FxLatencyProbe();
        long t0 = System.nanoTime();
        openLatest(app);
        SliceView axial = viewer.axialView();
        FxSnapshots.await(() -> axial.framesShownProperty().get() > 0, 120_000, "first image");
        double firstImageMs = (System.nanoTime() - t0) / 1e6;
        FxSnapshots.await(axial::isIdleAndLoaded, 120_000, "series loaded");
        FxSnapshots.onFx(() -> viewer.layoutProperty().set(org.noduletrack.app.viewmodel.Layout.MPR));
        SliceView coronal = viewer.coronalView();
        FxSnapshots.await(() -> coronal.framesShownProperty().get() > 0, 60_000, "coronal shown");
        List<Double> frameMs = new ArrayList<>();
        for (int i = 0; i < SCROLL_STEPS; i++) {
            int before = FxSnapshots.onFx(() -> coronal.framesShownProperty().get());
            int step = (i / 20) % 2 == 0 ? 1 : -1; // back and forth around the centre
            long s0 = System.nanoTime();
            FxSnapshots.onFx(() -> coronal.apply(new org.noduletrack.app.viewmodel.ViewerCommand.ScrollSlices(step)));
            FxSnapshots.await(() -> coronal.framesShownProperty().get() > before, 10_000, "scrolled frame");
            frameMs.add((System.nanoTime() - s0) / 1e6);
        }
        // 2×2: a scroll of the axial view renders it and the second viewport (linked); both frames must be shown
        FxSnapshots.onFx(() -> viewer.layoutProperty().set(org.noduletrack.app.viewmodel.Layout.GRID));
        SliceView second = viewer.secondViewport().view();
        FxSnapshots.await(() -> second.framesShownProperty().get() > 0 && second.isIdleAndLoaded(), 60_000, "2x2 shown");
        List<Double> gridMs = new ArrayList<>();
        for (int i = 0; i < SCROLL_STEPS; i++) {
            int a0 = FxSnapshots.onFx(() -> axial.framesShownProperty().get());
            int b0 = FxSnapshots.onFx(() -> second.framesShownProperty().get());
            int step = (i / 20) % 2 == 0 ? 1 : -1;
            long s0 = System.nanoTime();
            FxSnapshots.onFx(() -> axial.apply(new org.noduletrack.app.viewmodel.ViewerCommand.ScrollSlices(step)));
            FxSnapshots.await(() -> axial.framesShownProperty().get() > a0 && second.framesShownProperty().get() > b0,
                    10_000, "2x2 scrolled frames");
            gridMs.add((System.nanoTime() - s0) / 1e6);
        }
        busy.close();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("renderer", app.engine().backend().name() + " — " + app.engine().backend().description());
        m.put("open_to_first_image_ms", round(firstImageMs));
        m.put("mpr_scroll_frames", frameMs.size());
        m.put("mpr_scroll_frame_median_ms", round(median(frameMs)));
        m.put("mpr_scroll_frame_p95_ms", round(p95(frameMs)));
        m.put("grid_2x2_scroll_frame_median_ms", round(median(gridMs)));
        m.put("grid_2x2_scroll_frame_p95_ms", round(p95(gridMs)));
        m.put("fx_event_delay_idle_baseline", idle.stats());
        m.put("fx_event_delay_open_and_scroll", busy.stats());
        FxSnapshots.onFx(() -> viewer.layoutProperty().set(org.noduletrack.app.viewmodel.Layout.SINGLE));
        return m;
    }

    private static double p95(List<Double> v) {
        List<Double> sorted = v.stream().sorted().toList();
        return sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1);
    }

    private static final int SCROLL_STEPS = 60;

    /** The same viewer timings with the GPU renderer (llvmpipe in CI), on the library already built. */
    private Map<String, Object> viewerOnGpu(Path work) throws Exception {
        App gpu = App.open(new App.Options(work.resolve("library"), false, RenderEngines.Preference.GPU_THEN_CPU,
                work.resolve("settings-gpu.properties"), SourceChooser.native_()));
        try {
            if (!"gl".equals(gpu.engine().backend().name())) {
                return Map.of("skipped", "no GL context: " + gpu.engine().fallbackReason().orElse("unknown"));
            }
            FxSnapshots.onFx(() -> gpu.show(new Stage()));
            return measureViewer(gpu);
        } finally {
            FxSnapshots.onFx(() -> {
                if (gpu.stage() != null) {
                    gpu.stage().close();
                }
            });
            gpu.close();
        }
    }

    private static org.noduletrack.render.volume.ShortVolume priorVolumeOf(ViewerArea viewer) throws Exception {
        return FxSnapshots.onFx(() -> viewer.priorVolume()).orElseThrow(() -> new IllegalStateException("no prior volume"));
    }

    private static void openLatest(App app) throws Exception {
        LibraryService lib = app.library();
        PatientRecord p = lib.patients().get().stream().filter(x -> x.patientId().startsWith(DemoLibrary.PATIENT_ID_PREFIX))
                .findFirst().orElseThrow();
        List<LibraryService.StudyWithSeries> timeline = lib.timeline(p.key()).get();
        LibraryService.StudyWithSeries latest = timeline.stream().max(Comparator.comparing(s -> s.study().date())).orElseThrow();
        var series = latest.series().stream().max(Comparator.comparingInt(s -> s.instances())).orElseThrow();
        FxSnapshots.onFx(() -> app.window().viewer().open(p, latest.study(), series, timeline));
        FxSnapshots.await(() -> app.window().viewer().axialView().hasVolume(), 60_000, "series opened");
    }

    private static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        return s.isEmpty() ? Double.NaN : s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    private static double round(double v) { return Math.round(v * 10) / 10.0; }
}
