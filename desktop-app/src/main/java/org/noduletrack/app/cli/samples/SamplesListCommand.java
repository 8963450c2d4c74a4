package org.noduletrack.app.cli.samples;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.noduletrack.samples.SampleCatalog;
import org.noduletrack.samples.SampleFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code noduletrack samples list}: the bundled files with their SHA-256. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the bundled sample files with size and SHA-256.")
public final class SamplesListCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    public SamplesListCommand() {
    }

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        for (SampleFile f : SampleCatalog.bundled().files()) {
            w.printf("%s  %10d  %s%n", f.sha256(), f.sizeBytes(), f.path());
        }
        w.flush();
        return 0;
    }
}
