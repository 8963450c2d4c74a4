package org.noduletrack.app.cli.library;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.noduletrack.archive.importer.ImportReport;

/** Renders an import report as text or as one JSON-ready map. */
public final class ReportFormat {
    private ReportFormat() {}

    public static Map<String, Object> json(ImportReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("imported", r.imported());
        m.put("duplicates", r.duplicates());
        m.put("conflicts", r.conflicts());
        m.put("skipped", r.skipped());
        m.put("failed", r.failed());
        m.put("bytesImported", r.bytesImported());
        m.put("seconds", r.seconds());
        m.put("cancelled", r.cancelled());
        r.error().ifPresent(e -> m.put("error", e));
        m.put("series", r.series().stream().map(t -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("patientId", t.patientId());
            s.put("patientName", t.patientName());
            s.put("studyInstanceUID", t.studyUid());
            s.put("studyDate", t.studyDate());
            s.put("seriesInstanceUID", t.seriesUid());
            s.put("modality", t.modality());
            s.put("seriesDescription", t.description());
            s.put("imported", t.imported());
            s.put("duplicates", t.duplicates());
            return s;
        }).toList());
        m.put("skippedFiles", problems(r.skippedFiles()));
        m.put("failedFiles", problems(r.failedFiles()));
        m.put("dangling", r.dangling());
        m.put("notes", r.notes());
        return m;
    }

    private static List<Map<String, String>> problems(List<ImportReport.FileProblem> list) {
        return list.stream().map(p -> Map.of("file", p.file(), "reason", p.reason())).toList();
    }

    /** Counts per patient, study and series, then skipped and failed files with their reasons. */
    public static void text(ImportReport r, PrintWriter out) {
        out.printf("imported %d, duplicates %d, conflicts (kept aside) %d, skipped %d, failed %d in %.1f s%s%n",
                r.imported(), r.duplicates(), r.conflicts(), r.skipped(), r.failed(), r.seconds(),
                r.cancelled() ? " (cancelled)" : "");
        Map<String, Map<String, List<ImportReport.SeriesTally>>> tree = new TreeMap<>();
        for (ImportReport.SeriesTally t : r.series()) {
            tree.computeIfAbsent(t.patientId() + "  " + t.patientName(), k -> new TreeMap<>())
                    .computeIfAbsent(t.studyDate() + "  " + t.studyUid(), k -> new java.util.ArrayList<>()).add(t);
        }
        tree.forEach((patient, studies) -> {
            long n = studies.values().stream().flatMap(List::stream).mapToLong(t -> t.imported() + t.duplicates()).sum();
            out.printf("patient %s: %d instances%n", patient.strip(), n);
            studies.forEach((study, series) -> {
                out.printf("  study %s%n", study.strip());
                for (ImportReport.SeriesTally t : series) {
                    out.printf("    series %-4s %-30s %5d new %5d already held%n", t.modality(), t.description(),
                            t.imported(), t.duplicates());
                }
            });
        });
        for (ImportReport.FileProblem p : r.skippedFiles()) {
            out.printf("skipped %s: %s%n", p.file(), p.reason());
        }
        for (ImportReport.FileProblem p : r.failedFiles()) {
            out.printf("failed  %s: %s%n", p.file(), p.reason());
        }
        for (String d : r.dangling()) {
            out.printf("missing %s: referenced by the DICOMDIR, not on the medium%n", d);
        }
        for (String n : r.notes()) {
            out.printf("note: %s%n", n);
        }
    }
}
