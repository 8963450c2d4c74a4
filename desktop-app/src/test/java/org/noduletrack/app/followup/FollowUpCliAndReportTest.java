package org.noduletrack.app.followup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.app.cli.NoduleTrackCli;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.casefolder.ReportEntry;
import org.noduletrack.nodule.mesh.SurfaceMesh;
import org.noduletrack.samples.truth.GroundTruth;

/**
 * {@code noduletrack followup ... --json --pdf --save} and {@code growth --patient} on the demo patient's library: the
 * JSON against the ground truth, the PDF read back with PDFBox (and rendered by poppler when installed), the saved
 * findings reopened exactly (also after review actions in a resumed session), and the 3D surfaces for the UI.
 */
class FollowUpCliAndReportTest {
    @TempDir
    static Path tmp;
    static DemoPatientLibrary demo;
    static GroundTruth truth;
    static JsonNode json;
    static Path pdf;
    static int last;

    record Run(int code, String out, String err) {}

    static Run cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = NoduleTrackCli.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void runCommand() throws Exception {
        demo = DemoPatientLibrary.get();
        truth = demo.patient.groundTruth();
        last = truth.timepoints().size() - 1;
        List<String> args = new ArrayList<>(List.of("followup", "--patient", truth.patient().patientId(), "--library",
                demo.libraryRoot.toString(), "--json", "--save", "--threads", "2"));
        for (GroundTruth.Nodule n : truth.nodules()) {
            if (n.timepoints().get(last).present()) {
                double[] c = n.timepoints().get(last).centreMm();
                args.add("--seed");
                args.add(c[0] + "," + c[1] + "," + c[2]);
            }
        }
        pdf = tmp.resolve("followup.pdf");
        args.add("--pdf");
        args.add(pdf.toString());
        Run r = cli(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        json = new ObjectMapper().readTree(r.out());
    }

    @Test
    void jsonListsEveryNoduleAtEveryDateAsDocumented() {
        assertThat(json.get("schema").asText()).isEqualTo("noduletrack.followup/1");
        assertThat(json.get("patient_id").asText()).isEqualTo(truth.patient().patientId());
        assertThat(json.get("studies")).hasSize(truth.timepoints().size());
        int k = 0;
        for (GroundTruth.Nodule n : truth.nodules()) {
            if (!n.timepoints().get(last).present()) continue;
            JsonNode jn = json.get("nodules").get(k++);
            for (int t = 0; t <= last; t++) {
                JsonNode d = jn.get("dates").get(t);
                GroundTruth.NoduleAtTimepoint tt = n.timepoints().get(t);
                assertThat(d.get("study_date").asText()).isEqualTo(truth.timepoints().get(t).studyDate());
                assertThat(d.get("found").asBoolean()).as(n.id() + " tp" + t).isEqualTo(tt.present());
                if (!tt.present()) {
                    assertThat(d.get("volume_mm3").isNull()).isTrue();
                    continue;
                }
                assertThat(d.get("volume_mm3").asDouble() / tt.volumeMm3() - 1).as(n.id() + " tp" + t)
                        .isBetween(-0.14, 0.14);
                assertThat(d.get("mean_diameter_mm").asDouble()).isPositive();
                assertThat(d.get("type").asText()).isIn("SOLID", "PART_SOLID", "GROUND_GLASS");
                JsonNode c = d.get("centroid");
                double[] truthC = tt.centreMm();
                double dist = Math.sqrt(Math.pow(c.get(0).asDouble() - truthC[0], 2) + Math.pow(c.get(1).asDouble() - truthC[1], 2)
                        + Math.pow(c.get(2).asDouble() - truthC[2], 2));
                assertThat(dist).as(n.id() + " tp" + t).isLessThan(2.5);
            }
            assertThat(jn.get("guideline").asText()).isEqualTo("Lung-RADS v2022");
            if (!LungRadsReference.nearADecision(n, last)) {
                assertThat(jn.get("category").asText()).as(n.id()).isEqualTo(n.timepoints().get(last).lungRadsCategory());
            }
            assertThat(jn.get("follow_up_interval").asText()).isNotBlank();
            assertThat(jn.has("volume_change_percent")).isTrue();
            assertThat(jn.has("vdt_days")).isTrue();
            assertThat(jn.has("within_variability")).isTrue();
            if (n.growthLaw().equals("STABLE")) {
                assertThat(jn.get("within_variability").asBoolean()).as(n.id()).isTrue();
                assertThat(jn.get("vdt_days").isNull()).as(n.id()).isTrue();
            }
        }
        assertThat(json.get("exam").get("category").asText()).isEqualTo(truth.timepoints().get(last).lungRadsExamCategory());
    }

    @Test
    void growthFromTheLibraryReopensTheSavedFindingsExactly() throws Exception {
        Run r = cli("growth", "--patient", truth.patient().patientId(), "--library", demo.libraryRoot.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(new ObjectMapper().readTree(r.out())).isEqualTo(json);

        Run missing = cli("growth", "--patient", "NO-SUCH-PATIENT", "--library", demo.libraryRoot.toString(), "--json");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no patient");
        Run noAge = cli("followup", "--patient", truth.patient().patientId(), "--library", demo.libraryRoot.toString(),
                "--seed", "0,0,0", "--context", "incidental");
        assertThat(noAge.code()).isEqualTo(2);
        assertThat(noAge.err()).contains("--age");
    }

    @Test
    void reviewActionsInAResumedSessionAreSavedAndReopenedAsLeft() throws Exception {
        try (Library lib = Library.open(demo.libraryRoot)) {
            FollowUpEngines engines = FollowUpEngines.defaults();
            FollowUpWorkflow w = FollowUpWorkflowTest.workflow(lib);
            PatientTimeline timeline = w.timeline(w.patientById(truth.patient().patientId()).key());
            FollowUpFindingsRepository repo = new FollowUpFindingsRepository(lib.root(), engines.assessor(),
                    Clock.systemUTC(), "test");
            FollowUpCase saved = repo.load(timeline).orElseThrow();
            try (FollowUpSession s = w.resume(timeline, saved, FollowUpProgress.NONE, new CancelToken())) {
                assertThat(s.snapshot()).isEqualTo(saved);
                FollowUpStudy first = saved.priors().getFirst();
                s.confirm("N1", first);
                s.markNotFound("N4", first);
                s.setContext(GuidelineContext.incidental(70, false));
                FollowUpCase edited = s.snapshot();
                assertThat(edited.nodule("N1").orElseThrow().at(first).orElseThrow().state()).isEqualTo(MatchState.CONFIRMED);
                assertThat(edited.nodule("N4").orElseThrow().at(first).orElseThrow().found()).isFalse();
                assertThat(s.surface("N4", first)).isEmpty();
                assertThat(edited.exam().orElseThrow().guideline()).isEqualTo("Fleischner 2017");
                repo.save(edited);
                assertThat(repo.load(timeline)).contains(edited);

                // re-seeding: on the current CT the priors not yet reviewed are matched again; on a prior it is CORRECTED
                TrackedNodule n2 = edited.nodule("N2").orElseThrow();
                org.noduletrack.dicom.geom.Vec3 c2 = n2.current().centreLps();
                TrackedNodule moved = s.correct("N2", saved.current(), c2.plus(new org.noduletrack.dicom.geom.Vec3(0.8, -0.5, 0)));
                assertThat(moved.current().state()).isEqualTo(MatchState.SEED);
                assertThat(moved.current().measurement().orElseThrow().volumeMm3())
                        .isCloseTo(n2.current().measurement().orElseThrow().volumeMm3(), org.assertj.core.data.Percentage.withPercentage(3));
                assertThat(moved.observations().subList(0, 2)).allSatisfy(o -> assertThat(o.state()).isEqualTo(MatchState.PROPOSED));
                org.noduletrack.dicom.geom.Vec3 n4first = saved.nodule("N4").orElseThrow().at(first).orElseThrow().centreLps();
                assertThat(s.correct("N4", first, n4first).at(first).orElseThrow().state()).isEqualTo(MatchState.CORRECTED);
                // a click outside the body adds nothing; numbering continues after the saved nodules
                int before = s.snapshot().nodules().size();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.addNodule(
                        s.volume(saved.current()).geometry().voxelToLps(3, 3, 3), FollowUpProgress.NONE, new CancelToken()))
                        .isInstanceOf(IllegalArgumentException.class);
                assertThat(s.snapshot().nodules()).hasSize(before);
                assertThat(s.addNodule(c2, FollowUpProgress.NONE, new CancelToken()).id()).isEqualTo("N" + (before + 1));

                // what the UI's 3D view gets: a closed surface per date, enclosing about the measured volume
                for (NoduleObservation o : edited.nodule("N2").orElseThrow().observations()) {
                    SurfaceMesh m = s.surface("N2", o.study()).orElseThrow();
                    assertThat(m.isClosedAndOriented()).isTrue();
                    assertThat(m.enclosedVolumeMm3() / o.measurement().orElseThrow().volumeMm3()).as(o.study().date().toString())
                            .isBetween(0.8, 1.25);
                }
            } finally {
                repo.save(saved); // leave the library as the other tests expect it
            }
        }
    }

    @Test
    void pdfReportHasIdentifiersImagesTableAndGuideline() throws Exception {
        assertThat(pdf).exists();
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains(truth.patient().patientId()).contains("Lung-RADS v2022")
                    .contains("Decision support").contains(json.get("exam").get("category").asText())
                    .contains(truth.timepoints().get(last).studyDate());
            int images = 0;
            for (PDPage p : doc.getPages()) {
                for (var name : p.getResources().getXObjectNames()) {
                    if (p.getResources().getXObject(name) instanceof PDImageXObject) images++;
                }
            }
            int expected = 0;
            for (JsonNode n : json.get("nodules")) expected += n.get("dates").size();
            assertThat(images).isEqualTo(expected);
        }
        try (Library lib = Library.open(demo.libraryRoot)) {
            var key = lib.store().patientsWithId(truth.patient().patientId()).getFirst().key();
            List<ReportEntry> reports = lib.caseFolders().reports(key);
            assertThat(reports).anySatisfy(r -> assertThat(lib.file(r.filePath().orElseThrow())).hasSameBinaryContentAs(pdf));
        }
        if (new ProcessBuilder("sh", "-c", "command -v pdftoppm").start().waitFor() == 0) {
            Path png = tmp.resolve("page");
            Process p = new ProcessBuilder("pdftoppm", "-r", "80", "-f", "1", "-l", "1", "-png", "-singlefile", pdf.toString(),
                    png.toString()).redirectErrorStream(true).start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            var img = ImageIO.read(tmp.resolve("page.png").toFile());
            long dark = 0, total = (long) img.getWidth() * img.getHeight();
            for (int y = 0; y < img.getHeight(); y++)
                for (int x = 0; x < img.getWidth(); x++)
                    if ((img.getRGB(x, y) & 0xFF) < 128) dark++;
            assertThat((double) dark / total).isBetween(0.02, 0.6); // text and images, not a blank page
            Path shots = Path.of(System.getProperty("noduletrack.screenshots", "target/screenshots"));
            Files.createDirectories(shots);
            Files.copy(tmp.resolve("page.png"), shots.resolve("09-followup-report.png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void simplifiedChineseReportWhenACjkFontIsInstalled() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(new org.noduletrack.app.followup.report.CjkFontLocator().find().isPresent(),
                "no CJK font installed");
        try (Library lib = Library.open(demo.libraryRoot)) {
            FollowUpEngines engines = FollowUpEngines.defaults();
            FollowUpWorkflow w = FollowUpWorkflowTest.workflow(lib);
            PatientTimeline timeline = w.timeline(w.patientById(truth.patient().patientId()).key());
            FollowUpCase saved = new FollowUpFindingsRepository(lib.root(), engines.assessor(), Clock.systemUTC(), "t")
                    .load(timeline).orElseThrow();
            Path zh = tmp.resolve("zh.pdf");
            new org.noduletrack.app.followup.report.FollowUpReport(new org.noduletrack.app.followup.report.CjkFontLocator())
                    .write(saved, List.of(), Locale.SIMPLIFIED_CHINESE, java.time.LocalDate.of(2026, 1, 2), zh);
            try (PDDocument doc = Loader.loadPDF(zh.toFile())) {
                String text = new PDFTextStripper().getText(doc);
                assertThat(text).contains("肺结节随访报告").contains("辅助决策").contains(truth.patient().patientId());
            }
        }
    }
}
