package org.noduletrack.samples.truth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.noduletrack.samples.truth.LungRads.Finding;
import org.noduletrack.samples.truth.LungRads.Finding.Kind;

/** Test vectors of shared/notes/clinical-rules.md section 4. */
class LungRadsTest {
    private static String baseline(Kind k, double d, double solid) {
        return LungRads.category(new Finding(k, d, solid, false, false, false, null, d));
    }

    private static String fresh(Kind k, double d, double solid) {
        return LungRads.category(new Finding(k, d, solid, true, false, false, null, d));
    }

    @Test
    void vectors() {
        assertThat(List.of(baseline(Kind.SOLID, 5.9, 5.9), baseline(Kind.SOLID, 6.0, 6.0), baseline(Kind.SOLID, 15.0, 15)))
                .containsExactly("2", "3", "4B"); // L1
        assertThat(List.of(fresh(Kind.SOLID, 3.9, 3.9), fresh(Kind.SOLID, 4.0, 4), fresh(Kind.SOLID, 7.0, 7), fresh(Kind.SOLID, 8.0, 8)))
                .containsExactly("2", "3", "4A", "4B"); // L2
        assertThat(LungRads.isGrowth(5.0, 6.8)).isTrue(); // L3
        assertThat(LungRads.category(new Finding(Kind.SOLID, 6.8, 6.8, false, true, false, "2", 5.0))).isEqualTo("4A");
        assertThat(LungRads.isGrowth(6.0, 7.5)).isFalse(); // L4
        assertThat(LungRads.isGrowth(6.0, 7.6)).isTrue();
        assertThat(LungRads.category(new Finding(Kind.SOLID, 6.2, 6.2, false, false, false, "2", 5.0))).isEqualTo("3"); // L5
        assertThat(List.of(baseline(Kind.PART_SOLID, 10, 5), baseline(Kind.PART_SOLID, 10, 7), baseline(Kind.PART_SOLID, 10, 8)))
                .containsExactly("3", "4A", "4B"); // L6
        assertThat(List.of(fresh(Kind.PART_SOLID, 10, 3.5), fresh(Kind.PART_SOLID, 10, 4.0))).containsExactly("4A", "4B"); // L7
        assertThat(List.of(baseline(Kind.GROUND_GLASS, 29.9, 0), baseline(Kind.GROUND_GLASS, 30, 0))).containsExactly("2", "3"); // L8
        assertThat(LungRads.category(new Finding(Kind.SOLID, 9.9, 9.9, false, false, true, null, 9.9))).isEqualTo("2"); // L9
        assertThat(LungRads.category(new Finding(Kind.SOLID, 10.0, 10.0, false, false, true, null, 10))).isEqualTo("4A");
        String c3 = LungRads.category(new Finding(Kind.SOLID, 9.0, 9.0, false, false, false, "4A", 9.0)); // L10
        assertThat(c3).isEqualTo("3");
        assertThat(LungRads.category(new Finding(Kind.SOLID, 9.0, 9.0, false, false, false, c3, 9.0))).isEqualTo("2");
        assertThat(baseline(Kind.SOLID, (8.3 + 7.6) / 2, 0)).isEqualTo("4A"); // L11: 7.95 -> 8.0 half-up
        assertThat(LungRads.exam(List.of("2", "4A", "3"))).isEqualTo("4A");
        assertThat(LungRads.exam(List.of())).isEqualTo("1");
    }

    @Test
    void fleischnerVectors() {
        var solid = (java.util.function.DoubleFunction<Fleischner.Nodule>) d -> new Fleischner.Nodule(Kind.SOLID, d, d);
        assertThat(Fleischner.recommendation(List.of(solid.apply(5.0)), 50, false, false)).contains("no routine follow-up"); // F1
        assertThat(Fleischner.recommendation(List.of(solid.apply(5.0)), 50, true, false)).contains("optional CT at 12 months"); // F2
        assertThat(Fleischner.recommendation(List.of(solid.apply(5.7)), 50, false, false)).contains("6-8 mm"); // F3
        assertThat(Fleischner.recommendation(List.of(solid.apply(9)), 50, false, false)).contains("consider CT at 3 months"); // F4
        assertThat(Fleischner.recommendation(List.of(solid.apply(7), solid.apply(4)), 50, true, false))
                .contains("CT 3-6 months, then CT 18-24 months"); // F5
        assertThat(Fleischner.recommendation(List.of(new Fleischner.Nodule(Kind.GROUND_GLASS, 8, 0)), 50, false, false))
                .contains("every 2 years until 5 years"); // F6
        assertThat(Fleischner.recommendation(List.of(new Fleischner.Nodule(Kind.PART_SOLID, 12, 4)), 50, false, false))
                .contains("annual CT for 5 years"); // F7
        assertThat(Fleischner.recommendation(List.of(new Fleischner.Nodule(Kind.GROUND_GLASS, 4, 0),
                new Fleischner.Nodule(Kind.PART_SOLID, 5, 2)), 50, false, false)).contains("2 and 4 years"); // F8
        assertThat(Fleischner.recommendation(List.of(solid.apply(5)), 30, false, false)).startsWith("not applicable"); // F9
        assertThat(Fleischner.recommendation(List.of(solid.apply(5)), 50, false, true)).startsWith("not applicable");
    }
}
