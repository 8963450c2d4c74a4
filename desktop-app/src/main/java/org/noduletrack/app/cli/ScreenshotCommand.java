package org.noduletrack.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import org.noduletrack.app.App;
import org.noduletrack.app.FxSnapshots;
import org.noduletrack.app.Workstation;
import org.noduletrack.app.view.MainWindow;
import org.noduletrack.app.view.SliceView;
import org.noduletrack.app.view.SourceChooser;
import org.noduletrack.app.viewmodel.Layout;
import org.noduletrack.app.viewmodel.TimelineItem;
import org.noduletrack.app.viewmodel.ViewerCommand;
import org.noduletrack.app.viewmodel.WindowPreset;
import org.noduletrack.app.workspace.DemoLibrary;
import org.noduletrack.app.workspace.LibraryService;
import org.noduletrack.archive.index.PatientRecord;
import org.noduletrack.render.engine.RenderEngines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code noduletrack screenshot --out DIR}: drives the workstation on the demo library (created in a temporary folder
 * unless {@code --library} is given) and writes PNGs of the main screens. Runs on JavaFX's headless platform when no
 * display is set.
 */
@Command(name = "screenshot", mixinStandardHelpOptions = true,
        description = "Writes PNG screenshots of the workstation's main screens (demo library; headless without a display).")
public final class ScreenshotCommand implements Callable<Integer> {
    @Option(names = "--out", paramLabel = "DIR", required = true, description = "folder for the PNG files")
    Path out;

    @Option(names = "--library", paramLabel = "DIR", description = "library to show (default: a new demo library in a temporary folder)")
    Path library;

    @Option(names = "--gpu", description = "try the GPU renderer (default: CPU, reproducible)")
    boolean gpu;

    @Override
    public Integer call() throws Exception {
        if (System.getenv("DISPLAY") == null && System.getProperty("glass.platform") == null) {
            System.setProperty("glass.platform", "headless");
            System.setProperty("prism.order", "sw");
        }
        Path root = library != null ? library : Files.createTempDirectory("noduletrack-screens").resolve("library");
        Path settings = Files.createTempDirectory("noduletrack-screens-settings").resolve("settings.properties");
        App app = App.open(new App.Options(root, !DemoLibrary.created(root), gpu ? RenderEngines.Preference.GPU_THEN_CPU
                : RenderEngines.Preference.CPU, settings, SourceChooser.native_()));
        List<Path> written = new ArrayList<>();
        try {
            Workstation.startToolkit();
            javafx.application.Platform.setImplicitExit(false);
            FxSnapshots.onFx(() -> {
                Stage stage = new Stage();
                stage.setX(0);
                stage.setY(0);
                app.show(stage);
            });
            System.err.println("noduletrack screenshot: preparing the demo library…");
            app.demoImport().get();
            FxSnapshots.await(() -> app.window().browser().patientList().getItems().size() >= 2, 60_000, "patients");
            // the generated follow-up patient: the one with the most studies
            FxSnapshots.onFx(() -> {
                var list = app.window().browser().patientList();
                PatientRecord most = list.getItems().stream().max(java.util.Comparator.comparingInt(PatientRecord::studies)).orElseThrow();
                list.getSelectionModel().select(most);
            });
            FxSnapshots.await(() -> !app.window().browser().studyList().getItems().isEmpty(), 30_000, "studies");
            openLargestSeries(app);
            SliceView axial = app.window().viewer().axialView();
            awaitRendered(axial);
            FxSnapshots.onFx(() -> axial.apply(new ViewerCommand.ScrollSlices(-12)));
            awaitRendered(axial);
            written.add(FxSnapshots.savePng(app.window().scene(), out.resolve("01-main-axial.png")));

            FxSnapshots.onFx(() -> app.window().viewer().layoutProperty().set(Layout.MPR));
            awaitRendered(app.window().viewer().coronalView());
            awaitRendered(app.window().viewer().sagittalView());
            written.add(FxSnapshots.savePng(app.window().scene(), out.resolve("02-mpr.png")));

            // oblique MPR: the crosshair turned 30 degrees in the axial view (Shift + drag), then back
            int coronalFrames = FxSnapshots.onFx(() -> app.window().viewer().coronalView().framesShownProperty().get());
            FxSnapshots.onFx(() -> app.window().viewer().mpr().rotateOblique(30));
            FxSnapshots.await(() -> app.window().viewer().coronalView().framesShownProperty().get() > coronalFrames,
                    30_000, "oblique coronal");
            awaitRendered(app.window().viewer().coronalView());
            awaitRendered(app.window().viewer().sagittalView());
            written.add(FxSnapshots.savePng(app.window().scene(), out.resolve("16-mpr-oblique.png")));
            FxSnapshots.onFx(() -> app.window().viewer().mpr().obliqueDegreesProperty().set(0));

            // 2×2 (axial, coronal, sagittal, second viewport) and 1×2 (lung beside mediastinal window)
            FxSnapshots.onFx(() -> app.window().viewer().layoutProperty().set(Layout.GRID));
            SliceView second = app.window().viewer().secondViewport().view();
            awaitRendered(second);
            awaitRendered(app.window().viewer().coronalView());
            awaitRendered(app.window().viewer().sagittalView());
            awaitRendered(axial);
            written.add(FxSnapshots.savePng(app.window().scene(), out.resolve("18-layout-2x2.png")));
            FxSnapshots.onFx(() -> app.window().viewer().layoutProperty().set(Layout.SIDE_BY_SIDE));
            awaitRendered(second);
            awaitRendered(axial);
            written.add(FxSnapshots.savePng(app.window().scene(), out.resolve("19-layout-1x2.png")));

            FxSnapshots.onFx(() -> app.window().viewer().layoutProperty().set(Layout.COMPARE));
            FxSnapshots.await(() -> app.window().viewer().priorView().framesShownProperty().get() > 0, 60_000, "prior");
            awaitRendered(app.window().viewer().priorView());
            awaitRendered(axial);
            written.add(FxSnapshots.savePng(app.window().scene(), out.resolve("03-compare-prior.png")));

            followUpScreen(app, written);
            caseFolderScreens(app, written);

            // measurements and a thick slab on the largest solid nodule of the shown (latest) timepoint
            measurementScreens(app, axial, written);
            FxSnapshots.onFx(() -> app.window().viewer().layoutProperty().set(Layout.SINGLE));

            // the real LIDC case in the mediastinal window
            FxSnapshots.onFx(() -> {
                app.window().viewer().layoutProperty().set(Layout.SINGLE);
                var list = app.window().browser().patientList();
                PatientRecord lidc = list.getItems().stream().min(java.util.Comparator.comparingInt(PatientRecord::studies)).orElseThrow();
                list.getSelectionModel().select(lidc);
            });
            FxSnapshots.await(() -> app.window().browser().timeline().studies().size() == 1, 30_000, "LIDC study");
            openLargestSeries(app);
            awaitRendered(axial);
            FxSnapshots.onFx(() -> axial.apply(new ViewerCommand.ApplyPreset(WindowPreset.MEDIASTINUM)));
            awaitRendered(axial);
            written.add(FxSnapshots.savePng(app.window().scene(), out.resolve("04-lidc-mediastinum.png")));

            Alert about = FxSnapshots.onFx(() -> {
                Alert a = app.about(app.messages());
                a.show();
                return a;
            });
            FxSnapshots.settle(300);
            Scene aboutScene = FxSnapshots.onFx(() -> about.getDialogPane().getScene());
            written.add(FxSnapshots.savePng(aboutScene, out.resolve("05-about.png")));
            FxSnapshots.onFx(about::close);

            settingsScreen(app, written);

            FxSnapshots.onFx(() -> app.switchLanguage(Locale.SIMPLIFIED_CHINESE));
            FxSnapshots.await(() -> app.window().browser().patientList().getItems().size() >= 2, 30_000, "patients (zh)");
            FxSnapshots.onFx(() -> {
                var list = app.window().browser().patientList();
                PatientRecord most = list.getItems().stream().max(java.util.Comparator.comparingInt(PatientRecord::studies)).orElseThrow();
                list.getSelectionModel().select(most);
            });
            FxSnapshots.await(() -> !app.window().browser().studyList().getItems().isEmpty(), 30_000, "studies (zh)");
            openLargestSeries(app);
            awaitRendered(app.window().viewer().axialView());
            written.add(FxSnapshots.savePng(app.window().scene(), out.resolve("06-zh-CN.png")));
            FxSnapshots.onFx(() -> app.switchLanguage(Locale.ENGLISH));
        } finally {
            FxSnapshots.onFx(() -> app.stage().close());
            app.close();
            javafx.application.Platform.exit();
        }
        written.forEach(p -> System.out.println(p));
        return 0;
    }

    /**
     * 20, 21: the follow-up report filed, a note and the clinical history written: the timeline shows them among the
     * studies; the report opens in the workstation's viewer.
     */
    private void caseFolderScreens(App app, List<Path> written) throws Exception {
        var browser = app.window().browser();
        FxSnapshots.onFx(() -> app.window().viewer().writeReport()).get(120, java.util.concurrent.TimeUnit.SECONDS);
        var vm = browser.viewModel();
        FxSnapshots.onFx(() -> vm.saveHistory("Former smoker, 35 pack-years, quit 2015. Annual low-dose CT screening."))
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        FxSnapshots.onFx(() -> vm.addNote("Discussed at the tumour board: follow the part-solid nodule; no biopsy for now."))
                .get(30, java.util.concurrent.TimeUnit.SECONDS);
        FxSnapshots.await(() -> vm.timelineItems().stream().anyMatch(i -> i instanceof TimelineItem.Note)
                && vm.timelineItems().stream().anyMatch(i -> i instanceof TimelineItem.Report), 30_000, "case folder items");
        FxSnapshots.settle(300);
        written.add(FxSnapshots.savePng(app.window().scene(), out.resolve("20-case-folder.png")));
        var report = FxSnapshots.onFx(() -> vm.timelineItems().stream().filter(i -> i instanceof TimelineItem.Report)
                .reduce((a, b) -> b).orElseThrow());
        var viewerWindow = FxSnapshots.onFx(() -> browser.timeline().activate(report)).orElseThrow();
        FxSnapshots.await(() -> viewerWindow.stage().getScene().lookup("#report-page") != null, 60_000, "report page");
        FxSnapshots.settle(300);
        written.add(FxSnapshots.savePng(viewerWindow.stage().getScene(), out.resolve("21-report-viewer.png")));
        FxSnapshots.onFx(() -> viewerWindow.stage().close());
    }

    /**
     * 10: "Compare with prior" on the latest scan, every nodule of the generator's plan clicked with the Nodule tool,
     * the part-solid one selected and zoomed: linked prior | current with outlines, the nodule table, the volume chart
     * and the Lung-RADS panel (the demo patient is a screening case).
     */
    private void followUpScreen(App app, List<Path> written) throws Exception {
        var viewer = app.window().viewer();
        var fu = viewer.followUp();
        FxSnapshots.onFx(viewer::compareWithPrior);
        FxSnapshots.await(() -> fu.stageProperty().get() == org.noduletrack.app.viewmodel.FollowUpViewModel.Stage.LINKED,
                180_000, "linked");
        FxSnapshots.await(() -> fu.dates().size() == DemoLibrary.TIMEPOINTS && fu.busyProperty().get() == 0, 180_000,
                "every prior registered");
        var plan = org.noduletrack.samples.generator.DemoPatientGenerator.fromBundledSample()
                .plan(org.noduletrack.samples.generator.GeneratorOptions.defaults(DemoLibrary.SEED, DemoLibrary.TIMEPOINTS));
        var tp = plan.timepoints().getLast();
        org.noduletrack.dicom.geom.Vec3 focus = null;
        for (var n : plan.placedAt(tp.index())) {
            var c = n.centreMm();
            var p = new org.noduletrack.dicom.geom.Vec3(c.x(), c.y(), c.z());
            int before = FxSnapshots.onFx(() -> fu.tracks().size());
            FxSnapshots.onFx(() -> viewer.measureNoduleAt(p));
            FxSnapshots.await(() -> fu.tracks().size() > before && fu.busyProperty().get() == 0, 60_000, "nodule");
            if (n.spec().type() == org.noduletrack.samples.generator.NoduleType.PART_SOLID) {
                focus = p;
            }
        }
        org.noduletrack.dicom.geom.Vec3 f = focus;
        SliceView axial = viewer.axialView();
        FxSnapshots.onFx(() -> {
            fu.guideline().settingProperty().set(org.noduletrack.app.viewmodel.GuidelineViewModel.Setting.SCREENING);
            fu.tracks().stream().filter(t -> t.latest().segmentation().map(sg -> sg.measurement().centroidLps().distanceTo(f) < 5)
                    .orElse(false)).findFirst().ifPresent(fu.selectedProperty()::set);
            app.stage().setWidth(1800);
            app.stage().setHeight(1000);
            // the viewer gets the width: the browser is folded away for this screen
            app.window().browser().setMinWidth(0);
            var split = (javafx.scene.control.SplitPane) app.window().scene().lookup(".split-pane");
            split.setDividerPositions(0.0);
        });
        FxSnapshots.settle(500);
        FxSnapshots.onFx(() -> {
            var split = (javafx.scene.control.SplitPane) app.window().scene().lookup(".split-pane");
            split.setDividerPositions(0.0);
            var vm = axial.viewModel();
            vm.apply(new ViewerCommand.ApplyPreset(WindowPreset.LUNG));
            axial.apply(new ViewerCommand.Fit());
            vm.centerProperty().set(new org.noduletrack.dicom.geom.Vec3(f.x(), f.y(), vm.centerProperty().get().z()));
            vm.moveThrough(f);
            axial.apply(new ViewerCommand.Zoom(2.2));
        });
        FxSnapshots.settle(300);
        awaitRendered(axial);
        awaitRendered(viewer.priorView());
        written.add(FxSnapshots.savePng(app.window().scene(), out.resolve("10-followup-compare.png")));
        // 22: the coronal row under the axial comparison, through the selected nodule
        FxSnapshots.onFx(() -> {
            viewer.coronalRowToggle().fire(); // selects it and arranges the views
            var sel = fu.selectedProperty().get();
            fu.selectedProperty().set(null);
            fu.selectedProperty().set(sel);
        });
        FxSnapshots.settle(300);
        awaitRendered(viewer.coronalView());
        awaitRendered(viewer.priorCoronalView());
        awaitRendered(axial);
        written.add(FxSnapshots.savePng(app.window().scene(), out.resolve("22-compare-coronal-row.png")));
        FxSnapshots.onFx(() -> viewer.coronalRowToggle().fire());
        // 11: the selected nodule in 3D, every date's surface with the vessels around it (needs a 3D-capable pipeline:
        // run under a display, e.g. xvfb-run, not the headless software one)
        var panel = viewer.followUpPanel();
        FxSnapshots.onFx(() -> panel.tabs().getSelectionModel().select(1));
        FxSnapshots.await(() -> panel.view3d().meshCount() > 0, 60_000, "3D surfaces");
        FxSnapshots.onFx(() -> {
            // a little from the left and above: depth reads better than in the straight front view
            var sub = panel.view3d().lookup("#nodule-3d-subscene");
            sub.fireEvent(new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_PRESSED, 100, 100, 100, 100,
                    javafx.scene.input.MouseButton.PRIMARY, 1, false, false, false, false, true, false, false, false, false, false, null));
            sub.fireEvent(new javafx.scene.input.MouseEvent(javafx.scene.input.MouseEvent.MOUSE_DRAGGED, 150, 70, 150, 70,
                    javafx.scene.input.MouseButton.PRIMARY, 1, false, false, false, false, true, false, false, false, false, false, null));
        });
        FxSnapshots.settle(800);
        written.add(FxSnapshots.savePng(app.window().scene(), out.resolve("11-followup-3d.png")));
        FxSnapshots.onFx(() -> panel.tabs().getSelectionModel().select(0));
        FxSnapshots.onFx(() -> {
            var split = (javafx.scene.control.SplitPane) app.window().scene().lookup(".split-pane");
            split.setDividerPositions(0.29);
            app.window().browser().setMinWidth(javafx.scene.layout.Region.USE_COMPUTED_SIZE);
            app.stage().setWidth(1400);
            app.stage().setHeight(860);
        });
    }

    /** 17: File ▸ Settings… with a fifth preset being added (cancelled afterwards: nothing is saved). */
    private void settingsScreen(App app, List<Path> written) throws Exception {
        var dialog = FxSnapshots.onFx(app::openSettings);
        Scene scene = dialog.stage().getScene();
        FxSnapshots.onFx(() -> {
            ((javafx.scene.control.Button) scene.lookup("#settings-preset-add")).fire();
            ((javafx.scene.control.TextField) scene.lookup("#settings-preset-5-name")).setText("Liver");
            ((javafx.scene.control.TextField) scene.lookup("#settings-preset-5-level")).setText("60");
            ((javafx.scene.control.TextField) scene.lookup("#settings-preset-5-width")).setText("160");
        });
        FxSnapshots.settle(300);
        written.add(FxSnapshots.savePng(scene, out.resolve("17-settings.png")));
        FxSnapshots.onFx(() -> dialog.stage().close());
    }

    /** 07: length and ellipse ROI on a synthetic nodule (ground truth from the generator's plan); 08: a 10 mm MIP. */
    private void measurementScreens(App app, SliceView axial, List<Path> written) throws Exception {
        FxSnapshots.onFx(() -> app.window().viewer().layoutProperty().set(Layout.SINGLE));
        awaitRendered(axial);
        var plan = org.noduletrack.samples.generator.DemoPatientGenerator.fromBundledSample()
                .plan(org.noduletrack.samples.generator.GeneratorOptions.defaults(DemoLibrary.SEED, DemoLibrary.TIMEPOINTS));
        String studyDate = FxSnapshots.onFx(() -> app.window().browser().timeline().shownStudyProperty().get().study().date());
        var tp = plan.timepoints().stream()
                .filter(t -> t.date().format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE).equals(studyDate))
                .findFirst().orElse(plan.timepoints().getLast());
        var nodule = plan.placedAt(tp.index()).stream()
                .filter(n -> n.spec().type() == org.noduletrack.samples.generator.NoduleType.SOLID)
                .max(java.util.Comparator.comparingDouble(org.noduletrack.samples.generator.PlacedNodule::volumeMm3))
                .orElse(null);
        if (nodule == null) {
            return;
        }
        var c = nodule.centreMm();
        double[] axes = nodule.axialDiametersMm(1); // long and short axis on the axial image, as a reader measures
        double r = axes[0] / 2, rShort = axes[1] / 2;
        FxSnapshots.onFx(() -> {
            var vm = axial.viewModel();
            vm.apply(new ViewerCommand.ApplyPreset(WindowPreset.LUNG));
            vm.centerProperty().set(new org.noduletrack.dicom.geom.Vec3(c.x(), c.y(), vm.centerProperty().get().z()));
            vm.moveThrough(c);
            axial.apply(new ViewerCommand.Zoom(2.5));
            var m = app.window().viewer().measurements();
            var plane = vm.plane();
            // the nodule's plane: exactly through its centre
            var on = new org.noduletrack.dicom.geom.Vec3(c.x(), c.y(), vm.positionMm());
            m.toolProperty().set(org.noduletrack.app.viewmodel.MeasurementTool.LENGTH);
            m.begin(on.plus(new org.noduletrack.dicom.geom.Vec3(-r, 0, 0)), plane)
                    .ifPresent(l -> m.add(l.withB(on.plus(new org.noduletrack.dicom.geom.Vec3(r, 0, 0)))));
            m.toolProperty().set(org.noduletrack.app.viewmodel.MeasurementTool.ELLIPSE);
            double e = rShort * 0.7; // inside the lesion, clear of its partial-volume rim
            m.begin(on.plus(new org.noduletrack.dicom.geom.Vec3(-e, -e, 0)), plane)
                    .ifPresent(l -> m.add(l.withB(on.plus(new org.noduletrack.dicom.geom.Vec3(e, e, 0)))));
            m.toolProperty().set(org.noduletrack.app.viewmodel.MeasurementTool.WINDOW_LEVEL);
            m.selectedProperty().set(null);
        });
        awaitRendered(axial);
        written.add(FxSnapshots.savePng(app.window().scene(), out.resolve("07-measurements.png")));
        FxSnapshots.onFx(() -> {
            @SuppressWarnings("unchecked")
            var mode = (javafx.scene.control.ComboBox<String>) app.window().scene().lookup("#slab-mode");
            mode.setValue("mip");
        });
        awaitRendered(axial);
        written.add(FxSnapshots.savePng(app.window().scene(), out.resolve("08-mip-slab.png")));
        FxSnapshots.onFx(() -> {
            @SuppressWarnings("unchecked")
            var mode = (javafx.scene.control.ComboBox<String>) app.window().scene().lookup("#slab-mode");
            mode.setValue("thin");
        });
    }

    private static void openLargestSeries(App app) throws Exception {
        FxSnapshots.onFx(() -> {
            MainWindow w = app.window();
            LibraryService.StudyWithSeries study = w.browser().timeline().shownStudyProperty().get();
            var series = study.series().stream().max(java.util.Comparator.comparingInt(s -> s.instances())).orElseThrow();
            w.browser().seriesTable().getSelectionModel().select(series);
            PatientRecord p = w.browser().patientList().getSelectionModel().getSelectedItem();
            w.viewer().open(p, study.study(), series, w.browser().timeline().studies());
        });
        FxSnapshots.await(() -> app.window().viewer().axialView().hasVolume(), 60_000, "series opened");
    }

    /** Waits until the view's volume is fully loaded and a frame of the final state is shown. */
    static void awaitRendered(SliceView v) throws Exception {
        FxSnapshots.await(v::hasVolume, 60_000, "volume");
        FxSnapshots.await(() -> v.framesShownProperty().get() > 0, 60_000, "first frame");
        for (int i = 0; i < 400; i++) {
            int before = FxSnapshots.onFx(() -> v.framesShownProperty().get());
            FxSnapshots.settle(150);
            int after = FxSnapshots.onFx(() -> v.framesShownProperty().get());
            boolean loaded = FxSnapshots.onFx(() -> v.isIdleAndLoaded());
            if (before == after && loaded) {
                return;
            }
        }
    }
}
