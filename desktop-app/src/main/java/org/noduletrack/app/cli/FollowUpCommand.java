package org.noduletrack.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import org.noduletrack.app.cli.library.LibraryOption;
import org.noduletrack.app.cli.nodules.CliSupport;
import org.noduletrack.app.cli.nodules.FollowUpJson;
import org.noduletrack.app.cli.nodules.ThreadsOption;
import org.noduletrack.app.followup.CtSeriesChooser;
import org.noduletrack.app.followup.FollowUpCase;
import org.noduletrack.app.followup.FollowUpEngines;
import org.noduletrack.app.followup.FollowUpFindingsRepository;
import org.noduletrack.app.followup.FollowUpProgress;
import org.noduletrack.app.followup.FollowUpSession;
import org.noduletrack.app.followup.FollowUpTimelines;
import org.noduletrack.app.followup.FollowUpWorkflow;
import org.noduletrack.app.followup.GuidelineContext;
import org.noduletrack.app.followup.LibrarySeriesLoader;
import org.noduletrack.app.followup.report.CjkFontLocator;
import org.noduletrack.app.followup.report.FollowUpReport;
import org.noduletrack.app.followup.report.KeyImageRenderer;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.index.PatientRecord;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.cpu.CpuReslicer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code noduletrack followup}: the follow-up workspace without the UI. */
@Command(name = "followup", mixinStandardHelpOptions = true,
        description = {"Follows nodules over a patient's CTs in the library: every earlier CT is registered to the latest,"
                + " each seed (LPS mm of the latest CT) is segmented there, found and segmented on every earlier CT and"
                + " measured; growth, volume doubling time and Fleischner 2017 (incidental) or Lung-RADS v2022 (screening)."
                + " JSON schema in README. Decision support only."})
public final class FollowUpCommand implements Callable<Integer> {
    /** Clinical context of the CT. */
    public enum Context { incidental, screening }

    /** Fleischner risk. */
    public enum Risk { high, low }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--patient", required = true, paramLabel = "ID", description = "Patient ID in the library")
    String patientId;

    @Mixin
    LibraryOption library = new LibraryOption();

    @Option(names = "--seed", required = true, paramLabel = "x,y,z",
            description = "a nodule on the latest CT, LPS mm (repeat for more nodules)")
    List<String> seeds;

    @Option(names = "--context", defaultValue = "screening", paramLabel = "incidental|screening",
            description = "incidental finding (Fleischner 2017, needs --age) or screening CT (Lung-RADS v2022); default ${DEFAULT-VALUE}")
    Context context;

    @Option(names = "--age", paramLabel = "N", description = "age in years at the latest CT")
    Integer age;

    @Option(names = "--risk", defaultValue = "high", paramLabel = "high|low", description = "Fleischner risk; default ${DEFAULT-VALUE}")
    Risk risk;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Option(names = "--pdf", paramLabel = "FILE", description = "also write the PDF report there and file it in the patient's case folder")
    Path pdf;

    @Option(names = "--lang", defaultValue = "en", paramLabel = "en|zh", description = "report language; default ${DEFAULT-VALUE}")
    String lang;

    @Option(names = "--save", description = "save the findings in the library (the workstation reopens them)")
    boolean save;

    @picocli.CommandLine.Mixin
    ThreadsOption threadsOption = new ThreadsOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        try {
            List<Vec3> points = CliSupport.parsePoints(seeds);
            GuidelineContext ctx = guidelineContext(context, age, risk);
            int n = threadsOption.resolve();
            try (Library lib = Library.open(library.resolve())) {
                FollowUpEngines engines = FollowUpEngines.defaults();
                FollowUpWorkflow w = workflow(lib, n, engines);
                PatientRecord patient = w.patientById(patientId);
                FollowUpCase c;
                try (FollowUpSession s = w.openLatest(patient.key(), points, ctx, progress(err), new CancelToken())) {
                    c = s.snapshot();
                    if (pdf != null) {
                        List<org.noduletrack.app.followup.report.KeyImage> images;
                        try (CpuReslicer reslicer = new CpuReslicer(n)) {
                            images = new KeyImageRenderer(reslicer).render(s, c);
                        }
                        new FollowUpReport(new CjkFontLocator()).write(c, images, locale(lang), LocalDate.now(), pdf);
                        lib.caseFolders().attachReport(patient.key(), pdf, "Nodule follow-up " + c.current().date(),
                                c.current().date().toString().replace("-", ""));
                        err.println("followup: report written to " + pdf + " and filed in the case folder");
                    }
                }
                if (save) {
                    new FollowUpFindingsRepository(lib.root(), engines.assessor(), Clock.systemUTC(),
                            System.getProperty("user.name", "unknown")).save(c);
                    err.println("followup: findings saved in the library");
                }
                print(out, c, json);
            }
            return CliSupport.OK;
        } catch (Exception e) {
            return CliSupport.fail(err, e);
        }
    }

    static FollowUpWorkflow workflow(Library lib, int threads, FollowUpEngines engines) {
        return new FollowUpWorkflow(new FollowUpTimelines(lib.store(), new CtSeriesChooser()),
                new LibrarySeriesLoader(lib, threads), engines);
    }

    static GuidelineContext guidelineContext(Context context, Integer age, Risk risk) {
        GuidelineContext.Setting setting = context == Context.incidental ? GuidelineContext.Setting.INCIDENTAL
                : GuidelineContext.Setting.SCREENING;
        GuidelineContext g = new GuidelineContext(setting, age == null ? OptionalInt.empty() : OptionalInt.of(age),
                risk == Risk.high, false, false);
        if (!g.missing().isEmpty()) {
            throw new IllegalArgumentException("Fleischner 2017 (--context incidental) needs --age");
        }
        return g;
    }

    static Locale locale(String lang) {
        return switch (lang.toLowerCase(Locale.ROOT)) {
            case "en" -> Locale.ENGLISH;
            case "zh", "zh-cn", "zh_cn" -> Locale.SIMPLIFIED_CHINESE;
            default -> throw new IllegalArgumentException("--lang is en or zh, not " + lang);
        };
    }

    static FollowUpProgress progress(PrintWriter err) {
        return (stage, done, total, detail) -> {
            if (stage == FollowUpProgress.Stage.LOADING || stage == FollowUpProgress.Stage.REGISTERING
                    || stage == FollowUpProgress.Stage.SEGMENTING) {
                if (done < total) {
                    err.printf(Locale.ROOT, "followup: %s %s (%d/%d)%n", stage.name().toLowerCase(Locale.ROOT), detail,
                            done + 1, total);
                    err.flush();
                }
            }
        };
    }

    static void print(PrintWriter out, FollowUpCase c, boolean json) throws java.io.IOException {
        if (json) {
            CliSupport.printJson(out, FollowUpJson.of(c));
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(c.studies().size() + " CTs, current " + c.current().date());
        c.nodules().forEach(n -> lines.add(n.id() + ": " + n.observations().stream()
                .map(o -> o.study().date() + " " + o.measurement().map(m -> CliSupport.fmt(m.volumeMm3()) + " mm3").orElse("not found"))
                .toList() + n.growth().map(g -> String.format(Locale.ROOT, ", %+.1f%%", g.volumeChangePercent())).orElse("")
                + n.guideline().map(g -> ", " + g.guideline() + " " + g.category() + " (" + g.interval().en() + ")").orElse("")));
        c.exam().ifPresent(e -> lines.add("exam: " + e.guideline() + " " + e.category() + ": " + e.interval().en()));
        lines.forEach(out::println);
        out.flush();
    }
}
