package org.noduletrack.app.followup;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.growth.GrowthAnalyzer;
import org.noduletrack.nodule.guideline.FleischnerEngine;
import org.noduletrack.nodule.guideline.FleischnerInput;
import org.noduletrack.nodule.guideline.LungRadsEngine;
import org.noduletrack.nodule.guideline.LungRadsFinding;
import org.noduletrack.nodule.measurement.Rounding;
import org.noduletrack.nodule.model.FollowUpRecommendation;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.nodule.model.NoduleType;

/**
 * Growth and guideline for nodules whose per-date observations are known. Pure: the same observations and context
 * always give the same case (so a reopened case shows exactly what was saved).
 *
 * <p>Lung-RADS is applied date by date from the oldest study of the case (baseline, then new or existing with the
 * earlier measurements and the previous category, so stepped management carries over); Fleischner 2017 to all nodules of
 * the current study together.
 */
public final class FollowUpAssessor {
    private final GrowthAnalyzer growth;
    private final LungRadsEngine lungRads;
    private final FleischnerEngine fleischner;

    public FollowUpAssessor(GrowthAnalyzer growth, LungRadsEngine lungRads, FleischnerEngine fleischner) {
        this.growth = growth;
        this.lungRads = lungRads;
        this.fleischner = fleischner;
    }

    /** A nodule's observations before assessment. */
    public record Observed(String id, Vec3 seedLps, List<NoduleObservation> observations) {
        public Observed {
            observations = observations.stream()
                    .sorted(java.util.Comparator.comparing((NoduleObservation o) -> o.study().date())).toList();
        }
    }

    public FollowUpCase assess(PatientTimeline timeline, FollowUpStudy current, List<StudyRegistration> registrations,
                               GuidelineContext context, List<Observed> nodules) {
        List<FollowUpStudy> priors = registrations.stream().map(StudyRegistration::prior)
                .sorted(java.util.Comparator.comparing(FollowUpStudy::date)).toList();
        List<StudyRegistration> regs = priors.stream()
                .map(p -> registrations.stream().filter(r -> r.prior().equals(p)).findFirst().orElseThrow()).toList();
        boolean ready = context.missing().isEmpty();
        Map<String, LungRadsFinding> lrCurrent = new HashMap<>();
        Optional<FollowUpRecommendation> fleischnerExam = Optional.empty();
        List<Observed> foundNow = nodules.stream().filter(n -> n.observations().getLast().found()).toList();
        if (ready && context.setting() == GuidelineContext.Setting.INCIDENTAL && !foundNow.isEmpty()) {
            fleischnerExam = Optional.of(fleischner.recommend(fleischnerInput(context, foundNow)));
        }
        List<TrackedNodule> out = new ArrayList<>();
        for (Observed n : nodules) {
            List<Measured> measured = n.observations().stream().filter(NoduleObservation::found)
                    .map(o -> new Measured(o.study(), o.measurement().orElseThrow())).toList();
            NoduleObservation now = n.observations().getLast();
            Optional<NoduleGrowth> g = Optional.empty(), gFirst = Optional.empty();
            if (now.found() && measured.size() >= 2) {
                g = Optional.of(growth(measured.get(measured.size() - 2), measured.getLast()));
                if (measured.size() >= 3) {
                    gFirst = Optional.of(growth(measured.getFirst(), measured.getLast()));
                }
            }
            Optional<GuidelineResult> guideline = Optional.empty();
            if (ready && now.found()) {
                if (context.setting() == GuidelineContext.Setting.SCREENING) {
                    LungRadsFinding f = lungRadsChain(n.observations());
                    lrCurrent.put(n.id(), f);
                    guideline = Optional.of(GuidelineResult.of(lungRads.recommend(f)));
                } else {
                    FollowUpRecommendation exam = fleischnerExam.orElseThrow();
                    String sizeClass = exam.applicable()
                            ? FleischnerEngine.sizeClass(finding(now.measurement().orElseThrow())).name() : "";
                    guideline = Optional.of(GuidelineResult.of(new FollowUpRecommendation(exam.guideline(),
                            exam.applicable(), sizeClass, exam.ruleId(), exam.management(), exam.explanationEn(),
                            exam.explanationZh())));
                }
            }
            out.add(new TrackedNodule(n.id(), n.seedLps(), n.observations(), g, gFirst, guideline));
        }
        Optional<GuidelineResult> exam = Optional.empty();
        if (ready && context.setting() == GuidelineContext.Setting.SCREENING && !lrCurrent.isEmpty()) {
            exam = Optional.of(GuidelineResult.of(lungRads.recommendExam(new ArrayList<>(lrCurrent.values()))));
        } else if (fleischnerExam.isPresent()) {
            exam = fleischnerExam.map(GuidelineResult::of);
        }
        return new FollowUpCase(timeline.patient(), current, priors, regs, context, out, exam);
    }

    private record Measured(FollowUpStudy study, Measurement m) {}

    private NoduleGrowth growth(Measured a, Measured b) {
        long days = ChronoUnit.DAYS.between(a.study().date(), b.study().date());
        return new NoduleGrowth(a.study(), b.study(), growth.assess(a.m().volumeMm3(), b.m().volumeMm3(),
                Math.max(days, 1), b.m().type()));
    }

    static FleischnerInput.Finding finding(Measurement m) {
        double mean = Rounding.meanOfAxes(m.longAxisMm(), m.shortAxisMm());
        return m.type() == NoduleType.PART_SOLID ? FleischnerInput.Finding.partSolid(mean, m.solidMeanDiameterMm())
                : FleischnerInput.Finding.ofMean(m.type(), mean);
    }

    private static FleischnerInput fleischnerInput(GuidelineContext c, List<Observed> nodules) {
        return new FleischnerInput(c.ageYears().orElseThrow(), false, c.knownPrimaryCancer(), c.immunocompromised(),
                c.highRisk(), nodules.stream().map(n -> finding(n.observations().getLast().measurement().orElseThrow())).toList());
    }

    static LungRadsFinding.Kind kind(NoduleType t) {
        return switch (t) {
            case SOLID -> LungRadsFinding.Kind.SOLID;
            case PART_SOLID -> LungRadsFinding.Kind.PART_SOLID;
            case GROUND_GLASS -> LungRadsFinding.Kind.GROUND_GLASS;
        };
    }

    /**
     * The earlier measurements growth is judged against: the previous exam (the one this exam is compared with), plus
     * those more than 12 months back (slow growth). Growth within 12 months is thus "since the previous exam", as in
     * the generator's reference rules; against every prior within 12 months, a nodule growing 0.7 mm per 3 months would
     * count as growing at its second follow-up although neither interval shows growth.
     */
    static List<LungRadsFinding.Prior> growthBasis(List<LungRadsFinding.Prior> earlier, java.time.LocalDate exam) {
        List<LungRadsFinding.Prior> out = new ArrayList<>();
        for (int i = 0; i < earlier.size(); i++) {
            if (i == earlier.size() - 1 || earlier.get(i).date().isBefore(exam.minusMonths(12))) {
                out.add(earlier.get(i));
            }
        }
        return out;
    }

    /** The finding at the last observation, with earlier measurements and the category carried from date to date. */
    private LungRadsFinding lungRadsChain(List<NoduleObservation> obs) {
        List<LungRadsFinding.Prior> priors = new ArrayList<>();
        Optional<String> previousCategory = Optional.empty();
        LungRadsFinding last = null;
        for (int i = 0; i < obs.size(); i++) {
            NoduleObservation o = obs.get(i);
            if (!o.found()) {
                continue;
            }
            Measurement m = o.measurement().orElseThrow();
            LungRadsFinding.Kind kind = kind(m.type());
            double mean = Rounding.lungRadsMeanMm(m.longAxisMm(), m.shortAxisMm());
            double solid = m.type() == NoduleType.PART_SOLID ? Rounding.tenthMm(m.solidMeanDiameterMm()) : 0;
            LungRadsFinding f;
            if (priors.isEmpty()) {
                LungRadsFinding.Presence presence = i == 0 ? LungRadsFinding.Presence.BASELINE : LungRadsFinding.Presence.NEW;
                f = new LungRadsFinding(kind, mean, solid, presence, o.study().date(), List.of(), Optional.empty(), false, false);
            } else {
                f = LungRadsFinding.followUp(kind, mean, solid, o.study().date(), growthBasis(priors, o.study().date()),
                        previousCategory);
            }
            previousCategory = Optional.of(lungRads.decide(f).category());
            priors.add(new LungRadsFinding.Prior(o.study().date(), mean, solid));
            last = f;
        }
        if (last == null) {
            throw new IllegalStateException("no measurement to assess");
        }
        return last;
    }
}
