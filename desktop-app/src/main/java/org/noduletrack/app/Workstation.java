package org.noduletrack.app;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * Starts JavaFX without an {@code Application} subclass (so JavaFX works from the class path) and runs the workstation
 * until its window closes.
 */
public final class Workstation {
    private Workstation() {}

    /** Blocks until the main window is closed. */
    public static void run(App.Options options) throws Exception {
        run(options, List.of(), false);
    }

    /**
     * Blocks until the main window is closed.
     *
     * @param imports      sources to import as soon as the window shows (what the launcher was started with)
     * @param startupCheck print the time from process start to the window's first laid-out frame, then close it
     *                     (the installer's start-up measurement)
     */
    public static void run(App.Options options, List<Path> imports, boolean startupCheck) throws Exception {
        startToolkit(); // first: with no display this fails before the library folder is created
        Platform.setImplicitExit(false);
        if (options.createDemo() && !org.noduletrack.app.workspace.DemoLibrary.created(options.libraryRoot())) {
            System.err.println("noduletrack: creating the demo library in " + options.libraryRoot()
                    + " (the window shows the progress)");
        }
        App app;
        try {
            app = App.open(options);
        } catch (Exception e) {
            Platform.exit();
            throw e;
        }
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<App> current = new AtomicReference<>(app); // Settings may reopen it on another library
        app.onReplaced(current::set);
        try {
            Platform.runLater(() -> {
                try {
                    Stage stage = new Stage();
                    stage.setOnHidden(e -> closed.countDown());
                    app.show(stage);
                    if (!imports.isEmpty()) {
                        app.importOnOpen(imports);
                    }
                    if (startupCheck) {
                        closeAfterFirstFrame(stage);
                    }
                } catch (RuntimeException e) {
                    failure.set(e);
                    closed.countDown();
                }
            });
            closed.await();
        } finally {
            current.get().close();
            Platform.exit();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(failure.get().getMessage(), failure.get());
        }
    }

    private static void closeAfterFirstFrame(Stage stage) {
        javafx.scene.Scene scene = stage.getScene();
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            scene.removePostLayoutPulseListener(listener[0]);
            ProcessHandle.Info process = ProcessHandle.current().info();
            Instant start = process.startInstant().orElse(Instant.now());
            // CPU time too: wall time depends on what else the machine runs, CPU time much less
            System.out.println("first window shown after " + Duration.between(start, Instant.now()).toMillis()
                    + " ms (from process start; " + process.totalCpuDuration().map(Duration::toMillis).orElse(-1L)
                    + " ms CPU)");
            Platform.runLater(stage::close);
        };
        scene.addPostLayoutPulseListener(listener[0]);
    }

    /** Starts the FX toolkit once (no-op when it already runs). */
    public static void startToolkit() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        started.await();
    }
}
