package org.noduletrack.app.cli.nodules;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.growth.GrowthAnalyzer;
import org.noduletrack.nodule.matching.NoduleMatcher;
import org.noduletrack.nodule.segmentation.NoduleSegmenter;
import org.noduletrack.nodule.registration.RigidRegistration;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.render.geom.Affine3;
import org.noduletrack.samples.truth.GroundTruth;

/** The measurements of {@code bench nodules} against a generated patient's ground truth. */
public final class NoduleBench {
    private final int threads;
    private final PrintWriter log;

    public NoduleBench(int threads, PrintWriter log) {
        this.threads = threads;
        this.log = log;
    }

    private static Vec3 vec(double[] a) { return new Vec3(a[0], a[1], a[2]); }

    private static Map<String, Object> stats(List<Double> v) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("n", v.size());
        if (v.isEmpty()) return r;
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        r.put("mean", CliSupport.round(Arrays.stream(s).average().orElseThrow(), 3));
        r.put("median", CliSupport.round(s[s.length / 2], 3));
        r.put("p95", CliSupport.round(s[Math.min(s.length - 1, (int) Math.ceil(0.95 * s.length) - 1)], 3));
        r.put("max", CliSupport.round(s[s.length - 1], 3));
        return r;
    }

    public Map<String, Object> run(GroundTruth truth, List<Path> seriesDirs) throws Exception {
        List<SeriesVolume> vols = new ArrayList<>();
        try {
            for (Path d : seriesDirs) {
                vols.add(SeriesVolume.load(d, threads));
            }
            RigidRegistration reg = new RigidRegistration();
            NoduleSegmenter seg = new NoduleSegmenter();
            GrowthAnalyzer growth = new GrowthAnalyzer();
            List<Double> regSeconds = new ArrayList<>(), rigidErr = new ArrayList<>(), localErr = new ArrayList<>(),
                    globalNoduleErr = new ArrayList<>(), segMs = new ArrayList<>(), vdtErr = new ArrayList<>();
            Map<String, List<Double>> volErr = new LinkedHashMap<>();
            for (String k : List.of("4-6mm", "6-8mm", "8mm+")) volErr.put(k, new ArrayList<>());
            Map<String, List<Double>> volErrByAttachment = new LinkedHashMap<>();
            int typeCorrect = 0, typeTotal = 0, truePairs = 0, correctPairs = 0, wrongPairs = 0;
            List<Map<String, Object>> perNodule = new ArrayList<>();

            // segmentation at the true centres of every present nodule
            List<Map<Integer, Measurement>> measured = new ArrayList<>();
            for (GroundTruth.Timepoint tp : truth.timepoints()) {
                Map<Integer, Measurement> atTp = new LinkedHashMap<>();
                for (int ni = 0; ni < truth.nodules().size(); ni++) {
                    GroundTruth.Nodule n = truth.nodules().get(ni);
                    GroundTruth.NoduleAtTimepoint t = n.timepoints().get(tp.index());
                    if (!t.present()) continue;
                    long t0 = System.nanoTime();
                    Measurement m;
                    try {
                        m = seg.segment(vols.get(tp.index()).volume(), vols.get(tp.index()).ref(), vec(t.centreMm())).measurement();
                    } catch (IllegalArgumentException e) {
                        log.println("tp" + tp.index() + " " + n.id() + ": segmentation failed: " + e.getMessage());
                        continue;
                    }
                    segMs.add((System.nanoTime() - t0) / 1e6);
                    atTp.put(ni, m);
                    double err = m.volumeMm3() / t.volumeMm3() - 1;
                    double d = t.volumeEquivalentDiameterMm();
                    volErr.get(d < 6 ? "4-6mm" : d < 8 ? "6-8mm" : "8mm+").add(Math.abs(err) * 100);
                    volErrByAttachment.computeIfAbsent(n.attachment(), k -> new ArrayList<>()).add(Math.abs(err) * 100);
                    typeTotal++;
                    if (m.type().name().equals(n.type())) typeCorrect++;
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("timepoint", tp.index());
                    row.put("nodule", n.id());
                    row.put("type", n.type());
                    row.put("measured_type", m.type().name());
                    row.put("attachment", n.attachment());
                    row.put("true_volume_mm3", CliSupport.round(t.volumeMm3(), 1));
                    row.put("volume_mm3", CliSupport.round(m.volumeMm3(), 1));
                    row.put("volume_error_percent", CliSupport.round(err * 100, 2));
                    row.put("true_long_short_mm", List.of(CliSupport.round(t.axialLongAxisMm(), 2), CliSupport.round(t.axialShortAxisMm(), 2)));
                    row.put("long_short_mm", List.of(CliSupport.round(m.longAxisMm(), 2), CliSupport.round(m.shortAxisMm(), 2)));
                    perNodule.add(row);
                }
                measured.add(atTp);
            }

            // registration of every follow-up to the baseline
            GroundTruth.Timepoint base = truth.timepoints().getFirst();
            var fixed = vols.getFirst().volume();
            for (int t = 1; t < truth.timepoints().size(); t++) {
                GroundTruth.Timepoint tp = truth.timepoints().get(t);
                var moving = vols.get(t).volume();
                long t0 = System.nanoTime();
                RigidRegistration.Result r = reg.register(fixed, moving);
                regSeconds.add((System.nanoTime() - t0) / 1e9);
                log.printf("registered tp%d in %.2f s%n", t, regSeconds.getLast());
                log.flush();
                Affine3 rigidTruth = new Affine3(Arrays.copyOf(tp.currentToBaselineRigid().matrix4x4RowMajor(), 12)).inverse();
                var g = fixed.geometry();
                for (int k = 0; k < g.extent().nz(); k += 8)
                    for (int j = 0; j < g.extent().ny(); j += 32)
                        for (int i = 0; i < g.extent().nx(); i += 32) {
                            if (fixed.modalityValue(i, j, k) <= -950) continue;
                            Vec3 x = g.voxelToLps(i, j, k);
                            rigidErr.add(r.fixedToMoving().applyToPoint(x).distanceTo(rigidTruth.applyToPoint(x)));
                        }
                for (GroundTruth.Nodule n : truth.nodules()) {
                    if (!n.timepoints().get(t).present()) continue;
                    Vec3 xb = vec(n.centreBaselineMm()), xc = vec(n.timepoints().get(t).centreMm());
                    globalNoduleErr.add(r.fixedToMoving().applyToPoint(xb).distanceTo(xc));
                    Affine3 local = reg.refineLocal(fixed, moving, xb, r.fixedToMoving()).fixedToMoving();
                    localErr.add(local.applyToPoint(xb).distanceTo(xc));
                }
                // matching baseline -> this follow-up
                List<Integer> pi = new ArrayList<>(measured.get(0).keySet()), ci = new ArrayList<>(measured.get(t).keySet());
                NoduleMatcher.Report rep = new NoduleMatcher().match(
                        pi.stream().map(measured.get(0)::get).toList(), LocalDate.parse(base.studyDate()),
                        ci.stream().map(measured.get(t)::get).toList(), LocalDate.parse(tp.studyDate()), r.fixedToMoving());
                for (int x : pi) if (measured.get(t).containsKey(x)) truePairs++;
                for (NoduleMatcher.Pair p : rep.pairs()) {
                    if (p.priorIndex() < 0 || p.currentIndex() < 0) continue;
                    if (pi.get(p.priorIndex()).equals(ci.get(p.currentIndex()))) {
                        correctPairs++;
                        GroundTruth.Nodule n = truth.nodules().get(pi.get(p.priorIndex()));
                        double v1 = n.timepoints().get(0).volumeMm3(), v2 = n.timepoints().get(t).volumeMm3();
                        long days = tp.daysFromBaseline();
                        if (v2 / v1 >= 1.25 && p.growth().isPresent() && p.growth().get().vdtDays().isPresent()) {
                            double trueVdt = GrowthAnalyzer.vdtDays(v1, v2, days);
                            vdtErr.add(Math.abs(p.growth().get().vdtDays().getAsDouble() / trueVdt - 1) * 100);
                        }
                    } else {
                        wrongPairs++;
                    }
                }
            }
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("benchmark", "nodules");
            r.put("patient", Map.of("seed", truth.generator().seed(), "timepoints", truth.timepoints().size(),
                    "nodules", truth.nodules().size()));
            r.put("jdk", Runtime.version().toString());
            r.put("cores", Runtime.getRuntime().availableProcessors());
            r.put("registration_seconds", stats(regSeconds));
            r.put("registration_rigid_target_error_mm", stats(rigidErr));
            r.put("registration_error_at_nodules_global_mm", stats(globalNoduleErr));
            r.put("registration_error_at_nodules_local_mm", stats(localErr));
            r.put("match_rate", truePairs == 0 ? null : CliSupport.round((double) correctPairs / truePairs, 4));
            r.put("wrong_matches", wrongPairs);
            Map<String, Object> ve = new LinkedHashMap<>();
            volErr.forEach((k, v) -> ve.put(k, stats(v)));
            r.put("volume_abs_error_percent_by_size", ve);
            Map<String, Object> va = new LinkedHashMap<>();
            volErrByAttachment.forEach((k, v) -> va.put(k, stats(v)));
            r.put("volume_abs_error_percent_by_attachment", va);
            r.put("type_accuracy", typeTotal == 0 ? null : CliSupport.round((double) typeCorrect / typeTotal, 4));
            r.put("vdt_abs_error_percent", stats(vdtErr));
            r.put("segmentation_ms_per_click", stats(segMs));
            r.put("per_nodule", perNodule);
            return r;
        } finally {
            vols.forEach(SeriesVolume::close);
        }
    }
}
