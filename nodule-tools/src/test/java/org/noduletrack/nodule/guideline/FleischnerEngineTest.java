package org.noduletrack.nodule.guideline;

import org.noduletrack.nodule.measurement.Rounding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.noduletrack.nodule.guideline.FleischnerEngine.Management.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.noduletrack.nodule.guideline.FleischnerInput.Finding;
import org.noduletrack.nodule.model.FollowUpRecommendation;
import org.noduletrack.nodule.model.NoduleType;

/** Test vectors F1-F10 of clinical-rules.md section 4, plus boundaries. */
class FleischnerEngineTest {
    private final FleischnerEngine engine = new FleischnerEngine();

    private FleischnerEngine.Management single(boolean highRisk, Finding f) {
        return engine.decide(FleischnerInput.single(50, highRisk, f)).management();
    }

    @Test
    void f1_f2_smallSolidByRisk() {
        Finding f = Finding.ofAxes(NoduleType.SOLID, 6.0, 4.0);
        assertThat(single(false, f)).isEqualTo(NO_ROUTINE_FOLLOW_UP);
        assertThat(single(true, f)).isEqualTo(OPTIONAL_CT_12_MONTHS);
    }

    @Test
    void f3_roundingMovesUpAClass() {
        assertThat(Rounding.fleischnerSizeMm(6.4, 5.0)).isEqualTo(6);
        assertThat(single(false, Finding.ofAxes(NoduleType.SOLID, 6.4, 5.0))).isEqualTo(CT_6_12_THEN_CONSIDER_18_24);
        assertThat(single(true, Finding.ofAxes(NoduleType.SOLID, 6.4, 5.0))).isEqualTo(CT_6_12_THEN_18_24);
    }

    @Test
    void f4_largeSolidEitherRiskByDiameterOrVolume() {
        for (boolean risk : new boolean[] {false, true}) {
            assertThat(single(risk, Finding.ofMean(NoduleType.SOLID, 9))).isEqualTo(CONSIDER_CT_3_PET_TISSUE);
            assertThat(single(risk, Finding.ofVolume(NoduleType.SOLID, 300))).isEqualTo(CONSIDER_CT_3_PET_TISSUE);
        }
        assertThat(FleischnerEngine.sizeClass(Finding.ofVolume(NoduleType.SOLID, 99.9))).isEqualTo(FleischnerEngine.SizeClass.SMALL);
        assertThat(FleischnerEngine.sizeClass(Finding.ofVolume(NoduleType.SOLID, 100))).isEqualTo(FleischnerEngine.SizeClass.INTERMEDIATE);
        assertThat(FleischnerEngine.sizeClass(Finding.ofVolume(NoduleType.SOLID, 250))).isEqualTo(FleischnerEngine.SizeClass.INTERMEDIATE);
        assertThat(FleischnerEngine.sizeClass(Finding.ofVolume(NoduleType.SOLID, 250.1))).isEqualTo(FleischnerEngine.SizeClass.LARGE);
    }

    @Test
    void f5_multipleSolidMostSuspiciousDrives() {
        FleischnerInput in = new FleischnerInput(60, false, false, false, true, List.of(
                Finding.ofMean(NoduleType.SOLID, 4), Finding.ofMean(NoduleType.SOLID, 7), Finding.ofMean(NoduleType.SOLID, 3)));
        FleischnerEngine.Decision d = engine.decide(in);
        assertThat(d.management()).isEqualTo(CT_3_6_THEN_18_24);
        assertThat(d.drivingNodule()).isEqualTo(1);
        assertThat(d.ruleId()).isEqualTo("F-SOLID-MULTIPLE-INTERMEDIATE-HIGH");
        FleischnerInput low = new FleischnerInput(60, false, false, false, false, in.nodules());
        assertThat(engine.decide(low).management()).isEqualTo(CT_3_6_THEN_CONSIDER_18_24);
    }

    @Test
    void f6_f7_subsolidSingle() {
        assertThat(single(false, Finding.ofMean(NoduleType.GROUND_GLASS, 8))).isEqualTo(GGN_CT_6_12_THEN_EVERY_2Y_TO_5Y);
        assertThat(single(true, Finding.ofMean(NoduleType.GROUND_GLASS, 5))).isEqualTo(NO_ROUTINE_FOLLOW_UP);
        assertThat(single(false, Finding.partSolid(12, 4))).isEqualTo(PART_SOLID_CT_3_6_THEN_ANNUAL_5Y);
        assertThat(single(false, Finding.partSolid(12, 6))).isEqualTo(PART_SOLID_SOLID_GE_6_SUSPICIOUS);
        assertThat(single(false, Finding.partSolid(5, 2))).isEqualTo(NO_ROUTINE_FOLLOW_UP);
    }

    @Test
    void f8_multipleSubsolid() {
        FleischnerInput small = new FleischnerInput(60, false, false, false, false, List.of(
                Finding.ofMean(NoduleType.GROUND_GLASS, 4), Finding.partSolid(5, 2)));
        assertThat(engine.decide(small).management()).isEqualTo(MULTIPLE_SUBSOLID_SMALL_CT_3_6_THEN_2_4Y);
        FleischnerInput large = new FleischnerInput(60, false, false, false, false, List.of(
                Finding.ofMean(NoduleType.GROUND_GLASS, 4), Finding.ofMean(NoduleType.GROUND_GLASS, 7)));
        assertThat(engine.decide(large).management()).isEqualTo(MULTIPLE_SUBSOLID_CT_3_6_MOST_SUSPICIOUS);
    }

    @Test
    void f9_notApplicableEmitsNoPlan() {
        Finding f = Finding.ofMean(NoduleType.SOLID, 7);
        List<FleischnerInput> gated = List.of(
                FleischnerInput.single(30, true, f),
                new FleischnerInput(50, true, false, false, true, List.of(f)),
                new FleischnerInput(50, false, true, false, true, List.of(f)),
                new FleischnerInput(50, false, false, true, true, List.of(f)));
        for (FleischnerInput in : gated) {
            FollowUpRecommendation r = engine.recommend(in);
            assertThat(r.applicable()).isFalse();
            assertThat(r.management()).isEqualTo("NOT_APPLICABLE");
            assertThat(r.category()).isEmpty();
            assertThat(r.explanationEn()).contains("does not apply");
            assertThat(r.explanationZh()).contains("不适用");
        }
        assertThat(engine.decide(FleischnerInput.single(35, false, f)).management()).isNotEqualTo(NOT_APPLICABLE);
    }

    @Test
    void f10_growthIsTwoMillimetres() {
        assertThat(FleischnerEngine.isGrowth(6, 7)).isFalse();
        assertThat(FleischnerEngine.isGrowth(6, 8)).isTrue();
        assertThat(FleischnerEngine.isGrowth(6.4, 7.5)).isTrue(); // 6 -> 8 after rounding
    }

    @Test
    void recommendationCarriesRuleAndBothLanguages() {
        FollowUpRecommendation r = engine.recommend(FleischnerInput.single(50, false, Finding.ofAxes(NoduleType.SOLID, 6.4, 5.0)));
        assertThat(r.applicable()).isTrue();
        assertThat(r.ruleId()).isEqualTo("F-SOLID-SINGLE-INTERMEDIATE-LOW");
        assertThat(r.explanationEn()).contains("6 mm").contains("CT at 6 to 12 months").contains("Decision support");
        assertThat(r.explanationZh()).contains("6 至 12 个月").contains("决策参考");
    }
}
