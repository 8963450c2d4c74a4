package org.noduletrack.app.cli.library;

import org.noduletrack.archive.ArchiveException;
import picocli.CommandLine.Model.CommandSpec;

/** One-line errors for library commands: "noduletrack CMD: message" on stderr, and the exit code. */
public final class CliErrors {
    /** Same values as the CLI's exit codes: 1 failure, 3 unreadable or unknown input. */
    public static final int FAILURE = 1;
    public static final int BAD_INPUT = 3;

    private CliErrors() {}

    public static int fail(CommandSpec spec, ArchiveException e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        spec.commandLine().getErr().println("noduletrack " + spec.name() + ": " + msg.replace('\n', ' '));
        spec.commandLine().getErr().flush();
        return e.reason() == ArchiveException.Reason.NOT_FOUND ? BAD_INPUT : FAILURE;
    }
}
