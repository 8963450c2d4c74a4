package org.noduletrack.app.cli.nodules;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.noduletrack.app.cli.BenchNodulesCommand;
import org.noduletrack.app.cli.GrowthCommand;
import org.noduletrack.app.cli.RegisterCommand;
import org.noduletrack.app.cli.SegmentCommand;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.geom.Affine3;
import org.noduletrack.samples.generator.DemoPatientGenerator;
import org.noduletrack.samples.generator.GeneratedPatient;
import org.noduletrack.samples.truth.GroundTruth;
import picocli.CommandLine;

/** The nodule commands on one generated demo patient (seed 1, 2 timepoints). */
class NoduleCommandsTest {
    private static Path dir;
    private static GeneratedPatient patient;

    @BeforeAll
    static void generate() throws Exception {
        dir = Files.createTempDirectory("nodule-commands");
        patient = DemoPatientGenerator.fromBundledSample().generate(dir, 1, 2);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private record Run(int code, String out, String err) {}

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static String pt(double[] c) {
        return String.format(Locale.ROOT, "%.3f,%.3f,%.3f", c[0], c[1], c[2]);
    }

    private static GroundTruth.Nodule nodule(String id) {
        return patient.groundTruth().nodules().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void segmentPrintsMeasurementJson() throws Exception {
        GroundTruth.NoduleAtTimepoint t = nodule("N1").timepoints().get(0);
        Run r = run(new SegmentCommand(), "--series", patient.seriesDirectories().get(0).toString(), "--seed", pt(t.centreMm()), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("volume_mm3").asDouble() / t.volumeMm3()).isBetween(0.95, 1.05);
        assertThat(j.get("type").asText()).isEqualTo("SOLID");
        for (String k : new String[] {"mean_diameter_mm", "long_axis_mm", "short_axis_mm", "max_3d_diameter_mm", "mean_hu"}) {
            assertThat(j.has(k)).as(k).isTrue();
        }
        assertThat(j.get("centroid")).hasSize(3);
        assertThat(j.get("mean_diameter_mm").asDouble()).isBetween(t.meanDiameterMm() - 1, t.meanDiameterMm() + 1);
        assertThat(j.get("location").asText()).matches("(left|right) (upper|middle|lower) zone, (central|peripheral)");
        // a user correction: a boundary 100 HU nearer the background gives a larger volume
        double auto = j.get("automatic_threshold_hu").asDouble();
        Run lower = run(new SegmentCommand(), "--series", patient.seriesDirectories().get(0).toString(), "--seed", pt(t.centreMm()),
                "--threshold", Double.toString(auto - 100), "--json");
        assertThat(lower.code()).as(lower.err()).isZero();
        JsonNode jl = new ObjectMapper().readTree(lower.out());
        assertThat(jl.get("threshold_hu").asDouble()).isCloseTo(auto - 100, org.assertj.core.api.Assertions.within(0.1));
        assertThat(jl.get("volume_mm3").asDouble()).isGreaterThan(j.get("volume_mm3").asDouble());
    }

    @Test
    void segmentRejectsBadSeedWithUsageError() {
        Run r = run(new SegmentCommand(), "--series", patient.seriesDirectories().get(0).toString(), "--seed", "1,2", "--json");
        assertThat(r.code()).isEqualTo(CliSupport.USAGE);
        assertThat(r.err()).startsWith("error:");
        Run missing = run(new SegmentCommand(), "--series", dir.resolve("nothing").toString(), "--seed", "1,2,3");
        assertThat(missing.code()).isEqualTo(CliSupport.BAD_INPUT);
    }

    @Test
    void registerPrintsFixedToMovingMatrix() throws Exception {
        double[] nb = nodule("N1").centreBaselineMm();
        Run r = run(new RegisterCommand(), "--fixed", patient.seriesDirectories().get(0).toString(), "--moving",
                patient.seriesDirectories().get(1).toString(), "--point", pt(nb), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("matrix")).hasSize(16);
        assertThat(j.get("seconds").asDouble()).isPositive();
        double[] m = new double[12];
        for (int i = 0; i < 12; i++) m[i] = j.get("matrix").get(i).asDouble();
        Affine3 found = new Affine3(m);
        double[] a = patient.groundTruth().timepoints().get(1).currentToBaselineRigid().matrix4x4RowMajor();
        Affine3 truth = new Affine3(java.util.Arrays.copyOf(a, 12)).inverse();
        Vec3 c = patient.groundTruth().nodules().getFirst().centreBaselineMm() == null ? Vec3.ZERO
                : new Vec3(patient.groundTruth().nodules().getFirst().centreBaselineMm()[0],
                patient.groundTruth().nodules().getFirst().centreBaselineMm()[1], patient.groundTruth().nodules().getFirst().centreBaselineMm()[2]);
        assertThat(found.applyToPoint(c).distanceTo(truth.applyToPoint(c))).isLessThan(1.5);
        JsonNode local = j.get("local").get(0);
        double[] now = nodule("N1").timepoints().get(1).centreMm();
        assertThat(new Vec3(local.get("mapped").get(0).asDouble(), local.get("mapped").get(1).asDouble(), local.get("mapped").get(2).asDouble())
                .distanceTo(new Vec3(now[0], now[1], now[2]))).isLessThan(2.0);
        assertThat(local.get("confidence").asDouble()).isBetween(0.5, 1.0);
    }

    @Test
    void growthReportsStatusVdtAndLungRads() throws Exception {
        GroundTruth.Nodule grow = nodule("N1"), shrink = nodule("N7");
        Run r = run(new GrowthCommand(), "--prior", patient.seriesDirectories().get(0).toString(), "--current",
                patient.seriesDirectories().get(1).toString(), "--seeds",
                pt(grow.timepoints().get(0).centreMm()) + ";" + pt(shrink.timepoints().get(0).centreMm()), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("interval_days").asLong()).isEqualTo(patient.groundTruth().timepoints().get(1).daysFromBaseline());
        JsonNode n = j.get("nodules");
        assertThat(n).hasSize(2);
        assertThat(n.get(1).get("status").asText()).isEqualTo("SHRINKING");
        assertThat(n.get(1).get("vdt_days").asDouble()).isNegative();
        assertThat(n.get(0).get("lung_rads").get("category").asText()).isNotEmpty();
        assertThat(n.get(0).get("explanation_zh").asText()).isNotEmpty();
        double trueRatio = grow.timepoints().get(1).volumeMm3() / grow.timepoints().get(0).volumeMm3();
        assertThat(n.get(0).get("volume_change_percent").asDouble()).isCloseTo(100 * (trueRatio - 1),
                org.assertj.core.api.Assertions.within(8.0));
    }

    @Test
    void benchNodulesOnExistingPatient() throws Exception {
        Run r = run(new BenchNodulesCommand(), "--patient-dir", dir.toString(), "--no-elastix");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        for (String k : new String[] {"registration_rigid_target_error_mm", "registration_seconds", "match_rate",
                "volume_abs_error_percent_by_size", "vdt_abs_error_percent", "segmentation_ms_per_click", "correction_ms_per_rerun",
                "local_refinement_confidence", "elastix_reference"}) {
            assertThat(j.has(k)).as(k).isTrue();
        }
        assertThat(j.get("registration_rigid_target_error_mm").get("mean").asDouble()).isLessThan(1.0);
        assertThat(j.get("match_rate").asDouble()).isEqualTo(1.0);
        assertThat(j.get("correction_not_monotone").asInt()).isZero();
    }
}
