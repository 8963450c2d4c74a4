package org.noduletrack.app.viewmodel;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import org.noduletrack.nodule.guideline.FleischnerEngine;
import org.noduletrack.nodule.guideline.FleischnerInput;
import org.noduletrack.nodule.guideline.LungRadsEngine;
import org.noduletrack.nodule.guideline.LungRadsFinding;
import org.noduletrack.nodule.model.FollowUpRecommendation;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.nodule.model.NoduleType;

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
    private final LungRadsEngine lungRads = new LungRadsEngine();
    private final FleischnerEngine fleischner = new FleischnerEngine();

    GuidelineViewModel(ObservableList<NoduleTrack> tracks, ObservableList<LocalDate> dates) {
        this.tracks = tracks;
        this.dates = dates;
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

    private void update() {
        result.set(compute());
    }

    Result compute() {
        List<NoduleTrack> measured = tracks.stream().filter(t -> t.latest().measurement().isPresent()).toList();
        if (measured.isEmpty()) {
            return new Result(Map.of(), Optional.empty(), false);
        }
        Map<String, String> cats = new LinkedHashMap<>();
        if (setting.get() == Setting.SCREENING) {
            List<LungRadsFinding> findings = new ArrayList<>();
            for (NoduleTrack t : measured) {
                LungRadsFinding f = lungRadsFinding(t);
                findings.add(f);
                cats.put(t.id(), lungRads.decide(f).category());
            }
            return new Result(cats, Optional.of(lungRads.recommendExam(findings)), false);
        }
        Integer age = ageYears.get();
        List<FleischnerInput.Finding> findings = new ArrayList<>();
        for (NoduleTrack t : measured) {
            Measurement m = t.latest().measurement().orElseThrow();
            FleischnerInput.Finding f = m.type() == NoduleType.PART_SOLID
                    ? FleischnerInput.Finding.partSolid(m.meanDiameterMm(), m.solidMeanDiameterMm())
                    : FleischnerInput.Finding.ofMean(m.type(), m.meanDiameterMm());
            findings.add(f);
            cats.put(t.id(), FleischnerEngine.sizeClass(f).name());
        }
        if (age == null) {
            return new Result(cats, Optional.empty(), true);
        }
        FleischnerInput in = new FleischnerInput(age, false, false, false, Boolean.TRUE.equals(highRisk.get()), findings);
        return new Result(cats, Optional.of(fleischner.recommend(in)), false);
    }

    /**
     * The nodule as a Lung-RADS finding of the latest exam, its category at each earlier date worked out in date
     * order (stepped management needs the previous category).
     */
    LungRadsFinding lungRadsFinding(NoduleTrack t) {
        LocalDate first = dates.isEmpty() ? t.dates().getFirst().date() : dates.getFirst();
        List<LungRadsFinding.Prior> priors = new ArrayList<>();
        String previous = null;
        LungRadsFinding f = null;
        for (NoduleTrack.AtDate a : t.dates()) {
            Optional<Measurement> om = a.measurement();
            if (om.isEmpty()) {
                continue;
            }
            Measurement m = om.get();
            LungRadsFinding.Kind kind = switch (m.type()) {
                case SOLID -> LungRadsFinding.Kind.SOLID;
                case PART_SOLID -> LungRadsFinding.Kind.PART_SOLID;
                case GROUND_GLASS -> LungRadsFinding.Kind.GROUND_GLASS;
            };
            double solid = m.type() == NoduleType.PART_SOLID ? m.solidMeanDiameterMm() : 0;
            if (priors.isEmpty()) {
                f = a.date().equals(first) ? LungRadsFinding.baseline(kind, m.meanDiameterMm(), solid)
                        : LungRadsFinding.newFinding(kind, m.meanDiameterMm(), solid);
            } else {
                f = LungRadsFinding.followUp(kind, m.meanDiameterMm(), solid, a.date(), priors, Optional.ofNullable(previous));
            }
            previous = lungRads.decide(f).category();
            priors.add(new LungRadsFinding.Prior(a.date(), m.meanDiameterMm(), solid));
        }
        return f;
    }
}
