package org.noduletrack.nodule.guideline;

import org.noduletrack.nodule.measurement.Rounding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.noduletrack.nodule.guideline.LungRadsFinding.Kind.*;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.noduletrack.nodule.guideline.LungRadsFinding.Prior;
import org.noduletrack.nodule.model.FollowUpRecommendation;

/** Test vectors L1-L12 of clinical-rules.md section 4, plus boundaries. */
class LungRadsEngineTest {
    private final LungRadsEngine engine = new LungRadsEngine();

    private String cat(LungRadsFinding f) { return engine.decide(f).category(); }

    private static LungRadsFinding followUp(LungRadsFinding.Kind kind, double now, double solid, String date,
                                            String priorDate, double prior, double priorSolid, String previousCategory) {
        return LungRadsFinding.followUp(kind, now, solid, LocalDate.parse(date),
                List.of(new Prior(LocalDate.parse(priorDate), prior, priorSolid)), Optional.ofNullable(previousCategory));
    }

    @Test
    void l1_baselineSolid() {
        assertThat(cat(LungRadsFinding.baseline(SOLID, 5.9, 0))).isEqualTo("2");
        assertThat(cat(LungRadsFinding.baseline(SOLID, 6.0, 0))).isEqualTo("3");
        assertThat(cat(LungRadsFinding.baseline(SOLID, 7.9, 0))).isEqualTo("3");
        assertThat(cat(LungRadsFinding.baseline(SOLID, 8.0, 0))).isEqualTo("4A");
        assertThat(cat(LungRadsFinding.baseline(SOLID, 14.9, 0))).isEqualTo("4A");
        assertThat(cat(LungRadsFinding.baseline(SOLID, 15.0, 0))).isEqualTo("4B");
    }

    @Test
    void l2_newSolid() {
        assertThat(cat(LungRadsFinding.newFinding(SOLID, 3.9, 0))).isEqualTo("2");
        assertThat(cat(LungRadsFinding.newFinding(SOLID, 4.0, 0))).isEqualTo("3");
        assertThat(cat(LungRadsFinding.newFinding(SOLID, 7.0, 0))).isEqualTo("4A");
        assertThat(cat(LungRadsFinding.newFinding(SOLID, 8.0, 0))).isEqualTo("4B");
    }

    @Test
    void l3_growingUnder8mm() {
        LungRadsFinding f = followUp(SOLID, 6.8, 0, "2024-01-10", "2023-01-10", 5.0, 0, "2");
        LungRadsEngine.Decision d = engine.decide(f);
        assertThat(d.category()).isEqualTo("4A");
        assertThat(d.ruleId()).isEqualTo("LR-SOLID-GROWING-LT8");
        assertThat(engine.recommend(f).explanationEn()).contains("3 months");
    }

    @Test
    void l4_growthIsStrictlyMoreThan1_5mm() {
        assertThat(LungRadsEngine.isGrowth(6.0, 7.5)).isFalse();
        assertThat(LungRadsEngine.isGrowth(6.0, 7.6)).isTrue();
        assertThat(engine.decide(followUp(SOLID, 7.5, 0, "2024-06-01", "2023-12-01", 6.0, 0, "3")).ruleId())
                .doesNotContain("GROWING");
        assertThat(cat(followUp(SOLID, 7.6, 0, "2024-06-01", "2023-12-01", 6.0, 0, "3"))).isEqualTo("4A");
        // the same increase over more than 12 months is not "growth" (slow growth is handled separately)
        assertThat(engine.decide(followUp(SOLID, 7.6, 0, "2024-06-01", "2022-12-01", 6.0, 0, "3")).ruleId())
                .doesNotContain("GROWING");
    }

    @Test
    void l5_crossingABandWithoutGrowthReclassifiesBySize() {
        LungRadsEngine.Decision d = engine.decide(followUp(SOLID, 6.2, 0, "2024-01-10", "2023-01-10", 5.0, 0, "2"));
        assertThat(d.category()).isEqualTo("3");
        assertThat(d.ruleId()).isEqualTo("LR-SOLID-ENLARGED-INTO-BAND-3");
    }

    @Test
    void l6_baselinePartSolid() {
        assertThat(cat(LungRadsFinding.baseline(PART_SOLID, 10, 5.0))).isEqualTo("3");
        assertThat(cat(LungRadsFinding.baseline(PART_SOLID, 10, 7.0))).isEqualTo("4A");
        assertThat(cat(LungRadsFinding.baseline(PART_SOLID, 10, 8.0))).isEqualTo("4B");
        assertThat(cat(LungRadsFinding.baseline(PART_SOLID, 5.9, 3.0))).isEqualTo("2");
    }

    @Test
    void l7_newSolidPart() {
        assertThat(cat(LungRadsFinding.newFinding(PART_SOLID, 10, 3.5))).isEqualTo("4A");
        assertThat(cat(LungRadsFinding.newFinding(PART_SOLID, 10, 4.0))).isEqualTo("4B");
        // a ground-glass nodule that develops a solid part
        assertThat(cat(followUp(PART_SOLID, 10, 3.5, "2024-01-10", "2023-01-10", 10, 0, "2"))).isEqualTo("4A");
        assertThat(cat(followUp(PART_SOLID, 10, 4.0, "2024-01-10", "2023-01-10", 10, 0, "2"))).isEqualTo("4B");
        assertThat(cat(LungRadsFinding.newFinding(PART_SOLID, 5.0, 2.0))).isEqualTo("3");
    }

    @Test
    void l8_groundGlass() {
        assertThat(cat(LungRadsFinding.baseline(GROUND_GLASS, 29.9, 0))).isEqualTo("2");
        assertThat(cat(LungRadsFinding.baseline(GROUND_GLASS, 30.0, 0))).isEqualTo("3");
        assertThat(cat(followUp(GROUND_GLASS, 34, 0, "2024-01-10", "2023-01-10", 34, 0, "3"))).isEqualTo("2");
        assertThat(cat(followUp(GROUND_GLASS, 20, 0, "2024-01-10", "2023-01-10", 12, 0, "2"))).isEqualTo("2");
    }

    @Test
    void l9_juxtapleural() {
        assertThat(cat(LungRadsFinding.baseline(JUXTAPLEURAL_SOLID, 9.9, 0))).isEqualTo("2");
        assertThat(cat(LungRadsFinding.baseline(JUXTAPLEURAL_SOLID, 10.0, 0))).isEqualTo("4A");
        assertThat(cat(LungRadsFinding.newFinding(JUXTAPLEURAL_SOLID, 9.0, 0))).isEqualTo("2");
    }

    @Test
    void l10_steppedManagement() {
        LocalDate t0 = LocalDate.parse("2023-01-10");
        String c0 = cat(LungRadsFinding.baseline(SOLID, 9.0, 0));
        assertThat(c0).isEqualTo("4A");
        LungRadsFinding at3 = LungRadsFinding.followUp(SOLID, 9.0, 0, t0.plusMonths(3), List.of(new Prior(t0, 9.0, 0)), Optional.of(c0));
        String c1 = cat(at3);
        assertThat(c1).isEqualTo("3");
        assertThat(engine.recommend(at3).explanationEn()).contains("6 months");
        LungRadsFinding at9 = LungRadsFinding.followUp(SOLID, 9.0, 0, t0.plusMonths(9),
                List.of(new Prior(t0, 9.0, 0), new Prior(t0.plusMonths(3), 9.0, 0)), Optional.of(c1));
        assertThat(cat(at9)).isEqualTo("2");
        assertThat(engine.recommend(at9).explanationEn()).contains("12 months");
    }

    @Test
    void l11_halfUpDecimalRounding() {
        assertThat(Rounding.lungRadsMeanMm(8.3, 7.6)).isEqualTo(8.0);
        assertThat(cat(LungRadsFinding.baseline(SOLID, Rounding.lungRadsMeanMm(8.3, 7.6), 0))).isEqualTo("4A");
        assertThat(Rounding.tenthMm(7.95)).isEqualTo(8.0);
        assertThat(Rounding.lungRadsMeanMm(8.34, 7.56)).isEqualTo(8.0); // axes 8.3 and 7.6 first
    }

    @Test
    void l12_airwayNodules() {
        String c0 = cat(LungRadsFinding.baseline(AIRWAY_SEGMENTAL, 5, 0));
        assertThat(c0).isEqualTo("4A");
        LungRadsFinding persisting = LungRadsFinding.followUp(AIRWAY_SEGMENTAL, 5, 0, LocalDate.parse("2024-04-10"),
                List.of(new Prior(LocalDate.parse("2024-01-10"), 5, 0)), Optional.of(c0));
        assertThat(cat(persisting)).isEqualTo("4B");
        assertThat(cat(LungRadsFinding.baseline(AIRWAY_SUBSEGMENTAL, 5, 0))).isEqualTo("2");
    }

    @Test
    void modifiersAndExamCategory() {
        assertThat(cat(LungRadsFinding.baseline(SOLID, 7, 0).withSuspiciousFeatures())).isEqualTo("4X");
        assertThat(cat(LungRadsFinding.baseline(SOLID, 4, 0).withSuspiciousFeatures())).isEqualTo("2");
        LungRadsFinding benign = LungRadsFinding.followUp(SOLID, 16, 0, LocalDate.parse("2024-04-10"),
                List.of(new Prior(LocalDate.parse("2024-01-10"), 16, 0)), Optional.of("4B")).withProvenBenign();
        assertThat(cat(benign)).isEqualTo("2");
        assertThat(LungRadsEngine.examCategory(List.of())).isEqualTo("1");
        assertThat(LungRadsEngine.examCategory(List.of("2", "4A", "3"))).isEqualTo("4A");
        FollowUpRecommendation exam = engine.recommendExam(List.of(LungRadsFinding.baseline(SOLID, 5, 0),
                LungRadsFinding.baseline(SOLID, 16, 0)));
        assertThat(exam.category()).isEqualTo("4B");
        assertThat(exam.explanationZh()).contains("诊断性胸部 CT");
    }

    @Test
    void slowGrowthAcrossScreensIs4B() {
        LungRadsFinding f = LungRadsFinding.followUp(SOLID, 7.0, 0, LocalDate.parse("2024-01-10"),
                List.of(new Prior(LocalDate.parse("2022-01-10"), 5.0, 0), new Prior(LocalDate.parse("2023-01-10"), 6.0, 0)),
                Optional.of("3"));
        assertThat(engine.decide(f)).isEqualTo(new LungRadsEngine.Decision("4B", "LR-SLOW-GROWTH"));
    }

    @Test
    void petMentionFor4AWhenSolidAtLeast8mm() {
        assertThat(engine.recommend(LungRadsFinding.baseline(SOLID, 9, 0)).explanationEn()).contains("PET/CT may be considered");
        assertThat(engine.recommend(LungRadsFinding.newFinding(SOLID, 7, 0)).explanationEn()).doesNotContain("PET/CT may be considered");
    }
}
