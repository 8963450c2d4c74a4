package org.noduletrack.app.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.noduletrack.app.App;
import org.noduletrack.app.Settings;
import org.noduletrack.app.Workstation;
import org.noduletrack.app.view.SourceChooser;
import org.noduletrack.app.workspace.DemoLibrary;
import org.noduletrack.archive.LibraryLocation;
import org.noduletrack.render.engine.RenderEngines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code noduletrack workstation}: the JavaFX workstation (also what a bare {@code noduletrack} opens). */
@Command(name = "workstation", mixinStandardHelpOptions = true,
        description = {"Opens the workstation on a library (the demo library on first run, when none exists yet)."})
public final class WorkstationCommand implements Callable<Integer> {
    @Option(names = "--library", paramLabel = "DIR",
            description = "library folder (default: $NODULETRACK_LIBRARY, else the OS data folder)")
    Path library;

    @Option(names = "--cpu", description = "render on the CPU only (default: the GPU when available; also NODULETRACK_RENDER=cpu)")
    boolean cpu;

    @Override
    public Integer call() throws Exception {
        Path root = LibraryLocation.resolve(Optional.ofNullable(library).or(WorkstationCommand::lastLibrary));
        return open(root, DemoLibrary.isNew(root), cpu);
    }

    /** The library used last (settings), unless $NODULETRACK_LIBRARY names one; only when it still exists. */
    static Optional<Path> lastLibrary() {
        String env = System.getenv(LibraryLocation.ENV_VARIABLE);
        if (env != null && !env.isBlank()) {
            return Optional.empty();
        }
        return Settings.load(Settings.defaultFile()).get(Settings.LAST_LIBRARY).map(Path::of)
                .filter(p -> java.nio.file.Files.isRegularFile(p.resolve(org.noduletrack.archive.Library.DATABASE_FILE)));
    }

    /** Opens the workstation and blocks until its window closes. */
    static int open(Path root, boolean createDemo, boolean cpuOnly) throws Exception {
        Workstation.run(new App.Options(root, createDemo, preference(cpuOnly), Settings.defaultFile(), SourceChooser.native_()));
        return 0;
    }

    static RenderEngines.Preference preference(boolean cpuOnly) {
        return cpuOnly || "cpu".equalsIgnoreCase(System.getenv("NODULETRACK_RENDER"))
                ? RenderEngines.Preference.CPU : RenderEngines.Preference.GPU_THEN_CPU;
    }
}
