package org.noduletrack.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.noduletrack.app.cli.nodules.CliSupport;
import org.noduletrack.app.cli.nodules.NoduleBench;
import org.noduletrack.app.cli.nodules.ThreadsOption;
import org.noduletrack.samples.generator.DemoPatientGenerator;
import org.noduletrack.samples.generator.GeneratedPatient;
import org.noduletrack.samples.truth.GroundTruthJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code noduletrack bench nodules}: accuracy and speed of nodule tools on a generated demo patient. */
@Command(name = "nodules", mixinStandardHelpOptions = true,
        description = {"Generates a demo patient (samples generator, exact ground truth) or reads one (--patient-dir with"
                + " ground-truth.json) and measures: rigid registration target error (mean, p95) and seconds, local"
                + " refinement error at nodules, match rate across dates, segmentation volume error per size class,"
                + " VDT error, segmentation milliseconds per click and per threshold correction, lung location; elastix"
                + " (rigid Euler, Mattes MI) on the same pairs and points when elastix is on the PATH; and (lidc) our"
                + " volume and long axis against the LIDC"
                + " readers' outlines of LIDC-IDRI-0001. JSON on stdout."})
public final class BenchNodulesCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--seed", defaultValue = "1", description = "generator seed (default 1)")
    long seed;

    @Option(names = "--timepoints", defaultValue = "3", description = "timepoints to generate (default 3)")
    int timepoints;

    @Option(names = "--patient-dir", paramLabel = "DIR", description = "use an already generated patient instead")
    Path patientDir;

    @Option(names = "--out", description = "also write the JSON result to this file")
    Path out;

    @picocli.CommandLine.Mixin
    ThreadsOption threadsOption = new ThreadsOption();

    @Option(names = "--lidc", paramLabel = "DIR", defaultValue = "../shared/data/lidc-idri-0001",
            description = "LIDC series with its readers' XML for the lidc section (default: ${DEFAULT-VALUE}; skipped when absent)")
    Path lidc;

    @Option(names = "--no-lidc", description = "leave out the lidc section")
    boolean noLidc;

    @Option(names = "--no-elastix", description = "do not run elastix as the registration reference even when it is installed")
    boolean noElastix;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        Path temp = null;
        try {
            Path dir;
            List<Path> series = new ArrayList<>();
            var truth = (org.noduletrack.samples.truth.GroundTruth) null;
            if (patientDir != null) {
                dir = patientDir;
                truth = new GroundTruthJson().read(dir.resolve("ground-truth.json"));
                for (var tp : truth.timepoints()) series.add(dir.resolve(tp.directory()));
            } else {
                temp = Files.createTempDirectory("bench-nodules");
                err.println("generating demo patient (seed " + seed + ", " + timepoints + " timepoints) in " + temp);
                err.flush();
                GeneratedPatient p = DemoPatientGenerator.fromBundledSample().generate(temp, seed, timepoints);
                truth = p.groundTruth();
                series.addAll(p.seriesDirectories());
            }
            int nThreads = threadsOption.resolve();
            Map<String, Object> result = new NoduleBench(nThreads, err, !noElastix).run(truth, series);
            if (!noLidc) {
                err.println("comparing with the LIDC readers under " + lidc);
                err.flush();
                result.put("lidc", org.noduletrack.app.cli.nodules.LidcBench.run(lidc, nThreads));
            }
            CliSupport.printJson(stdout, result);
            if (out != null) {
                Files.writeString(out, new com.fasterxml.jackson.databind.ObjectMapper()
                        .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
            }
            return CliSupport.OK;
        } catch (Exception e) {
            return CliSupport.fail(err, e);
        } finally {
            if (temp != null) {
                try (var s = Files.walk(temp)) {
                    s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (Exception ignored) {
                    // best effort
                }
            }
        }
    }
}
