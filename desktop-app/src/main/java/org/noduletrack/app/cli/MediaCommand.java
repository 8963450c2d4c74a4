package org.noduletrack.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.noduletrack.archive.media.MediaScanner;
import org.noduletrack.archive.media.RemovableMedium;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "media", mixinStandardHelpOptions = true,
        description = {"Lists the CDs/DVDs and USB media mounted now, DICOM-looking ones first, with the path to give to"
                + " `import` (the DICOMDIR when there is one). Nothing is read beyond the media's top folders."})
public final class MediaCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "print a JSON array of objects")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<RemovableMedium> media = MediaScanner.forThisMachine().scan();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (RemovableMedium m : media) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("label", m.label());
                r.put("root", m.root().toString());
                r.put("kind", m.kind().name().toLowerCase(java.util.Locale.ROOT));
                r.put("fs_type", m.fsType());
                r.put("read_only", m.readOnly());
                r.put("dicomdir", m.dicomDir().map(Object::toString).orElse(null));
                r.put("looks_like_dicom", m.looksLikeDicom());
                r.put("import_path", m.importPath().toString());
                rows.add(r);
            }
            out.println(new ObjectMapper().writeValueAsString(rows));
        } else if (media.isEmpty()) {
            out.println("no CD/DVD or USB medium is mounted");
        } else {
            for (RemovableMedium m : media) {
                out.printf("%-8s %-20s %s%s%n", m.kind().name().toLowerCase(java.util.Locale.ROOT), m.label(),
                        m.importPath(), m.looksLikeDicom() ? "" : "  (no DICOMDIR or DICOM folder)");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
