package org.noduletrack.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.noduletrack.app.App;
import org.noduletrack.app.Settings;
import org.noduletrack.app.Workstation;
import org.noduletrack.app.view.SourceChooser;
import org.noduletrack.app.workspace.DemoLibrary;
import org.noduletrack.archive.LibraryLocation;
import org.noduletrack.render.engine.RenderEngines;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code noduletrack workstation}: the JavaFX workstation (also what a bare {@code noduletrack} opens). */
@Command(name = "workstation", mixinStandardHelpOptions = true,
        description = {"Opens the workstation on a library (the demo library on first run, when none exists yet)."})
public final class WorkstationCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "PATH",
            description = "folders, DICOMDIRs, zips or DICOM files to import when the window opens (no demo library then)")
    List<Path> sources = List.of();

    @Option(names = "--library", paramLabel = "DIR",
            description = "library folder (default: $NODULETRACK_LIBRARY, else the OS data folder)")
    Path library;

    @Option(names = "--cpu", description = "render on the CPU only (default: as chosen in Settings, else the GPU when "
            + "available; also NODULETRACK_RENDER=cpu|gpu)")
    boolean cpu;

    @Option(names = "--startup-check", hidden = true,
            description = "print the time from process start to the first laid-out frame of the main window, then close it")
    boolean startupCheck;

    @Override
    public Integer call() throws Exception {
        List<Path> imports = importSources(sources, spec);
        Path root = LibraryLocation.resolve(Optional.ofNullable(library).or(WorkstationCommand::lastLibrary));
        // Started with something to import (a folder or a double-clicked .dcm): that is what the user wants to see.
        Workstation.run(new App.Options(root, imports.isEmpty() && DemoLibrary.isNew(root), preference(cpu),
                Settings.defaultFile(), SourceChooser.native_()), imports, startupCheck);
        return 0;
    }

    /**
     * What to import for the paths the workstation was started with: a DICOMDIR file stands for its medium (the folder
     * holding it), anything else is imported as given. A path that does not exist is a usage error.
     */
    static List<Path> importSources(List<Path> paths, CommandLine.Model.CommandSpec spec) {
        List<Path> sources = new ArrayList<>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (!Files.exists(abs)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "no such command, file or folder: " + p);
            }
            sources.add(isDicomDir(abs) && abs.getParent() != null ? abs.getParent() : abs);
        }
        return List.copyOf(sources);
    }

    /** DICOMDIR as written on media: any case, optionally with the ISO 9660 version suffix ";1". */
    private static boolean isDicomDir(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString().toUpperCase(Locale.ROOT);
        return Files.isRegularFile(p) && (name.equals("DICOMDIR") || name.equals("DICOMDIR;1"));
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
        return preference(cpuOnly, System.getenv("NODULETRACK_RENDER"),
                Settings.load(Settings.defaultFile()).renderPreference());
    }

    /** {@code --cpu}, else {@code $NODULETRACK_RENDER} (cpu or gpu), else the Settings choice, else the GPU when available. */
    static RenderEngines.Preference preference(boolean cpuOnly, String env, Optional<RenderEngines.Preference> setting) {
        if (cpuOnly) {
            return RenderEngines.Preference.CPU;
        }
        if (env != null && !env.isBlank()) {
            return "cpu".equalsIgnoreCase(env.strip()) ? RenderEngines.Preference.CPU : RenderEngines.Preference.GPU_THEN_CPU;
        }
        return setting.orElse(RenderEngines.Preference.GPU_THEN_CPU);
    }
}
