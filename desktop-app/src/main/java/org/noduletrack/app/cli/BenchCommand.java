package org.noduletrack.app.cli;

import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that write JSON results with a baseline measured in the same run.",
        subcommands = {BenchParseCommand.class, BenchImportCommand.class, BenchRenderCommand.class, BenchNodulesCommand.class,
                BenchDicomWebCommand.class, BenchUiCommand.class})
final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
