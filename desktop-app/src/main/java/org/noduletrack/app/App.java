package org.noduletrack.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.noduletrack.app.view.AboutDialog;
import org.noduletrack.app.view.MainWindow;
import org.noduletrack.app.view.MediaBanner;
import org.noduletrack.app.viewmodel.MediaViewModel;
import org.noduletrack.archive.media.MediaScanner;
import org.noduletrack.archive.media.RemovableMedium;
import org.noduletrack.app.view.SourceChooser;
import org.noduletrack.app.view.ViewerArea;
import org.noduletrack.app.viewmodel.BrowserViewModel;
import org.noduletrack.app.pacs.PacsProfiles;
import org.noduletrack.app.view.PacsImportDialog;
import org.noduletrack.app.view.PacsServersDialog;
import org.noduletrack.app.view.SettingsDialog;
import org.noduletrack.app.viewmodel.SettingsViewModel;
import org.noduletrack.app.viewmodel.WindowPresets;
import org.noduletrack.app.viewmodel.PacsServersViewModel;
import org.noduletrack.app.viewmodel.ImportViewModel;
import org.noduletrack.app.viewmodel.PacsViewModel;
import org.noduletrack.app.viewmodel.Layout;
import org.noduletrack.app.workspace.DemoLibrary;
import org.noduletrack.app.workspace.LibraryService;
import org.noduletrack.app.workspace.SeriesVolumes;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.importer.ImportReport;
import org.noduletrack.render.RenderException;
import org.noduletrack.render.api.RenderEngine;
import org.noduletrack.render.engine.RenderEngines;
import org.noduletrack.samples.SampleCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of the workstation: opens the library and the render engine, creates the named executors, and
 * wires view-models and views by constructor. Nothing else creates services.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    /**
     * @param libraryRoot the library folder
     * @param createDemo  fill the library with the demo patients on start (once; see {@link DemoLibrary})
     * @param render      GPU with CPU fallback, or CPU only
     * @param settings    the settings file
     * @param chooser     folder and zip choosers for the import action
     */
    public record Options(Path libraryRoot, boolean createDemo, RenderEngines.Preference render, Path settings,
                          SourceChooser chooser, MediaScanner media) {
        /** With this machine's CD/DVD/USB detection. */
        public Options(Path libraryRoot, boolean createDemo, RenderEngines.Preference render, Path settings,
                       SourceChooser chooser) {
            this(libraryRoot, createDemo, render, settings, chooser, MediaScanner.forThisMachine());
        }

        /** The same workstation on another library (never filled with the demo). */
        public Options withLibrary(Path root) {
            return new Options(root, false, render, settings, chooser, media);
        }
    }

    /** How often the mount table is read for inserted CDs/DVDs/USB media. */
    private static final long MEDIA_POLL_MILLIS = 3000;

    private final Options options;
    private final ExecutorService saver;
    private final String attribution;
    private final boolean demoNeeded;
    private final Settings settings;
    private final Library library;
    private final RenderEngine engine;
    private final ExecutorService queries = Executors.newSingleThreadExecutor(named("library-query"));
    private final ExecutorService imports = Executors.newSingleThreadExecutor(named("library-import"));
    private final ExecutorService loader = Executors.newFixedThreadPool(2, named("series-loader"));
    private final LibraryService libraryService;
    private final SeriesVolumes volumes;
    private final org.noduletrack.archive.casefolder.Measurements measurementTable;
    private final ExecutorService measurementIo = Executors.newSingleThreadExecutor(named("measurement-store"));
    private final ExecutorService followUpWork = Executors.newFixedThreadPool(2, named("followup-work"));
    /** PACS searches: network waits never hold up library queries. */
    /** One thread: thumbnails are a nicety and must not compete with opening a series. */
    private final ExecutorService thumbnailWork = Executors.newSingleThreadExecutor(named("thumbnails"));
    private final org.noduletrack.app.workspace.SeriesThumbnails thumbnails;
    private final ExecutorService pacsQueries = Executors.newSingleThreadExecutor(named("pacs-query"));
    /** Report pages rendered for the case folder's viewer. */
    private final ExecutorService documents = Executors.newSingleThreadExecutor(named("documents"));
    private final java.util.concurrent.ScheduledExecutorService mediaScan =
            Executors.newSingleThreadScheduledExecutor(named("media-scan"));
    /** Library folders proposed in Settings are checked and created here: disk waits stay off the FX thread. */
    private final ExecutorService libraryFolders = Executors.newSingleThreadExecutor(named("library-folder"));
    /** The user's window presets: toolbar, View menu and digit keys follow them. */
    private final javafx.beans.property.ObjectProperty<WindowPresets> presets;
    private SettingsDialog settingsDialog;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    /** Told when {@link #reopenOn} hands the window to a new App (the launcher closes that one at the end). */
    private java.util.function.Consumer<App> replacedBy = a -> { };
    private MediaViewModel mediaVm;
    private boolean demoStarted;
    private Stage stage;
    private MainWindow window;
    private ImportViewModel importVm;
    private BrowserViewModel browserVm;
    private CompletableFuture<ImportReport> demoImport = CompletableFuture.completedFuture(null);

    private App(Options options, Settings settings, ExecutorService saver, Library library, RenderEngine engine,
                String attribution, boolean demoNeeded, org.noduletrack.archive.casefolder.Measurements measurementTable) {
        this.measurementTable = measurementTable;
        this.options = options;
        this.saver = saver;
        this.attribution = attribution;
        this.demoNeeded = demoNeeded;
        this.settings = settings;
        this.library = library;
        this.engine = engine;
        this.libraryService = new LibraryService(library, queries, imports);
        this.thumbnails = new org.noduletrack.app.workspace.SeriesThumbnails(libraryService, thumbnailWork, 48);
        this.volumes = new SeriesVolumes(libraryService, loader, Math.max(2, Runtime.getRuntime().availableProcessors()));
        this.presets = new javafx.beans.property.SimpleObjectProperty<>(this, "presets", settings.windowPresets());
    }

    /** Opens the library and the render engine (blocking; call before or off the FX thread). */
    public static App open(Options options) throws ArchiveException, RenderException {
        ExecutorService saver = Executors.newSingleThreadExecutor(named("settings-save"));
        Settings settings = Settings.load(options.settings(), saver);
        Library library = Library.open(options.libraryRoot());
        try {
            RenderEngine engine = RenderEngines.create(options.render(), Math.max(2, Runtime.getRuntime().availableProcessors()));
            settings.put(Settings.LAST_LIBRARY, library.root().toString());
            String attribution;
            try {
                attribution = SampleCatalog.bundled().attributionText();
            } catch (RuntimeException e) {
                attribution = "(" + e.getMessage() + ")";
            }
            return new App(options, settings, saver, library, engine, attribution,
                    options.createDemo() && !DemoLibrary.created(library.root()),
                    org.noduletrack.archive.casefolder.Measurements.open(library.root()));
        } catch (ArchiveException | RenderException | RuntimeException e) {
            library.close();
            throw e;
        }
    }

    private static ThreadFactory named(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Builds the window on {@code stage} and shows it (FX thread); starts the demo import when asked to. */
    public void show(Stage stage) {
        FxThread.check();
        this.stage = stage;
        build(settings.defaultLayout().or(settings::lastLayout));
        WindowPlacement.restoreAndTrack(stage, settings);
        stage.show();
        if (demoNeeded && !demoStarted) {
            demoStarted = true;
            startDemoImport();
        }
    }

    private void build(Optional<Layout> layout) {
        Messages msg = new Messages(settings.locale());
        browserVm = new BrowserViewModel(libraryService, FxThread::run, thumbnails);
        browserVm.setCaseFolders(new org.noduletrack.app.workspace.CaseFolderService(library, queries, imports, documents),
                java.time.ZoneId.systemDefault());
        browserVm.setReportSender(new org.noduletrack.app.workspace.ReportSender(library,
                new PacsProfiles(PacsProfiles.defaultDir()), pacsQueries));
        importVm = new ImportViewModel(libraryService, FxThread::run);
        ViewerArea viewer = new ViewerArea(msg, engine, volumes,
                new org.noduletrack.app.workspace.LibraryMeasurementStore(measurementTable), measurementIo,
                new org.noduletrack.app.viewmodel.FollowUpViewModel(new org.noduletrack.app.workspace.RigidPriorRegistration(
                        new org.noduletrack.nodule.registration.RigidRegistration()),
                        new org.noduletrack.nodule.segmentation.NoduleSegmenter(), followUpWork, Platform::runLater));
        viewer.setReportWriter(new org.noduletrack.app.workspace.FollowUpReportWriter(library,
                new org.noduletrack.app.followup.report.FollowUpReport(new org.noduletrack.app.followup.report.CjkFontLocator()),
                Math.max(2, Runtime.getRuntime().availableProcessors())), followUpWork);
        var findings = new org.noduletrack.app.followup.FollowUpFindingsRepository(library.root(),
                new org.noduletrack.app.followup.FollowUpAssessor(new org.noduletrack.nodule.growth.GrowthAnalyzer(),
                        new org.noduletrack.nodule.guideline.LungRadsEngine(), new org.noduletrack.nodule.guideline.FleischnerEngine()),
                java.time.Clock.systemUTC(), System.getProperty("user.name", ""));
        viewer.followUp().setFindingsStore(new org.noduletrack.app.viewmodel.FollowUpViewModel.FindingsStore() {
            @Override
            public void save(org.noduletrack.app.followup.FollowUpCase c) throws Exception { findings.save(c); }

            @Override
            public Optional<org.noduletrack.app.followup.FollowUpCase> load(
                    org.noduletrack.app.followup.PatientTimeline t) throws Exception { return findings.load(t); }
        });
        viewer.setCineFps(settings.cineFps());
        List<org.noduletrack.app.view.SliceView> views = List.of(viewer.axialView(), viewer.coronalView(),
                viewer.sagittalView(), viewer.priorView(), viewer.priorCoronalView(), viewer.secondViewport().view());
        for (var v : views) {
            v.setWindowPresets(presets::get);
        }
        // preset 1 is the window a series opens in and R returns to (the second viewport keeps its mediastinal start)
        Runnable defaultWindow = () -> views.stream().filter(v -> v != viewer.secondViewport().view()).forEach(v ->
                v.viewModel().setDefaultWindow(presets.get().list().getFirst().window()));
        defaultWindow.run();
        presets.addListener((o, a, b) -> defaultWindow.run());
        layout.ifPresent(viewer.layoutProperty()::set);
        viewer.layoutProperty().addListener((o, a, b) -> settings.put(Settings.LAYOUT, b.name()));
        MainWindow.Actions actions = new MainWindow.Actions() {
            @Override
            public void showAbout() { about(msg).show(); }

            @Override
            public void setLanguage(Locale locale) { switchLanguage(locale); }

            @Override
            public void quit() { stage.close(); }

            @Override
            public void importFromPacs() {
                PacsViewModel pacs = new PacsViewModel(new PacsProfiles(PacsProfiles.defaultDir()), importVm,
                        pacsQueries, FxThread::run);
                pacs.onImportFinished(() -> browserVm.refresh());
                new PacsImportDialog(stage, pacs, msg, owner -> new PacsServersDialog(owner,
                        new PacsServersViewModel(new PacsProfiles(PacsProfiles.defaultDir()), pacsQueries, FxThread::run),
                        msg).showAndWait()).show();
            }

            @Override
            public void importFromMedia() { importMedium(msg); }

            @Override
            public void openSettings() { App.this.openSettings(); }
        };
        window = new MainWindow(stage, msg, browserVm, importVm, viewer, options.chooser(), actions,
                library.root().toString(), engine.backend().name(), engine.backend().description(), engine.fallbackReason(),
                presets);
        stage.setTitle(msg.get("app.title", library.root().getFileName()));
        stage.setScene(window.scene());
        if (mediaVm != null) {
            mediaVm.stopPolling(); // a rebuild (language switch) replaces it
        }
        mediaVm = new MediaViewModel(options.media(), mediaScan, FxThread::run, importVm);
        window.addNotice(new MediaBanner(mediaVm, msg, r -> Platform.runLater(browserVm::refresh)));
        mediaVm.startPolling(MEDIA_POLL_MILLIS);
    }

    /** "CD/DVD/USB": imports the inserted medium, asks which one when several are, explains when there is none. */
    private void importMedium(Messages msg) {
        mediaVm.scanNow().thenAccept(all -> {
            List<RemovableMedium> dicom = all.stream().filter(RemovableMedium::looksLikeDicom).toList();
            List<RemovableMedium> choices = dicom.isEmpty() ? all : dicom;
            if (choices.isEmpty()) {
                javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.INFORMATION,
                        msg.get("media.none"));
                a.initOwner(stage);
                a.setHeaderText(null);
                a.setTitle(msg.get("media.chooseTitle"));
                a.show();
            } else if (choices.size() == 1) {
                mediaVm.importMedium(choices.getFirst()).whenComplete((r, e) -> Platform.runLater(browserVm::refresh));
            } else {
                List<String> names = choices.stream().map(m -> m.label() + "  —  " + m.root()).toList();
                javafx.scene.control.ChoiceDialog<String> d = new javafx.scene.control.ChoiceDialog<>(names.getFirst(),
                        names);
                d.initOwner(stage);
                d.setTitle(msg.get("media.chooseTitle"));
                d.setHeaderText(msg.get("media.choose"));
                d.showAndWait().ifPresent(name -> mediaVm.importMedium(choices.get(names.indexOf(name)))
                        .whenComplete((r, e) -> Platform.runLater(browserVm::refresh)));
            }
        });
    }

    /** Runs on the FX thread and waits briefly (close() may be called from any thread, also after the toolkit ended). */
    private static void onFxAndWait(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
            return;
        }
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        try {
            Platform.runLater(() -> {
                try {
                    r.run();
                } finally {
                    done.countDown();
                }
            });
            done.await(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IllegalStateException e) {
            LOG.debug("JavaFX already stopped: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** File ▸ Settings…: one dialog at a time, brought to the front when already open (FX thread). */
    public SettingsDialog openSettings() {
        FxThread.check();
        if (settingsDialog != null && settingsDialog.stage().isShowing()) {
            settingsDialog.show();
            return settingsDialog;
        }
        Messages msg = messages();
        SettingsViewModel vm = new SettingsViewModel(settings, presets, library.root(), libraryFolders, FxThread::run,
                msg::get, new SettingsViewModel.Effects() {
                    @Override
                    public void setCineFps(double fps) { window.viewer().setCineFps(fps); }

                    @Override
                    public void switchLanguage(Locale locale) { App.this.switchLanguage(locale); }

                    @Override
                    public void reopenOn(Path root) { App.this.reopenOn(root); }
                });
        settingsDialog = new SettingsDialog(stage, vm, msg, options.chooser(),
                engine.backend().name() + " — " + engine.backend().description());
        settingsDialog.show();
        return settingsDialog;
    }

    /** The settings dialog while it is open (tests, screenshots). */
    public Optional<SettingsDialog> settingsDialog() {
        return Optional.ofNullable(settingsDialog).filter(d -> d.stage().isShowing());
    }

    /** Called with the App that takes over the window when this one reopens on another library. */
    public void onReplaced(java.util.function.Consumer<App> listener) {
        this.replacedBy = listener;
    }

    /**
     * Closes this workstation and opens it on {@code root} in the same window (FX thread; the work runs in the
     * background). Should the new library not open, the workstation opens on this one again and says why.
     */
    public void reopenOn(Path root) {
        FxThread.check();
        stage.getScene().getRoot().setDisable(true);
        Stage s = stage;
        Messages msg = messages();
        Thread t = named("library-reopen").newThread(() -> {
            close();
            App next;
            Exception failure = null;
            try {
                next = App.open(options.withLibrary(root));
            } catch (ArchiveException | RenderException | RuntimeException e) {
                LOG.warn("cannot open the library {}: {}", root, e.toString());
                failure = e;
                try {
                    next = App.open(options);
                } catch (ArchiveException | RenderException | RuntimeException again) {
                    LOG.error("cannot reopen the library {}: {}", library.root(), again.toString());
                    Platform.runLater(s::close);
                    return;
                }
            }
            App opened = next;
            Exception why = failure;
            Platform.runLater(() -> {
                opened.onReplaced(replacedBy);
                replacedBy.accept(opened);
                opened.show(s);
                if (why != null) {
                    javafx.scene.control.Alert a = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.ERROR,
                            msg.get("settings.library.reopenFailed", root, why.getMessage()));
                    a.initOwner(s);
                    a.setHeaderText(null);
                    a.show();
                }
            });
        });
        t.start();
    }

    /** The About box (not shown yet). */
    public javafx.scene.control.Alert about(Messages msg) {
        String v = App.class.getPackage().getImplementationVersion();
        return AboutDialog.create(stage, msg, v == null ? "development build" : v, attribution,
                engine.backend().name() + " — " + engine.backend().description());
    }

    public Messages messages() { return new Messages(settings.locale()); }

    /** Rebuilds the window in another language (the open series is closed). */
    public void switchLanguage(Locale locale) {
        FxThread.check();
        settings.put(Settings.LANGUAGE, locale.toLanguageTag());
        Layout layout = window.viewer().layoutProperty().get();
        window.viewer().dispose();
        build(Optional.of(layout));
    }

    private void startDemoImport() {
        Path work;
        try {
            DemoLibrary.markPending(library.root());
            work = Files.createTempDirectory("noduletrack-demo");
        } catch (java.io.IOException e) {
            LOG.warn("cannot create a temporary folder for the demo: {}", e.toString());
            return;
        }
        CompletableFuture<java.util.List<Path>> sources = libraryService.onImportThread(() -> DemoLibrary.writeSources(work));
        demoImport = importVm.start(sources);
        demoImport.whenComplete((r, e) -> {
            DemoLibrary.deleteTree(work);
            if (e == null && r != null && !r.cancelled() && r.error().isEmpty()) {
                try {
                    DemoLibrary.markCreated(library.root());
                } catch (java.io.IOException ex) {
                    LOG.warn("cannot mark the demo library: {}", ex.toString());
                }
            } else if (e != null) {
                LOG.warn("demo library import failed: {}", e.toString());
            }
            Platform.runLater(() -> {
                if (e == null && r != null && !r.cancelled()) {
                    // A clinician opening the demo should land on an image: the generated patient's latest CT.
                    window.browser().openWhenListed(p -> p.patientId().startsWith(DemoLibrary.PATIENT_ID_PREFIX));
                }
                browserVm.refresh();
            });
        });
    }

    /** Imports what the workstation was started with, in the background like Import… (FX thread, after show). */
    public CompletableFuture<ImportReport> importOnOpen(java.util.List<Path> sources) {
        FxThread.check();
        CompletableFuture<ImportReport> done = importVm.start(sources);
        done.whenComplete((r, e) -> Platform.runLater(browserVm::refresh));
        return done;
    }

    /** Completes when the demo import started by {@link #show} ends (at once when none). */
    public CompletableFuture<ImportReport> demoImport() { return demoImport; }

    public MainWindow window() { return window; }

    public Stage stage() { return stage; }

    public RenderEngine engine() { return engine; }

    public Settings settings() { return settings; }

    public LibraryService library() { return libraryService; }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (window != null) {
            window.viewer().dispose();
        }
        queries.shutdownNow();
        imports.shutdownNow();
        mediaScan.shutdownNow();
        thumbnailWork.shutdownNow();
        loader.shutdownNow();
        followUpWork.shutdownNow();
        measurementIo.shutdown();
        pacsQueries.shutdownNow();
        documents.shutdownNow();
        libraryFolders.shutdownNow();
        try {
            measurementIo.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            measurementTable.close();
        } catch (ArchiveException e) {
            LOG.warn("closing the measurement store: {}", e.toString());
        }
        if (stage != null) {
            onFxAndWait(() -> WindowPlacement.saveAndStopTracking(stage, settings)); // tests reuse the stage
        }
        saver.shutdown();
        try {
            // the settings thread is a daemon: without this wait, the last save (window placement) could be cut off
            saver.awaitTermination(2, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.close();
        try {
            library.close();
        } catch (ArchiveException e) {
            LOG.warn("closing the library: {}", e.toString());
        }
    }
}
