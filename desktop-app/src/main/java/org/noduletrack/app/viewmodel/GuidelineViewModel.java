package org.noduletrack.app.viewmodel;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import org.noduletrack.app.followup.FollowUpCase;
import org.noduletrack.app.followup.GuidelineContext;
import org.noduletrack.app.followup.GuidelineResult;
import org.noduletrack.app.followup.TrackedNodule;
import org.noduletrack.nodule.model.FollowUpRecommendation;

/**
 * The guideline panel's state: the clinical context the reader gives (screening → Lung-RADS v2022, incidental →
 * Fleischner 2017, with age and risk), the category of each nodule on the latest scan and the exam's recommendation,
 * recomputed whenever the nodule table or the context changes. Decision support only.
 */
public final class GuidelineViewModel {
    public enum Setting { SCREENING, INCIDENTAL }

    /** Per nodule id, its category on the latest scan; and the exam's suggestion (empty: nothing to assess yet). */
    public record Result(Map<String, String> categoryByNodule, Optional<FollowUpRecommendation> recommendation,
                         boolean needsAge) {
        public Result {
            categoryByNodule = Map.copyOf(categoryByNodule);
        }
    }

    private final ObservableList<NoduleTrack> tracks;
    private final ObservableList<LocalDate> dates;
    private final ObjectProperty<Setting> setting = new SimpleObjectProperty<>(this, "setting", Setting.INCIDENTAL);
    private final ObjectProperty<Integer> ageYears = new SimpleObjectProperty<>(this, "ageYears");
    private final ObjectProperty<Boolean> highRisk = new SimpleObjectProperty<>(this, "highRisk", Boolean.FALSE);
    private final ObjectProperty<Result> result = new SimpleObjectProperty<>(this, "result",
            new Result(Map.of(), Optional.empty(), false));
    private final java.util.function.Function<GuidelineContext, Optional<FollowUpCase>> assess;

    GuidelineViewModel(ObservableList<NoduleTrack> tracks, ObservableList<LocalDate> dates,
                       java.util.function.Function<GuidelineContext, Optional<FollowUpCase>> assess) {
        this.tracks = tracks;
        this.dates = dates;
        this.assess = assess;
        for (Observable o : List.<Observable>of(tracks, dates, setting, ageYears, highRisk)) {
            o.addListener(x -> update());
        }
    }

    public ObjectProperty<Setting> settingProperty() { return setting; }

    /** Patient age in years (Fleischner applies from 35); null until entered. */
    public ObjectProperty<Integer> ageYearsProperty() { return ageYears; }

    /** Fleischner "high risk" (smoking history or other risk factors). */
    public ObjectProperty<Boolean> highRiskProperty() { return highRisk; }

    public ObjectProperty<Result> resultProperty() { return result; }

    /** The context as the follow-up workflow takes it. */
    public GuidelineContext context() {
        Integer age = ageYears.get();
        return new GuidelineContext(setting.get() == Setting.SCREENING ? GuidelineContext.Setting.SCREENING
                : GuidelineContext.Setting.INCIDENTAL, age == null ? OptionalInt.empty() : OptionalInt.of(age),
                Boolean.TRUE.equals(highRisk.get()), false, false);
    }

    private void update() {
        result.set(compute());
    }

    /** Categories and the exam's suggestion from the follow-up workflow's assessor (the numbers the report shows). */
    Result compute() {
        GuidelineContext ctx = context();
        Optional<FollowUpCase> c = tracks.isEmpty() ? Optional.empty() : assess.apply(ctx);
        if (c.isEmpty() || c.get().nodules().isEmpty()) {
            return new Result(Map.of(), Optional.empty(), false);
        }
        Map<String, String> cats = new LinkedHashMap<>();
        for (TrackedNodule n : c.get().nodules()) {
            n.guideline().ifPresent(g -> cats.put(n.id(), g.category()));
        }
        return new Result(cats, c.get().exam().map(GuidelineResult::recommendation),
                ctx.missing().contains(GuidelineContext.Missing.AGE));
    }
}
