package org.noduletrack.app.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.app.workspace.DemoLibrary;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.importer.ImportListener;
import org.noduletrack.archive.importer.ImportOptions;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.samples.generator.CtSeriesWriter;
import org.noduletrack.samples.generator.DemoPatientGenerator;
import org.noduletrack.samples.generator.GeneratedPatient;
import org.noduletrack.samples.generator.GeneratorOptions;
import org.noduletrack.samples.truth.GroundTruth;

/**
 * The incidental variant of the demo patient (one CT, Fleischner 2017): the workflow's recommendation for all nodules of
 * the CT leads to the same follow-up as the generator's reference recommendation.
 */
class FleischnerIncidentalTest {
    @TempDir
    Path tmp;

    /** The follow-up step the reference text names (samples' Fleischner wording). */
    static FollowUpInterval intervalOfReference(String text) {
        if (text.contains("no routine follow-up")) return FollowUpInterval.NONE;
        if (text.contains("optional CT at 12 months")) return FollowUpInterval.OPTIONAL_CT_12_MONTHS;
        if (text.contains("consider CT at 3 months, PET/CT or tissue sampling")) return FollowUpInterval.WORK_UP;
        if (text.contains("CT 3-6 months")) return FollowUpInterval.CT_3_6_MONTHS;
        if (text.contains("CT 6-12 months")) return FollowUpInterval.CT_6_12_MONTHS;
        throw new IllegalArgumentException("unmapped reference recommendation: " + text);
    }

    @Test
    void fleischnerFollowUpEqualsTheGroundTruth() throws Exception {
        GeneratorOptions o = GeneratorOptions.defaults(DemoLibrary.SEED, 1);
        GeneratorOptions incidental = new GeneratorOptions(o.seed(), 1, o.sliceThicknessChoicesMm(), o.noiseSigmaHu(),
                o.maxBlurSigmaMm(), o.maxRotationDeg(), o.maxTranslationMm(), o.deform(), o.supersampleStepMm(),
                CtSeriesWriter.Codec.JPEG_LS, false);
        GeneratedPatient p = DemoPatientGenerator.fromBundledSample().generate(tmp.resolve("gen"), incidental);
        GroundTruth gt = p.groundTruth();
        assertThat(gt.clinicalContext().setting()).isEqualTo("INCIDENTAL");
        List<Vec3> seeds = new ArrayList<>();
        for (GroundTruth.Nodule n : gt.nodules()) {
            if (n.timepoints().getFirst().present()) {
                double[] c = n.timepoints().getFirst().centreMm();
                seeds.add(new Vec3(c[0], c[1], c[2]));
            }
        }
        try (Library lib = Library.open(tmp.resolve("lib"))) {
            lib.importer(ImportOptions.defaults()).importPaths(List.of(p.directory()), ImportListener.NONE, new CancelToken());
            FollowUpWorkflow w = FollowUpWorkflowTest.workflow(lib);
            var key = w.patientById(gt.patient().patientId()).key();
            GuidelineContext ctx = GuidelineContext.incidental(gt.clinicalContext().ageYearsAtBaseline(),
                    gt.clinicalContext().riskTier().equals("HIGH"));
            FollowUpCase c = w.run(key, seeds, ctx, FollowUpProgress.NONE, new CancelToken());
            assertThat(c.priors()).isEmpty();
            assertThat(c.nodules()).hasSize(seeds.size()).allSatisfy(n -> assertThat(n.growth()).isEmpty());
            GuidelineResult exam = c.exam().orElseThrow();
            String reference = gt.timepoints().getFirst().fleischnerRecommendation();
            System.out.println("Fleischner: " + exam.ruleId() + " " + exam.recommendation().management() + " vs reference: "
                    + reference);
            assertThat(exam.guideline()).isEqualTo("Fleischner 2017");
            assertThat(exam.interval()).isEqualTo(intervalOfReference(reference));
            assertThat(c.nodules()).allSatisfy(n -> assertThat(n.guideline().orElseThrow().ruleId()).isEqualTo(exam.ruleId()));

            // without the age, the UI has to ask: no guideline result yet
            FollowUpCase noAge = FollowUpEngines.defaults().assessor().assess(w.timeline(key), c.current(), List.of(),
                    new GuidelineContext(GuidelineContext.Setting.INCIDENTAL, java.util.OptionalInt.empty(), true, false, false),
                    c.nodules().stream().map(n -> new FollowUpAssessor.Observed(n.id(), n.seedLps(), n.observations())).toList());
            assertThat(noAge.context().missing()).containsExactly(GuidelineContext.Missing.AGE);
            assertThat(noAge.exam()).isEmpty();
            assertThat(noAge.nodules()).allSatisfy(n -> assertThat(n.guideline()).isEmpty());
        }
        assertThat(Files.exists(p.groundTruthFile())).isTrue();
    }
}
