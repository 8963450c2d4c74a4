package org.noduletrack.app.followup;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The clinical context the guideline is chosen by: a screening CT gets Lung-RADS v2022, an incidental finding
 * Fleischner 2017 (which needs the age, and uses the risk).
 *
 * @param ageYears           age at the current study; Fleischner is not applicable below 35 and cannot be applied without it
 * @param highRisk           smoking history or other known risk factor
 * @param knownPrimaryCancer Fleischner does not apply
 * @param immunocompromised  Fleischner does not apply
 */
public record GuidelineContext(Setting setting, OptionalInt ageYears, boolean highRisk, boolean knownPrimaryCancer,
                               boolean immunocompromised) {
    public enum Setting { INCIDENTAL, SCREENING }

    /** What the UI must still ask for before the guideline can be applied. */
    public enum Missing { AGE }

    public GuidelineContext {
        Objects.requireNonNull(setting, "setting");
        Objects.requireNonNull(ageYears, "ageYears");
        if (ageYears.isPresent() && (ageYears.getAsInt() < 0 || ageYears.getAsInt() > 130)) {
            throw new IllegalArgumentException("age must be 0..130 years, not " + ageYears.getAsInt());
        }
    }

    public static GuidelineContext screening() {
        return new GuidelineContext(Setting.SCREENING, OptionalInt.empty(), true, false, false);
    }

    public static GuidelineContext incidental(int ageYears, boolean highRisk) {
        return new GuidelineContext(Setting.INCIDENTAL, OptionalInt.of(ageYears), highRisk, false, false);
    }

    public List<Missing> missing() {
        List<Missing> m = new ArrayList<>();
        if (setting == Setting.INCIDENTAL && ageYears.isEmpty()) {
            m.add(Missing.AGE);
        }
        return m;
    }
}
