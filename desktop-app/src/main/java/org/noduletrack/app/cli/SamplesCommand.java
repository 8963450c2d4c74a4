package org.noduletrack.app.cli;

import java.util.concurrent.Callable;
import org.noduletrack.app.cli.samples.SamplesAttributionCommand;
import org.noduletrack.app.cli.samples.SamplesGenerateCommand;
import org.noduletrack.app.cli.samples.SamplesListCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code noduletrack samples ...}: the bundled sample CT and the demo patient generator. */
@Command(name = "samples", mixinStandardHelpOptions = true,
        description = "Bundled sample CT (LIDC-IDRI-0001, CC BY 3.0) and the synthetic follow-up patient generator.",
        subcommands = {SamplesGenerateCommand.class, SamplesListCommand.class, SamplesAttributionCommand.class})
public final class SamplesCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    public SamplesCommand() {
    }

    @Override
    public Integer call() {
        // a bare "samples" is a usage error: show what is available
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
