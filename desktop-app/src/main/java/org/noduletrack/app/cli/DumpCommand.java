package org.noduletrack.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.dicom.json.DicomJsonWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "dump", mixinStandardHelpOptions = true,
        description = {"Prints every element of a DICOM file, like dcmdump.",
                "With --json, prints the DICOM JSON Model (PS3.18 F.2) of the data set; bulk data is omitted."})
final class DumpCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "DICOM file (Part 10 or bare data set)")
    Path file;

    @Option(names = "--json", description = "print the DICOM JSON Model instead of text")
    boolean json;

    @Option(names = "--meta", description = "include the File Meta Information group (text mode; JSON always omits it)", defaultValue = "true", negatable = true)
    boolean meta;

    @Override
    public Integer call() throws Exception {
        DicomFile f = new DicomReader(ReadOptions.defaults()).read(file);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            new DicomJsonWriter().write(f.dataset(), out);
            out.println();
        } else {
            new DumpFormatter(out).print(f, meta);
        }
        return ExitCodes.OK;
    }
}
