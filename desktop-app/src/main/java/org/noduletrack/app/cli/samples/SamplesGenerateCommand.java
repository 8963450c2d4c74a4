package org.noduletrack.app.cli.samples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.noduletrack.samples.generator.CtSeriesWriter;
import org.noduletrack.samples.generator.DemoPatientGenerator;
import org.noduletrack.samples.generator.GeneratedPatient;
import org.noduletrack.samples.generator.GeneratorOptions;
import org.noduletrack.samples.truth.GroundTruth;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code noduletrack samples generate --out DIR [--seed N] [--timepoints K]}. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Writes one synthetic patient with K follow-up CT studies built from the bundled LIDC-IDRI-0001",
            "series, plus ground-truth.json (transforms, nodule centres, volumes, diameters, expected categories)."})
public final class SamplesGenerateCommand implements Callable<Integer> {
    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (created)")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "random seed; the same seed gives the same patient (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--timepoints", defaultValue = "3", description = "number of studies, 1..12 (default ${DEFAULT-VALUE})")
    int timepoints;

    @Option(names = "--codec", defaultValue = "JPEG_LS", description = "pixel encoding: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE})")
    CtSeriesWriter.Codec codec;

    @Option(names = "--incidental", description = "clinical context: incidental finding (Fleischner 2017) instead of screening (Lung-RADS v2022)")
    boolean incidental;

    @Option(names = "--json", description = "print a JSON summary instead of text")
    boolean json;

    public SamplesGenerateCommand() {
    }

    @Override
    public Integer call() throws Exception {
        if (timepoints < 1 || timepoints > 12) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--timepoints must be 1..12");
        }
        GeneratorOptions d = GeneratorOptions.defaults(seed, timepoints);
        GeneratorOptions o = new GeneratorOptions(seed, timepoints, d.sliceThicknessChoicesMm(), d.noiseSigmaHu(),
                d.maxBlurSigmaMm(), d.maxRotationDeg(), d.maxTranslationMm(), d.deform(), d.supersampleStepMm(), codec,
                !incidental);
        long t0 = System.nanoTime();
        spec.commandLine().getErr().println("generating " + timepoints + " timepoint(s), seed " + seed + " ...");
        GeneratedPatient p = DemoPatientGenerator.fromBundledSample().generate(out, o);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        PrintWriter w = spec.commandLine().getOut();
        GroundTruth t = p.groundTruth();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("directory", p.directory().toString());
            m.put("groundTruth", p.groundTruthFile().toString());
            m.put("series", p.seriesDirectories().stream().map(Path::toString).toList());
            m.put("nodules", t.nodules().size());
            m.put("millis", ms);
            w.println(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(m));
        } else {
            w.printf("patient %s: %d studies, %d nodules, %d ms%n", t.patient().patientId(), t.timepoints().size(),
                    t.nodules().size(), ms);
            for (GroundTruth.Timepoint tp : t.timepoints()) {
                w.printf("  %s  %d slices x %.2f mm  %s%n", p.directory().resolve(tp.directory()), tp.slices(),
                        tp.sliceThicknessMm(), tp.lungRadsExamCategory() != null ? "Lung-RADS " + tp.lungRadsExamCategory()
                                : tp.fleischnerRecommendation() != null ? "Fleischner: " + tp.fleischnerRecommendation() : "");
            }
            w.println("  ground truth: " + p.groundTruthFile());
        }
        w.flush();
        return 0;
    }
}
