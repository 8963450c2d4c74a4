package org.noduletrack.nodule.growth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.noduletrack.nodule.growth.GrowthAssessment.Trend;
import org.noduletrack.nodule.growth.GrowthAssessment.VdtBand;
import org.noduletrack.nodule.model.NoduleType;

/** Test vectors V1-V9 of clinical-rules.md section 4. */
class GrowthAnalyzerTest {
    private final GrowthAnalyzer analyzer = new GrowthAnalyzer();

    @Test
    void v1_v2_v3_fromDiameters() {
        long d1 = ChronoUnit.DAYS.between(LocalDate.parse("2024-01-01"), LocalDate.parse("2024-06-29"));
        assertThat(d1).isEqualTo(180);
        assertThat(GrowthAnalyzer.vdtDaysFromDiameters(4.0, 5.5, d1)).isCloseTo(130.6, within(0.05));
        long d2 = ChronoUnit.DAYS.between(LocalDate.parse("2024-03-01"), LocalDate.parse("2024-05-30"));
        assertThat(d2).isEqualTo(90);
        assertThat(GrowthAnalyzer.vdtDaysFromDiameters(6.0, 7.5, d2)).isCloseTo(93.2, within(0.05));
        GrowthAssessment v3 = analyzer.assessDiameters(8.0, 10.0, 365, NoduleType.SOLID);
        assertThat(v3.vdtDays().orElseThrow()).isCloseTo(377.9, within(0.05));
        assertThat(v3.band()).isEqualTo(VdtBand.MALIGNANT_RANGE);
        assertThat(analyzer.assessDiameters(4.0, 5.5, 180, NoduleType.SOLID).explanationEn()).contains("130.6 days");
    }

    @Test
    void v4_v5_nelsonVariability() {
        GrowthAssessment v4 = analyzer.assess(100, 125, 90, NoduleType.SOLID);
        assertThat(v4.trend()).isEqualTo(Trend.GROWTH);
        assertThat(v4.vdtDays().orElseThrow()).isCloseTo(279.6, within(0.05));
        GrowthAssessment v5 = analyzer.assess(100, 120, 90, NoduleType.SOLID);
        assertThat(v5.trend()).isEqualTo(Trend.NO_SIGNIFICANT_CHANGE);
        assertThat(v5.vdtDays()).isEmpty();
        assertThat(v5.rawVdtDays()).isCloseTo(342.2, within(0.05));
        assertThat(v5.band()).isEqualTo(VdtBand.NOT_APPLICABLE);
        assertThat(v5.explanationEn()).contains("within the 25% measurement variability");
        assertThat(v5.explanationZh()).contains("无显著变化");
    }

    @Test
    void v6_benignBand() {
        GrowthAssessment v6 = analyzer.assess(200, 300, 365, NoduleType.SOLID);
        assertThat(v6.vdtDays().orElseThrow()).isCloseTo(624.0, within(0.05));
        assertThat(v6.band()).isEqualTo(VdtBand.BENIGN_RANGE);
        assertThat(analyzer.assess(100, 200, 500, NoduleType.SOLID).band()).isEqualTo(VdtBand.INDETERMINATE);
        assertThat(analyzer.assess(100, 300, 365, NoduleType.GROUND_GLASS).band()).isEqualTo(VdtBand.NOT_APPLICABLE);
    }

    @Test
    void v7_sphereVolumes() {
        double[] d = {4, 6, 8, 10, 15, 30};
        double[] v = {33.5, 113.1, 268.1, 523.6, 1767.1, 14137.2};
        for (int i = 0; i < d.length; i++) {
            assertThat(GrowthAnalyzer.sphereVolumeMm3(d[i])).isCloseTo(v[i], within(0.05));
        }
    }

    @Test
    void v8_noChangeAndShrinkage() {
        assertThat(GrowthAnalyzer.vdtDays(100, 100, 90)).isInfinite();
        GrowthAssessment same = analyzer.assessDiameters(6, 6, 90, NoduleType.SOLID);
        assertThat(same.vdtDays()).isEmpty();
        assertThat(same.trend()).isEqualTo(Trend.NO_SIGNIFICANT_CHANGE);
        GrowthAssessment shrink = analyzer.assessDiameters(8, 6, 90, NoduleType.SOLID);
        assertThat(shrink.trend()).isEqualTo(Trend.SHRINKAGE);
        assertThat(shrink.vdtDays().orElseThrow()).isNegative();
        assertThat(shrink.band()).isEqualTo(VdtBand.NOT_APPLICABLE);
        assertThat(shrink.explanationEn()).contains("decreasing").doesNotContain("malignant");
    }

    @Test
    void v9_nelsonBaseline() {
        assertThat(GrowthAnalyzer.nelsonBaseline(49)).isEqualTo(GrowthAnalyzer.NelsonCategory.NEGATIVE);
        assertThat(GrowthAnalyzer.nelsonBaseline(120)).isEqualTo(GrowthAnalyzer.NelsonCategory.INDETERMINATE);
        assertThat(GrowthAnalyzer.nelsonBaseline(600)).isEqualTo(GrowthAnalyzer.NelsonCategory.POSITIVE);
    }
}
