package org.noduletrack.app.cli.nodules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.noduletrack.app.followup.FollowUpCase;
import org.noduletrack.app.followup.FollowUpStudy;
import org.noduletrack.app.followup.GuidelineResult;
import org.noduletrack.app.followup.NoduleGrowth;
import org.noduletrack.app.followup.NoduleObservation;
import org.noduletrack.app.followup.StudyRegistration;
import org.noduletrack.app.followup.TrackedNodule;
import org.noduletrack.nodule.measurement.Rounding;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.nodule.registration.RigidTransform;

/** The JSON of a follow-up case ({@code followup} and {@code growth --patient}; schema in README). */
public final class FollowUpJson {
    public static final String SCHEMA = "noduletrack.followup/1";
    static final String DISCLAIMER = "Decision support only: the reading radiologist assigns the final category and plan.";

    private FollowUpJson() {}

    public static Map<String, Object> of(FollowUpCase c) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("schema", SCHEMA);
        r.put("patient_id", c.patient().patientId());
        r.put("current_study_date", c.current().date().toString());
        List<Map<String, Object>> studies = new ArrayList<>();
        for (FollowUpStudy s : c.studies()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("study_date", s.date().toString());
            m.put("study_instance_uid", s.studyUid().value());
            m.put("series_instance_uid", s.seriesUid().value());
            m.put("slices", s.slices());
            m.put("slice_thickness_mm", Double.isFinite(s.sliceThicknessMm()) ? s.sliceThicknessMm() : null);
            m.put("current", s.equals(c.current()));
            m.put("current_to_this_matrix", c.registrationOf(s).map(FollowUpJson::matrix).orElse(null));
            m.put("registration_ncc", c.registrationOf(s).map(x -> CliSupport.round(x.ncc(), 4)).orElse(null));
            studies.add(m);
        }
        r.put("studies", studies);
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("setting", c.context().setting().name().toLowerCase(java.util.Locale.ROOT));
        ctx.put("age_years", c.context().ageYears().isPresent() ? c.context().ageYears().getAsInt() : null);
        ctx.put("risk", c.context().highRisk() ? "high" : "low");
        r.put("context", ctx);
        List<Map<String, Object>> nodules = new ArrayList<>();
        for (TrackedNodule n : c.nodules()) {
            nodules.add(nodule(n));
        }
        r.put("nodules", nodules);
        r.put("exam", c.exam().map(FollowUpJson::guideline).orElse(null));
        r.put("disclaimer", DISCLAIMER);
        return r;
    }

    static Map<String, Object> nodule(TrackedNodule n) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", n.id());
        r.put("seed", CliSupport.point(n.seedLps()));
        List<Map<String, Object>> dates = new ArrayList<>();
        for (NoduleObservation o : n.observations()) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("study_date", o.study().date().toString());
            d.put("series_instance_uid", o.study().seriesUid().value());
            d.put("match", o.state().name());
            d.put("found", o.found());
            Measurement m = o.measurement().orElse(null);
            d.put("centroid", m == null ? null : CliSupport.point(m.centroidLps()));
            d.put("volume_mm3", m == null ? null : CliSupport.round(m.volumeMm3(), 1));
            d.put("mean_diameter_mm", m == null ? null : Rounding.lungRadsMeanMm(m.longAxisMm(), m.shortAxisMm()));
            d.put("type", m == null ? null : m.type().name());
            d.put("long_axis_mm", m == null ? null : Rounding.tenthMm(m.longAxisMm()));
            d.put("short_axis_mm", m == null ? null : Rounding.tenthMm(m.shortAxisMm()));
            d.put("solid_mean_diameter_mm", m == null ? null : Rounding.tenthMm(m.solidMeanDiameterMm()));
            dates.add(d);
        }
        r.put("dates", dates);
        NoduleGrowth g = n.growth().orElse(null);
        r.put("growth_from_date", g == null ? null : g.from().date().toString());
        r.put("volume_change_percent", g == null ? null : CliSupport.round(g.volumeChangePercent(), 1));
        r.put("vdt_days", g == null || g.vdtDays().isEmpty() ? null : CliSupport.round(g.vdtDays().getAsDouble(), 1));
        r.put("within_variability", g == null ? null : g.withinVariability());
        n.growthSinceFirst().ifPresent(f -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("from_date", f.from().date().toString());
            s.put("volume_change_percent", CliSupport.round(f.volumeChangePercent(), 1));
            s.put("vdt_days", f.vdtDays().isEmpty() ? null : CliSupport.round(f.vdtDays().getAsDouble(), 1));
            s.put("within_variability", f.withinVariability());
            r.put("since_first", s);
        });
        GuidelineResult gr = n.guideline().orElse(null);
        r.put("guideline", gr == null ? null : gr.guideline());
        r.put("category", gr == null ? null : gr.category());
        r.put("follow_up_interval", gr == null ? null : gr.interval().en());
        r.put("rule", gr == null ? null : gr.ruleId());
        r.put("explanation_en", gr == null ? null : gr.recommendation().explanationEn());
        r.put("explanation_zh", gr == null ? null : gr.recommendation().explanationZh());
        return r;
    }

    static Map<String, Object> guideline(GuidelineResult g) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("guideline", g.guideline());
        r.put("applicable", g.recommendation().applicable());
        r.put("category", g.category());
        r.put("follow_up_interval", g.interval().en());
        r.put("follow_up_interval_zh", g.interval().zh());
        r.put("rule", g.ruleId());
        r.put("explanation_en", g.recommendation().explanationEn());
        r.put("explanation_zh", g.recommendation().explanationZh());
        return r;
    }

    static List<Double> matrix(StudyRegistration r) {
        return Arrays.stream(RigidTransform.matrix4x4RowMajor(r.currentToPrior())).map(v -> CliSupport.round(v, 6)).boxed().toList();
    }
}
