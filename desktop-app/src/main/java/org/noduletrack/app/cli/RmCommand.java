package org.noduletrack.app.cli;

import java.util.concurrent.Callable;
import org.noduletrack.app.cli.library.CliErrors;
import org.noduletrack.app.cli.library.LibraryOption;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.StudyUid;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "rm", mixinStandardHelpOptions = true,
        description = "Deletes a study from the library: its files and its index rows together (audited).")
public final class RmCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--study", required = true, paramLabel = "UID", description = "Study Instance UID")
    String study;

    @Mixin
    LibraryOption library = new LibraryOption();

    @Override
    public Integer call() {
        StudyUid uid;
        try {
            uid = new StudyUid(study);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("noduletrack rm: " + e.getMessage());
            return CliErrors.BAD_INPUT;
        }
        try (Library lib = Library.open(library.resolve())) {
            int n = lib.store().deleteStudy(uid);
            spec.commandLine().getOut().println("removed study " + uid + " (" + n + " instances)");
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        } catch (ArchiveException e) {
            return CliErrors.fail(spec, e);
        }
    }
}
