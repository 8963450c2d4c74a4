package org.noduletrack.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.noduletrack.app.cli.library.CliErrors;
import org.noduletrack.app.cli.library.LibraryOption;
import org.noduletrack.app.cli.library.ProgressPrinter;
import org.noduletrack.app.cli.library.ReportFormat;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.importer.ImportOptions;
import org.noduletrack.archive.importer.ImportReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Imports folders (recursively), CD/DVD/USB media (through their DICOMDIR when present) and zip files"
                + " into the library: files are copied, duplicates skipped, non-DICOM files listed with a reason.",
                "Progress on stderr; the report on stdout. Ctrl-C stops after the current files, leaving a consistent library."})
public final class ImportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH",
            description = "folder, medium root, zip or DICOM file; or dicomweb://PROFILE/studies/UID[/series/UID]")
    List<String> inputs;

    @Mixin
    LibraryOption library = new LibraryOption();

    @Option(names = "--json", description = "print the report as one JSON object")
    boolean json;

    @Option(names = "--threads", description = "files processed at the same time (default: by CPU count)")
    Integer threads;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        var out = spec.commandLine().getOut();
        CancelToken cancel = new CancelToken();
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            cancel.cancel();
            try {
                done.await(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "import-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        List<Path> paths = inputs.stream().filter(s -> !DicomWebImport.isUrl(s)).map(Path::of).toList();
        List<String> urls = inputs.stream().filter(DicomWebImport::isUrl).toList();
        ImportReport report = null;
        try (Library lib = Library.open(library.resolve())) {
            ProgressPrinter progress = new ProgressPrinter(err, ProgressPrinter.stderrIsTerminal(), Duration.ofSeconds(2));
            ImportOptions defaults = ImportOptions.defaults();
            ImportOptions options = threads == null ? defaults : new ImportOptions(threads, defaults.batchSize());
            if (!paths.isEmpty()) {
                report = lib.importer(options).importPaths(paths, progress, cancel);
            }
            for (String url : urls) {
                if (report != null && !report.complete()) {
                    break;
                }
                ImportReport r = new DicomWebImport(PacsCommand.profiles()).run(lib.importer(options), url, progress, cancel);
                report = report == null ? r : DicomWebImport.combine(report, r);
            }
            progress.finish();
        } catch (ArchiveException e) {
            return CliErrors.fail(spec, e);
        } catch (java.io.IOException | IllegalArgumentException e) {
            err.println("noduletrack import: " + String.valueOf(e.getMessage()).replace('\n', ' '));
            err.flush();
            return e instanceof org.noduletrack.dicom.web.DicomWebException ? ExitCodes.FAILURE : ExitCodes.BAD_INPUT;
        } finally {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already
            }
        }
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(ReportFormat.json(report)));
        } else {
            ReportFormat.text(report, out);
        }
        out.flush();
        if (report.error().isPresent()) {
            err.println("noduletrack import: " + report.error().get());
            err.flush();
            return ExitCodes.FAILURE;
        }
        if (report.cancelled()) {
            err.println("noduletrack import: cancelled; " + report.imported() + " instances were imported");
            return ExitCodes.FAILURE;
        }
        if (report.failed() > 0) {
            err.println("noduletrack import: " + report.failed() + " file(s) could not be imported (see the report)");
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.OK;
    }
}
