package org.noduletrack.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.noduletrack.app.cli.library.CliErrors;
import org.noduletrack.app.cli.library.LibraryOption;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.ArchiveStore;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.index.PatientRecord;
import org.noduletrack.archive.index.SeriesRecord;
import org.noduletrack.archive.index.StudyRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "Lists the patients, studies or series held in the library (oldest study first per patient).")
public final class LsCommand implements Callable<Integer> {
    /** What to list. */
    public enum What { patients, studies, series }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "patients|studies|series", description = "what to list")
    What what;

    @Option(names = "--patient", paramLabel = "ID", description = "only the patient(s) with this Patient ID")
    String patientId;

    @Mixin
    LibraryOption library = new LibraryOption();

    @Option(names = "--json", description = "print a JSON array of objects")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<Map<String, Object>> rows;
        try (Library lib = Library.open(library.resolve())) {
            rows = rows(lib.store());
        } catch (ArchiveException e) {
            return CliErrors.fail(spec, e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(rows));
        } else {
            for (Map<String, Object> r : rows) {
                out.println(text(r));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private List<Map<String, Object>> rows(ArchiveStore store) throws ArchiveException {
        List<PatientRecord> patients = patientId == null ? null : store.patientsWithId(patientId);
        List<Map<String, Object>> out = new ArrayList<>();
        switch (what) {
            case patients -> {
                for (PatientRecord p : patients != null ? patients : store.patients()) {
                    out.add(patient(p));
                }
            }
            case studies -> {
                for (StudyRecord s : patients == null ? store.studies() : concatStudies(store, patients)) {
                    out.add(study(s));
                }
            }
            case series -> {
                for (SeriesRecord s : patients == null ? store.series() : concatSeries(store, patients)) {
                    out.add(series(s));
                }
            }
        }
        return out;
    }

    private static List<StudyRecord> concatStudies(ArchiveStore store, List<PatientRecord> patients) throws ArchiveException {
        List<StudyRecord> all = new ArrayList<>();
        for (PatientRecord p : patients) {
            all.addAll(store.studies(p.key()));
        }
        return all;
    }

    private static List<SeriesRecord> concatSeries(ArchiveStore store, List<PatientRecord> patients) throws ArchiveException {
        List<SeriesRecord> all = new ArrayList<>();
        for (PatientRecord p : patients) {
            all.addAll(store.series(p.key()));
        }
        return all;
    }

    static Map<String, Object> patient(PatientRecord p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("patientKey", p.key().value());
        m.put("patientId", p.patientId());
        m.put("issuerOfPatientId", p.issuer());
        m.put("patientName", p.name().display());
        m.put("patientNameAlphabetic", p.name().alphabetic());
        m.put("patientNameIdeographic", p.name().ideographic());
        m.put("patientNamePhonetic", p.name().phonetic());
        m.put("birthDate", p.birthDate());
        m.put("sex", p.sex());
        m.put("samePersonGroup", p.personGroup().isPresent() ? p.personGroup().getAsLong() : null);
        m.put("studies", p.studies());
        return m;
    }

    static Map<String, Object> study(StudyRecord s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("studyInstanceUID", s.uid().value());
        m.put("patientKey", s.patient().value());
        m.put("patientId", s.patientId());
        m.put("studyDate", s.date());
        m.put("studyTime", s.time());
        m.put("accessionNumber", s.accessionNumber());
        m.put("studyId", s.studyId());
        m.put("studyDescription", s.description());
        m.put("modalities", s.modalities());
        m.put("series", s.series());
        m.put("instances", s.instances());
        return m;
    }

    static Map<String, Object> series(SeriesRecord s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seriesInstanceUID", s.uid().value());
        m.put("studyInstanceUID", s.study().value());
        m.put("patientKey", s.patient().value());
        m.put("patientId", s.patientId());
        m.put("modality", s.modality());
        m.put("seriesNumber", s.number().isPresent() ? s.number().getAsInt() : null);
        m.put("seriesDate", s.date());
        m.put("seriesDescription", s.description());
        m.put("convolutionKernel", s.kernel());
        m.put("bodyPartExamined", s.bodyPart());
        m.put("rows", s.geometry().rows());
        m.put("columns", s.geometry().columns());
        m.put("sliceThicknessMm", finite(s.geometry().sliceThicknessMm()));
        m.put("coverageMm", finite(s.geometry().coverageMm()));
        m.put("instances", s.instances());
        return m;
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private String text(Map<String, Object> r) {
        return switch (what) {
            case patients -> String.format("%-20s %-30s %-8s %s studies", r.get("patientId"), r.get("patientName"),
                    r.get("birthDate"), r.get("studies"));
            case studies -> String.format("%-8s %-20s %-64s %-8s %-30s %3s series %5s instances", r.get("studyDate"),
                    r.get("patientId"), r.get("studyInstanceUID"), String.join(",", castList(r.get("modalities"))),
                    r.get("studyDescription"), r.get("series"), r.get("instances"));
            case series -> String.format("%-20s %-64s %-4s %-30s %5s instances", r.get("patientId"),
                    r.get("seriesInstanceUID"), r.get("modality"), r.get("seriesDescription"), r.get("instances"));
        };
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object o) {
        return (List<String>) o;
    }
}
