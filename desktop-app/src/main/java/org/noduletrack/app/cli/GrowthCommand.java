package org.noduletrack.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.noduletrack.app.cli.library.LibraryOption;
import org.noduletrack.app.cli.nodules.CliSupport;
import org.noduletrack.app.cli.nodules.FollowUpJson;
import org.noduletrack.app.cli.nodules.GrowthJson;
import org.noduletrack.app.cli.nodules.SeriesVolume;
import org.noduletrack.app.cli.nodules.ThreadsOption;
import org.noduletrack.app.followup.FollowUpCase;
import org.noduletrack.app.followup.FollowUpEngines;
import org.noduletrack.app.followup.FollowUpFindingsRepository;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.index.PatientRecord;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.nodule.registration.RigidRegistration;
import org.noduletrack.nodule.segmentation.NoduleSegmenter;
import org.noduletrack.render.geom.Affine3;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code noduletrack growth}: nodule growth between a prior and a current CT. */
@Command(name = "growth", mixinStandardHelpOptions = true,
        description = {"Measures each nodule given by a seed on the --prior series, finds it on the --current series"
                + " (rigid registration refined around the nodule), measures it again and reports volume change, volume"
                + " doubling time (only beyond the 25% measurement variability), Lung-RADS v2022 growth and a suggested"
                + " category, with explanations in English and Simplified Chinese. Decision support only."})
public final class GrowthCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--prior", paramLabel = "DIR", description = "prior series folder (with --current)")
    Path prior;

    @Option(names = "--current", paramLabel = "DIR", description = "current series folder (with --prior)")
    Path current;

    @Option(names = "--patient", paramLabel = "ID", description = "instead of folders: the patient's CTs in the library"
            + " (latest against every earlier one, the follow-up workflow); without --seeds, the findings saved in the library")
    String patientId;

    @Mixin
    LibraryOption library = new LibraryOption();

    @Option(names = "--context", defaultValue = "screening", paramLabel = "incidental|screening",
            description = "with --patient: Fleischner 2017 (incidental, needs --age) or Lung-RADS v2022 (screening)")
    FollowUpCommand.Context context;

    @Option(names = "--age", paramLabel = "N", description = "with --patient and incidental: age in years")
    Integer age;

    @Option(names = "--seeds", paramLabel = "x,y,z[;x,y,z...]",
            description = "nodule seed points: on the prior series with --prior/--current (LPS mm of the prior); on the"
                    + " latest CT with --patient (repeatable or ';'-separated)")
    List<String> seeds = new ArrayList<>();

    @Option(names = "--new-seeds", paramLabel = "x,y,z[;...]", description = "seed points of nodules new on the current series")
    List<String> newSeeds = new ArrayList<>();

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @picocli.CommandLine.Mixin
    ThreadsOption threadsOption = new ThreadsOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        try {
            if (patientId != null) {
                return fromLibrary(out, err);
            }
            if (prior == null || current == null || seeds.isEmpty()) {
                throw new IllegalArgumentException("give --prior DIR --current DIR --seeds ..., or --patient ID");
            }
            List<Vec3> priorSeeds = CliSupport.parsePoints(seeds);
            List<Vec3> currentSeeds = CliSupport.parsePoints(newSeeds);
            int n = threadsOption.resolve();
            try (SeriesVolume a = SeriesVolume.load(prior, n); SeriesVolume b = SeriesVolume.load(current, n)) {
                LocalDate da = a.studyDate().orElseThrow(() -> new IllegalArgumentException("the prior series has no study date"));
                LocalDate db = b.studyDate().orElseThrow(() -> new IllegalArgumentException("the current series has no study date"));
                long days = ChronoUnit.DAYS.between(da, db);
                if (days <= 0) {
                    throw new IllegalArgumentException("the current study (" + db + ") must be later than the prior (" + da + ")");
                }
                RigidRegistration reg = new RigidRegistration();
                NoduleSegmenter seg = new NoduleSegmenter();
                long t0 = System.nanoTime();
                Affine3 global = reg.register(a.volume(), b.volume()).fixedToMoving();
                GrowthJson report = new GrowthJson(da, db);
                List<Map<String, Object>> nodules = new ArrayList<>();
                for (Vec3 s : priorSeeds) {
                    Measurement ma = seg.segment(a.volume(), a.ref(), s).measurement();
                    Affine3 local = reg.refineLocal(a.volume(), b.volume(), ma.centroidLps(), global).fixedToMoving();
                    Vec3 mapped = local.applyToPoint(ma.centroidLps());
                    Optional<Measurement> mb;
                    try {
                        mb = Optional.of(seg.segment(b.volume(), b.ref(), mapped).measurement());
                    } catch (IllegalArgumentException notFound) {
                        mb = Optional.empty();
                    }
                    nodules.add(report.pair(s, Optional.of(ma), Optional.of(mapped), mb));
                }
                for (Vec3 s : currentSeeds) {
                    nodules.add(report.pair(s, Optional.empty(), Optional.empty(),
                            Optional.of(seg.segment(b.volume(), b.ref(), s).measurement())));
                }
                Map<String, Object> res = new LinkedHashMap<>();
                res.put("prior_date", da.toString());
                res.put("current_date", db.toString());
                res.put("interval_days", days);
                res.put("registration_matrix", RegisterCommand.matrix(global));
                res.put("nodules", nodules);
                res.put("seconds", CliSupport.round((System.nanoTime() - t0) / 1e9, 3));
                res.put("disclaimer", "Decision support only: the reading radiologist assigns the final category and plan.");
                if (json) {
                    CliSupport.printJson(out, res);
                } else {
                    out.printf("%s -> %s (%d days)%n", da, db, days);
                    for (Map<String, Object> r : nodules) {
                        out.printf("%s: %s%n", r.get("status"), r.get("explanation_en"));
                    }
                    out.flush();
                }
            }
            return CliSupport.OK;
        } catch (Exception e) {
            return CliSupport.fail(err, e);
        }
    }

    /** The follow-up workflow on the library (seeds given) or the saved findings, printed as the followup command does. */
    private int fromLibrary(PrintWriter out, PrintWriter err) throws Exception {
        int n = threadsOption.resolve();
        try (Library lib = Library.open(library.resolve())) {
            FollowUpEngines engines = FollowUpEngines.defaults();
            var w = FollowUpCommand.workflow(lib, n, engines);
            PatientRecord patient = w.patientById(patientId);
            FollowUpCase c;
            if (seeds.isEmpty()) {
                c = new FollowUpFindingsRepository(lib.root(), engines.assessor(), java.time.Clock.systemUTC(), "cli")
                        .load(w.timeline(patient.key()))
                        .orElseThrow(() -> new IllegalArgumentException("no follow-up findings saved for this patient;"
                                + " give --seeds, or save them with noduletrack followup --save"));
            } else {
                c = w.run(patient.key(), CliSupport.parsePoints(seeds),
                        FollowUpCommand.guidelineContext(context, age, FollowUpCommand.Risk.high),
                        FollowUpCommand.progress(err), new CancelToken());
            }
            if (json) {
                CliSupport.printJson(out, FollowUpJson.of(c));
            } else {
                FollowUpCommand.print(out, c, false);
            }
        }
        return CliSupport.OK;
    }
}
