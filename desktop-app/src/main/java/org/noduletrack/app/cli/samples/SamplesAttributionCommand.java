package org.noduletrack.app.cli.samples;

import java.util.concurrent.Callable;
import org.noduletrack.samples.SampleCatalog;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code noduletrack samples attribution}: the CC BY 3.0 attribution of the bundled CT (also shown in About). */
@Command(name = "attribution", mixinStandardHelpOptions = true, description = "Prints the license and citations of the bundled CT.")
public final class SamplesAttributionCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    public SamplesAttributionCommand() {
    }

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(SampleCatalog.bundled().attributionText());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
