package org.noduletrack.app.cli.nodules;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.guideline.FleischnerEngine;
import org.noduletrack.nodule.growth.GrowthAnalyzer;
import org.noduletrack.nodule.growth.GrowthAssessment;
import org.noduletrack.nodule.guideline.LungRadsEngine;
import org.noduletrack.nodule.guideline.LungRadsFinding;
import org.noduletrack.nodule.measurement.Rounding;
import org.noduletrack.nodule.model.FollowUpRecommendation;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.nodule.model.NoduleType;

/** Builds the JSON of one nodule across two dates (growth command). */
public final class GrowthJson {
    private final LocalDate priorDate, currentDate;
    private final GrowthAnalyzer growth = new GrowthAnalyzer();
    private final LungRadsEngine lungRads = new LungRadsEngine();

    public GrowthJson(LocalDate priorDate, LocalDate currentDate) {
        this.priorDate = priorDate;
        this.currentDate = currentDate;
    }

    static LungRadsFinding.Kind kind(NoduleType t) {
        return switch (t) {
            case SOLID -> LungRadsFinding.Kind.SOLID;
            case PART_SOLID -> LungRadsFinding.Kind.PART_SOLID;
            case GROUND_GLASS -> LungRadsFinding.Kind.GROUND_GLASS;
        };
    }

    static double lrMean(Measurement m) { return Rounding.lungRadsMeanMm(m.longAxisMm(), m.shortAxisMm()); }

    public Map<String, Object> pair(Vec3 seed, Optional<Measurement> prior, Optional<Vec3> mapped, Optional<Measurement> current) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("seed", CliSupport.point(seed));
        prior.ifPresent(p -> r.put("prior", CliSupport.measurementJson(p)));
        mapped.ifPresent(p -> r.put("mapped_centroid", CliSupport.point(p)));
        current.ifPresent(c -> r.put("current", CliSupport.measurementJson(c)));
        long days = ChronoUnit.DAYS.between(priorDate, currentDate);
        if (prior.isPresent() && current.isPresent()) {
            Measurement a = prior.get(), b = current.get();
            GrowthAssessment g = growth.assess(a.volumeMm3(), b.volumeMm3(), days, b.type());
            r.put("status", switch (g.trend()) {
                case GROWTH -> "GROWING";
                case SHRINKAGE -> "SHRINKING";
                case NO_SIGNIFICANT_CHANGE -> "STABLE";
            });
            r.put("volume_change_percent", CliSupport.round(100 * g.volumeChangeFraction(), 1));
            r.put("vdt_days", g.vdtDays().isPresent() ? CliSupport.round(g.vdtDays().getAsDouble(), 1) : null);
            r.put("vdt_band", g.band().name());
            r.put("mean_diameter_change_mm", CliSupport.round(lrMean(b) - lrMean(a), 1));
            r.put("lung_rads_growth", LungRadsEngine.isGrowth(lrMean(a), lrMean(b)) && days <= 366);
            r.put("fleischner_growth", FleischnerEngine.isGrowth(a.meanDiameterMm(), b.meanDiameterMm()));
            r.put("explanation_en", g.explanationEn());
            r.put("explanation_zh", g.explanationZh());
            LungRadsFinding f = LungRadsFinding.followUp(kind(b.type()), lrMean(b),
                    Rounding.tenthMm(b.solidMeanDiameterMm()), currentDate,
                    List.of(new LungRadsFinding.Prior(priorDate, lrMean(a), Rounding.tenthMm(a.solidMeanDiameterMm()))),
                    Optional.empty());
            r.put("lung_rads", recommendation(lungRads.recommend(f)));
        } else if (prior.isPresent()) {
            r.put("status", "NOT_FOUND");
            r.put("explanation_en", "No nodule was found at the registered position on the current scan (resolved, or"
                    + " outside the series); please check visually.");
            r.put("explanation_zh", "在当前扫描的配准位置未找到结节（可能已消失或不在扫描范围内），请目视核实。");
        } else {
            Measurement b = current.orElseThrow();
            r.put("status", "NEW");
            r.put("explanation_en", "Nodule new on the current scan.");
            r.put("explanation_zh", "当前扫描新出现的结节。");
            r.put("lung_rads", recommendation(lungRads.recommend(new LungRadsFinding(kind(b.type()), lrMean(b),
                    Rounding.tenthMm(b.solidMeanDiameterMm()), LungRadsFinding.Presence.NEW, currentDate, List.of(),
                    Optional.empty(), false, false))));
        }
        return r;
    }

    static Map<String, Object> recommendation(FollowUpRecommendation f) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("guideline", f.guideline());
        r.put("category", f.category());
        r.put("rule", f.ruleId());
        r.put("explanation_en", f.explanationEn());
        r.put("explanation_zh", f.explanationZh());
        return r;
    }
}
