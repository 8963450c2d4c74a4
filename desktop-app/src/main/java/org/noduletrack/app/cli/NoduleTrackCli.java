package org.noduletrack.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * The {@code noduletrack} command line: results on stdout (JSON with --json), progress and errors on stderr, a non-zero
 * exit code with a one-line error on failure.
 */
@Command(name = "noduletrack",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "NoduleTrack: lung-nodule follow-up workstation and DICOM tools.",
        subcommands = {DumpCommand.class, PixelsCommand.class, ValidateCommand.class, ImportCommand.class, LsCommand.class,
                RmCommand.class, RenderCommand.class, RegisterCommand.class, SegmentCommand.class, GrowthCommand.class, FollowUpCommand.class, SamplesCommand.class, BenchCommand.class,
                DemoCommand.class, WorkstationCommand.class, ScreenshotCommand.class,
                MediaCommand.class,
                PacsCommand.class,
                CommandLine.HelpCommand.class})
public final class NoduleTrackCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** What the desktop launcher and the .dcm file association pass: sources to import when the window opens. */
    @Parameters(arity = "0..*", paramLabel = "PATH",
            description = "with no command: folders, DICOMDIRs, zips or DICOM files to import when the workstation opens")
    List<Path> open = List.of();

    /** With no command: the workstation on the default library (the demo library when none exists yet). */
    @Override
    public void run() {
        WorkstationCommand workstation = new WorkstationCommand();
        workstation.sources = open;
        workstation.spec = spec;
        try {
            workstation.call();
        } catch (CommandLine.ParameterException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the workstation: " + e.getMessage()
                    + " (see noduletrack --help for the command line)", e);
        }
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs a command line with the given streams; returns the exit code (used by tests too). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new NoduleTrackCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            // One line, no stack trace: the message names the file and what is wrong with it.
            String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
            commandLine.getErr().println("noduletrack " + commandLine.getCommandName() + ": " + msg.replace('\n', ' '));
            commandLine.getErr().flush();
            return ex instanceof java.io.IOException ? ExitCodes.BAD_INPUT : ExitCodes.FAILURE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
