package org.noduletrack.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ParseIssue;
import org.noduletrack.dicom.io.ReadOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Checks that a file parses, lists tolerated deviations, checks the identifying attributes and"
                + " decodes every frame.", "Exit code 0: valid (warnings allowed); 4: errors found; 3: unreadable."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--json", description = "print the report as JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        DicomFile f = new DicomReader(ReadOptions.defaults()).read(file);
        List<String> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (ParseIssue i : f.issues()) {
            warnings.add(i.toString());
        }
        if (f.fileMeta().isEmpty()) {
            warnings.add("no File Meta Information (not a Part 10 file)");
        }
        if (f.dataset().string(Tags.SOPClassUID).isEmpty()) {
            errors.add("missing SOP Class UID (0008,0016)");
        }
        if (f.dataset().string(Tags.SOPInstanceUID).isEmpty()) {
            errors.add("missing SOP Instance UID (0008,0018)");
        }
        f.fileMeta().string(Tags.MediaStorageSOPInstanceUID).ifPresent(m -> {
            if (!m.equals(f.dataset().string(Tags.SOPInstanceUID).orElse(m))) {
                errors.add("Media Storage SOP Instance UID differs from SOP Instance UID");
            }
        });
        int frames = 0;
        if (f.dataset().contains(Tags.PixelData)) {
            PixelDataReader pixels = new PixelDataReader(CodecRegistry.standard());
            try {
                int n = pixels.descriptor(f).frames();
                for (int i = 0; i < n; i++) {
                    pixels.decodeFrame(f, i);
                    frames++;
                }
            } catch (java.io.IOException e) {
                errors.add("pixel data: " + e.getMessage());
            }
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("file", file.toString());
        report.put("transferSyntax", f.transferSyntax().uid());
        report.put("valid", errors.isEmpty());
        report.put("framesDecoded", frames);
        report.put("errors", errors);
        report.put("warnings", warnings);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            out.println((errors.isEmpty() ? "VALID " : "INVALID ") + file + " (" + f.transferSyntax().uid() + ", " + frames
                    + " frame(s) decoded)");
            errors.forEach(e -> out.println("error: " + e));
            warnings.forEach(w -> out.println("warning: " + w));
        }
        return errors.isEmpty() ? ExitCodes.OK : ExitCodes.INVALID;
    }
}
