package org.noduletrack.app.cli.nodules;

import java.io.PrintWriter;
import java.nio.file.Files;
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
import org.noduletrack.nodule.measurement.LungMap;
import org.noduletrack.nodule.reference.ElastixRigid;
import org.noduletrack.nodule.segmentation.NoduleClick;
import org.noduletrack.nodule.segmentation.NoduleSegmenter;
import org.noduletrack.nodule.registration.RigidRegistration;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.render.geom.Affine3;
import org.noduletrack.samples.truth.GroundTruth;

/** The measurements of {@code bench nodules} against a generated patient's ground truth. */
public final class NoduleBench {
    private final int threads;
    private final PrintWriter log;
    private final boolean elastix;

    public NoduleBench(int threads, PrintWriter log) {
        this(threads, log, true);
    }

    /** @param elastix also run elastix (when on the PATH) on each pair as the registration reference */
    public NoduleBench(int threads, PrintWriter log, boolean elastix) {
        this.threads = threads;
        this.log = log;
        this.elastix = elastix;
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
            List<Double> correctionMs = new ArrayList<>(), lungMapMs = new ArrayList<>(), segCpuMs = new ArrayList<>(),
                    regCpuSeconds = new ArrayList<>(), correctionCpuMs = new ArrayList<>();
            // single-threaded work: its thread CPU time is what it would take on an idle core, whatever else runs
            var cpu = java.lang.management.ManagementFactory.getThreadMXBean();
            int correctionNotMonotone = 0;
            List<LungMap> lungMaps = new ArrayList<>();
            for (SeriesVolume v : vols) {
                long t0 = System.nanoTime();
                lungMaps.add(LungMap.of(v.volume()));
                lungMapMs.add((System.nanoTime() - t0) / 1e6);
            }
            for (GroundTruth.Timepoint tp : truth.timepoints()) {
                Map<Integer, Measurement> atTp = new LinkedHashMap<>();
                for (int ni = 0; ni < truth.nodules().size(); ni++) {
                    GroundTruth.Nodule n = truth.nodules().get(ni);
                    GroundTruth.NoduleAtTimepoint t = n.timepoints().get(tp.index());
                    if (!t.present()) continue;
                    long t0 = System.nanoTime(), c0 = cpu.getCurrentThreadCpuTime();
                    Measurement m;
                    NoduleClick click;
                    try {
                        click = seg.prepare(vols.get(tp.index()).volume(), vols.get(tp.index()).ref(), vec(t.centreMm()));
                        m = click.segment().measurement();
                    } catch (IllegalArgumentException e) {
                        log.println("tp" + tp.index() + " " + n.id() + ": segmentation failed: " + e.getMessage());
                        continue;
                    }
                    segMs.add((System.nanoTime() - t0) / 1e6);
                    segCpuMs.add((cpu.getCurrentThreadCpuTime() - c0) / 1e6);
                    // a user correction: the boundary 50 HU lower, then 50 HU higher, on the same click
                    double auto = click.automaticThresholdHu();
                    long t1 = System.nanoTime(), c1 = cpu.getCurrentThreadCpuTime();
                    double lower = click.segment(auto - 50).measurement().volumeMm3();
                    double higher = click.segment(auto + 50).measurement().volumeMm3();
                    correctionMs.add((System.nanoTime() - t1) / 2e6);
                    correctionCpuMs.add((cpu.getCurrentThreadCpuTime() - c1) / 2e6);
                    if (!(lower >= m.volumeMm3() && m.volumeMm3() >= higher)) correctionNotMonotone++;
                    LungMap.Location loc = lungMaps.get(tp.index()).locate(m.centroidLps()).orElse(null);
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
                    row.put("correction_volumes_mm3_minus50_auto_plus50", List.of(CliSupport.round(lower, 1),
                            CliSupport.round(m.volumeMm3(), 1), CliSupport.round(higher, 1)));
                    row.put("location", loc == null ? null : loc.describe());
                    perNodule.add(row);
                }
                measured.add(atTp);
            }

            // registration of every follow-up to the baseline; elastix on the same pairs and points when installed
            var elastixTool = elastix ? ElastixRigid.fromPath(threads) : java.util.Optional.<ElastixRigid>empty();
            List<Double> elastixSeconds = new ArrayList<>(), elastixExportSeconds = new ArrayList<>(), elastixRigidErr = new ArrayList<>(),
                    elastixNoduleErr = new ArrayList<>(), localMs = new ArrayList<>(), localConfidence = new ArrayList<>();
            String elastixVersion = null;
            GroundTruth.Timepoint base = truth.timepoints().getFirst();
            var fixed = vols.getFirst().volume();
            for (int t = 1; t < truth.timepoints().size(); t++) {
                GroundTruth.Timepoint tp = truth.timepoints().get(t);
                var moving = vols.get(t).volume();
                long t0 = System.nanoTime(), c0 = cpu.getCurrentThreadCpuTime();
                RigidRegistration.Result r = reg.register(fixed, moving);
                regSeconds.add((System.nanoTime() - t0) / 1e9);
                regCpuSeconds.add((cpu.getCurrentThreadCpuTime() - c0) / 1e9);
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
                List<Vec3> bodyPoints = new ArrayList<>(), noduleBase = new ArrayList<>(), noduleNow = new ArrayList<>();
                for (int k = 0; k < g.extent().nz(); k += 8)
                    for (int j = 0; j < g.extent().ny(); j += 32)
                        for (int i = 0; i < g.extent().nx(); i += 32) {
                            if (fixed.modalityValue(i, j, k) > -950) bodyPoints.add(g.voxelToLps(i, j, k));
                        }
                for (GroundTruth.Nodule n : truth.nodules()) {
                    if (!n.timepoints().get(t).present()) continue;
                    Vec3 xb = vec(n.centreBaselineMm()), xc = vec(n.timepoints().get(t).centreMm());
                    noduleBase.add(xb);
                    noduleNow.add(xc);
                    globalNoduleErr.add(r.fixedToMoving().applyToPoint(xb).distanceTo(xc));
                    long t1 = System.nanoTime();
                    RigidRegistration.LocalMatch lm = reg.locate(fixed, moving, xb, r.fixedToMoving());
                    localMs.add((System.nanoTime() - t1) / 1e6);
                    localErr.add(lm.movingPointLps().distanceTo(xc));
                    localConfidence.add(lm.confidence());
                }
                if (elastixTool.isPresent()) {
                    List<Vec3> pts = new ArrayList<>(bodyPoints);
                    pts.addAll(noduleBase);
                    log.printf("elastix on tp0 -> tp%d ...%n", t);
                    log.flush();
                    Path work = Files.createTempDirectory("bench-elastix");
                    try {
                        ElastixRigid.Run er = elastixTool.get().register(fixed, moving, pts, work);
                        elastixVersion = er.version();
                        elastixSeconds.add(er.registrationSeconds());
                        elastixExportSeconds.add(er.exportSeconds());
                        for (int q = 0; q < bodyPoints.size(); q++) {
                            elastixRigidErr.add(er.movingPointsLps().get(q).distanceTo(rigidTruth.applyToPoint(bodyPoints.get(q))));
                        }
                        for (int q = 0; q < noduleBase.size(); q++) {
                            elastixNoduleErr.add(er.movingPointsLps().get(bodyPoints.size() + q).distanceTo(noduleNow.get(q)));
                        }
                        log.printf("elastix tp%d: %.1f s%n", t, er.registrationSeconds());
                    } finally {
                        try (var w = Files.walk(work)) {
                            w.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                        }
                    }
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
            r.put("registration_cpu_seconds", stats(regCpuSeconds));
            r.put("load_average_at_end", CliSupport.round(java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage(), 2));
            r.put("registration_rigid_target_error_mm", stats(rigidErr));
            r.put("registration_error_at_nodules_global_mm", stats(globalNoduleErr));
            r.put("registration_error_at_nodules_local_mm", stats(localErr));
            r.put("local_refinement_ms", stats(localMs));
            r.put("local_refinement_confidence", stats(localConfidence));
            Map<String, Object> ex = new LinkedHashMap<>();
            if (elastixTool.isEmpty()) {
                ex.put("available", false);
            } else {
                ex.put("available", true);
                ex.put("version", elastixVersion);
                ex.put("setup", "EulerTransform, AdvancedMattesMutualInformation, 4 resolutions, ASGD 500 iterations, 4096 random"
                        + " samples, CenterOfGravity initialisation, " + threads + " threads; points mapped with transformix");
                ex.put("registration_seconds", stats(elastixSeconds));
                ex.put("metaimage_export_seconds", stats(elastixExportSeconds));
                ex.put("rigid_target_error_mm", stats(elastixRigidErr));
                ex.put("error_at_nodules_mm", stats(elastixNoduleErr));
                double ours = regSeconds.stream().mapToDouble(Double::doubleValue).sum();
                double theirs = elastixSeconds.stream().mapToDouble(Double::doubleValue).sum();
                ex.put("time_ratio_elastix_over_ours", CliSupport.round(theirs / ours, 2));
            }
            r.put("elastix_reference", ex);
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
            r.put("segmentation_cpu_ms_per_click", stats(segCpuMs));
            r.put("correction_ms_per_rerun", stats(correctionMs));
            r.put("correction_cpu_ms_per_rerun", stats(correctionCpuMs));
            r.put("correction_not_monotone", correctionNotMonotone);
            r.put("lung_map_ms_per_series", stats(lungMapMs));
            r.put("per_nodule", perNodule);
            return r;
        } finally {
            vols.forEach(SeriesVolume::close);
        }
    }
}
