package org.noduletrack.app.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.noduletrack.archive.LibraryLocation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code noduletrack demo}: fills the library with the demo patients once, then opens the workstation on it. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Creates the demo library once (a generated patient with 3 timepoints and the bundled real "
                + "LIDC-IDRI-0001 CT, imported like any CT) and opens the workstation on it."})
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--library", paramLabel = "DIR",
            description = "library folder (default: $NODULETRACK_LIBRARY, else the OS data folder)")
    Path library;

    @Option(names = "--cpu", description = "render on the CPU only")
    boolean cpu;

    @Override
    public Integer call() throws Exception {
        Path root = LibraryLocation.resolve(Optional.ofNullable(library));
        return WorkstationCommand.open(root, true, cpu);
    }
}
