package org.noduletrack.samples.generator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.samples.SampleCatalog;
import org.noduletrack.samples.truth.Fleischner;
import org.noduletrack.samples.truth.GroundTruth;
import org.noduletrack.samples.truth.LungRads;

/** Turns a {@link PatientPlan} into the {@link GroundTruth} record: exact values from the plan, no image analysis. */
public final class GroundTruthBuilder {
    static final String CONVENTION = "Every coordinate is patient LPS mm of the named timepoint's scan. currentToBaselineRigid"
            + " (A) and deformation (D) map a point x of timepoint t to the baseline scan: x_baseline = D(A(x)), with"
            + " A(x) = R x + t (matrix4x4RowMajor) and D(y) = y + g(y_z) * (0, amplitudeApMm, amplitudeSiMm),"
            + " g(z) = exp(-(z - diaphragmZMm)^2 / (2 sigmaMm^2)). Nodules move with the anatomy but are carried rigidly"
            + " (not strained by D), so their volumes are exactly the growth law's.";

    private final SourceCt source;
    private final String attribution;

    public GroundTruthBuilder(SourceCt source, String attribution) {
        this.source = source;
        this.attribution = attribution;
    }

    public GroundTruth build(PatientPlan plan) {
        GeneratorOptions o = plan.options();
        int k = plan.timepoints().size();
        // per nodule, per timepoint
        List<List<GroundTruth.NoduleAtTimepoint>> perNodule = new ArrayList<>();
        List<List<String>> examCategories = new ArrayList<>();
        for (int t = 0; t < k; t++) {
            examCategories.add(new ArrayList<>());
        }
        List<Fleischner.Nodule> baselineForFleischner = new ArrayList<>();
        for (NoduleSpec n : plan.nodules()) {
            List<GroundTruth.NoduleAtTimepoint> rows = new ArrayList<>();
            GroundTruth.NoduleAtTimepoint prev = null;
            String prevCategory = null;
            for (PatientPlan.TimepointPlan tp : plan.timepoints()) {
                int t = tp.index();
                PlacedNodule p = PlacedNodule.at(n, tp.transform(), tp.daysFromBaseline());
                boolean present = n.growth().presentAt(t);
                boolean wasPresent = prev != null && prev.present();
                if (!present) {
                    String status = t < n.growth().appearsAtTimepoint() ? "ABSENT" : "RESOLVED";
                    GroundTruth.NoduleAtTimepoint row = new GroundTruth.NoduleAtTimepoint(t, false, arr(p.centreMm()), 0, 0,
                            0, 0, 0, 0, 0, status, null);
                    rows.add(row);
                    prev = row;
                    prevCategory = null;
                    continue;
                }
                double[] ax = p.axialDiametersMm(1);
                double mean = (ax[0] + ax[1]) / 2;
                double solidMean = switch (n.type()) {
                    case SOLID -> mean;
                    case PART_SOLID -> mean * n.solidCoreRatio();
                    case GROUND_GLASS -> 0;
                };
                boolean isNew = t > 0 && !wasPresent;
                String status = t == 0 ? "BASELINE" : isNew ? "NEW"
                        : p.volumeMm3() > prev.volumeMm3() * 1.0001 ? "GROWING"
                        : p.volumeMm3() < prev.volumeMm3() * 0.9999 ? "SHRINKING" : "STABLE";
                String category = null;
                if (o.screening()) {
                    boolean growing = wasPresent && switch (n.type()) {
                        case SOLID, GROUND_GLASS -> LungRads.isGrowth(prev.meanDiameterMm(), mean);
                        case PART_SOLID -> LungRads.isGrowth(prev.solidMeanDiameterMm(), solidMean);
                    };
                    boolean smoothJuxta = n.attachment() == Attachment.JUXTAPLEURAL && n.type() == NoduleType.SOLID
                            && !(n.shape() instanceof NoduleShape.Lobulated);
                    category = LungRads.category(new LungRads.Finding(kind(n.type()), mean, solidMean, isNew, growing,
                            smoothJuxta, isNew ? null : prevCategory, wasPresent ? prev.meanDiameterMm() : mean));
                    examCategories.get(t).add(category);
                }
                if (t == 0) {
                    baselineForFleischner.add(new Fleischner.Nodule(kind(n.type()), mean, solidMean));
                }
                GroundTruth.NoduleAtTimepoint row = new GroundTruth.NoduleAtTimepoint(t, true, arr(p.centreMm()),
                        p.volumeMm3(), p.solidVolumeMm3(), ax[0], ax[1], mean, solidMean,
                        Math.cbrt(6 * p.volumeMm3() / Math.PI), status, category);
                rows.add(row);
                prev = row;
                prevCategory = category;
            }
            perNodule.add(rows);
        }
        List<GroundTruth.Timepoint> tps = new ArrayList<>();
        for (PatientPlan.TimepointPlan tp : plan.timepoints()) {
            VoxelGrid g = tp.grid();
            Rigid3 rigid = tp.transform().currentToBaselineRigid();
            BreathingDeformation d = tp.transform().deformation();
            String fleischner = o.screening() ? null : tp.index() == 0
                    ? Fleischner.recommendation(baselineForFleischner, plan.ageYearsAtBaseline(), plan.highRisk(), false)
                    : null;
            tps.add(new GroundTruth.Timepoint(tp.index(), tp.date().toString(), tp.daysFromBaseline(), tp.directoryName(),
                    tp.series().studyInstanceUid(), tp.series().seriesInstanceUid(), tp.series().frameOfReferenceUid(),
                    g.ny(), g.nx(), g.nz(), new double[] {g.spacingXMm(), g.spacingYMm()}, g.spacingZMm(),
                    arr(g.originLps()), tp.blurSigmaMm(), tp.noiseSigmaHu(),
                    new GroundTruth.Rigid(rigid.matrix4x4RowMajor(), tp.rotationDegXyz(), arr(tp.translationMm()),
                            arr(tp.centreOfRotationMm())),
                    new GroundTruth.Deformation(BreathingDeformation.MODEL, d.amplitudeSiMm(), d.amplitudeApMm(),
                            d.diaphragmZMm(), d.sigmaMm(), "u(y) = exp(-(y_z - diaphragmZMm)^2 / (2 sigmaMm^2)) * (0, amplitudeApMm, amplitudeSiMm)"),
                    o.screening() ? LungRads.exam(examCategories.get(tp.index())) : null, fleischner));
        }
        List<GroundTruth.Nodule> nodules = new ArrayList<>();
        for (int i = 0; i < plan.nodules().size(); i++) {
            NoduleSpec n = plan.nodules().get(i);
            double vdt = n.growth().volumeDoublingTimeDays();
            nodules.add(new GroundTruth.Nodule(n.id(), n.type().name(), shapeName(n.shape()), shapeParameters(n.shape(), n),
                    n.attachment().name(), n.growth().kind().name(), Double.isInfinite(vdt) ? null : vdt,
                    n.solidCoreRatio(), n.attenuationHu(), n.coreAttenuationHu(), arr(n.centreBaselineMm()), perNodule.get(i)));
        }
        return new GroundTruth(GroundTruth.SCHEMA,
                new GroundTruth.Generator(o.seed(), o.timepoints(), SampleCatalog.LIDC_0001, source.seriesInstanceUid(),
                        o.codec().name(), o.supersampleStepMm(), attribution),
                new GroundTruth.Patient(plan.patientId(), plan.patientName(), plan.birthDate().toString(), plan.sex()),
                new GroundTruth.ClinicalContext(o.screening() ? "SCREENING" : "INCIDENTAL", plan.ageYearsAtBaseline(),
                        plan.highRisk() ? "HIGH" : "LOW", o.screening() ? "LUNG_RADS_2022" : "FLEISCHNER_2017"),
                CONVENTION, tps, nodules);
    }

    private static LungRads.Finding.Kind kind(NoduleType t) {
        return LungRads.Finding.Kind.valueOf(t.name());
    }

    private static String shapeName(NoduleShape s) {
        return switch (s) {
            case NoduleShape.Sphere x -> "SPHERE";
            case NoduleShape.Ellipsoid x -> "ELLIPSOID";
            case NoduleShape.Lobulated x -> "LOBULATED";
        };
    }

    /** Shape at the growth law's reference (day 0) scale, plus the local-to-baseline rotation. */
    private static Map<String, Object> shapeParameters(NoduleShape s, NoduleSpec n) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (s) {
            case NoduleShape.Sphere sp -> m.put("radiusMm", sp.radiusMm());
            case NoduleShape.Ellipsoid e -> m.put("semiAxesMm", new double[] {e.aMm(), e.bMm(), e.cMm()});
            case NoduleShape.Lobulated l -> {
                m.put("semiAxesMm", new double[] {l.base().aMm(), l.base().bMm(), l.base().cMm()});
                m.put("lobeDirections", l.lobeDirections().stream().map(GroundTruthBuilder::arr).toList());
                m.put("lobeAmplitude", l.amplitude());
                m.put("lobeSharpness", l.sharpness());
                m.put("radiusFormula", "r(d) = r_ellipsoid(d) * (1 + lobeAmplitude * sum_j max(0, d . v_j)^lobeSharpness)");
            }
        }
        m.put("referenceVolumeMm3", s.volumeMm3());
        m.put("localToBaselineRotationRowMajor", n.orientation());
        return m;
    }

    static double[] arr(Vec3 v) {
        return new double[] {v.x(), v.y(), v.z()};
    }
}
