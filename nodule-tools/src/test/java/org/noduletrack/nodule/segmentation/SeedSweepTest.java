package org.noduletrack.nodule.segmentation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.nodule.model.SeriesRef;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.VolumeAssembler;
import org.noduletrack.samples.generator.DemoPatientGenerator;
import org.noduletrack.samples.truth.GroundTruth;
import org.noduletrack.samples.truth.GroundTruthJson;

/**
 * Tuning aid, off by default. {@code -Dnoduletrack.sweep=1:2,1,7} segments every nodule of generated patients (seed[:timepoints],
 * default 3 timepoints; cached under {@code java.io.tmpdir/noduletrack-sweep}) and prints the volume error per nodule
 * and per attachment class; {@code -Dnoduletrack.sweep.params="a=1,b=2;a=2"} runs each parameter variant (components
 * of {@link SegmentationParams} overriding the defaults).
 */
@EnabledIfSystemProperty(named = "noduletrack.sweep", matches = ".+")
class SeedSweepTest {
    static SegmentationParams params(String spec) throws Exception {
        var comps = SegmentationParams.class.getRecordComponents();
        Object[] vals = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            vals[i] = comps[i].getAccessor().invoke(SegmentationParams.DEFAULTS);
            types[i] = comps[i].getType();
        }
        for (String kv : spec.split(",")) {
            if (kv.isBlank()) continue;
            String[] a = kv.split("=");
            boolean found = false;
            for (int i = 0; i < comps.length; i++) {
                if (comps[i].getName().equals(a[0].strip())) {
                    vals[i] = types[i] == boolean.class ? (Object) Boolean.parseBoolean(a[1]) : (Object) Double.parseDouble(a[1]);
                    found = true;
                }
            }
            if (!found) throw new IllegalArgumentException("no parameter " + a[0]);
        }
        return SegmentationParams.class.getDeclaredConstructor(types).newInstance(vals);
    }

    record Case(String patient, GroundTruth gt, GroundTruth.Timepoint tp, ShortVolume v) {}

    @Test
    void sweep() throws Exception {
        List<Case> cases = new ArrayList<>();
        VolumeAssembler asm = new VolumeAssembler(new PixelDataReader(CodecRegistry.standard()), 8);
        for (String s : System.getProperty("noduletrack.sweep").split(",")) {
            String[] st = s.strip().split(":");
            long seed = Long.parseLong(st[0]);
            int tps = st.length > 1 ? Integer.parseInt(st[1]) : 3;
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "noduletrack-sweep", "seed" + seed + "-tp" + tps);
            if (!Files.exists(dir.resolve("ground-truth.json"))) {
                Files.createDirectories(dir);
                DemoPatientGenerator.fromBundledSample().generate(dir, seed, tps);
            }
            GroundTruth gt = new GroundTruthJson().read(dir.resolve("ground-truth.json"));
            for (GroundTruth.Timepoint tp : gt.timepoints()) {
                cases.add(new Case(seed + ":" + tps, gt, tp,
                        asm.load(asm.plan(asm.scan(dir.resolve(tp.directory())).largestStack("CT").orElseThrow()))));
            }
        }
        for (String spec : System.getProperty("noduletrack.sweep.params", "").split(";", -1)) {
            NoduleSegmenter seg = new NoduleSegmenter(params(spec));
            System.out.println("== params [" + spec + "]");
            Map<String, double[]> byClass = new LinkedHashMap<>();
            for (Case cs : cases) {
                SeriesRef ref = new SeriesRef(cs.tp().seriesInstanceUid(), cs.tp().frameOfReferenceUid());
                for (GroundTruth.Nodule n : cs.gt().nodules()) {
                    GroundTruth.NoduleAtTimepoint t = n.timepoints().get(cs.tp().index());
                    if (!t.present()) continue;
                    double[] c = t.centreMm();
                    Segmentation sg = seg.segment(cs.v(), ref, new Vec3(c[0], c[1], c[2]));
                    Measurement m = sg.measurement();
                    double err = 100 * (m.volumeMm3() / t.volumeMm3() - 1);
                    if (!n.attachment().equals("INTRAPARENCHYMAL") || Math.abs(err) > 5) {
                        System.out.printf(Locale.ROOT, "%s tp%d %s %-12s %-16s %5.1f mm %.2fmm slices: %7.1f vs %7.1f mm3 %+6.1f%% open %.2f rEst %.2f%n",
                                cs.patient(), cs.tp().index(), n.id(), n.type(), n.attachment(), t.volumeEquivalentDiameterMm(),
                                cs.v().geometry().spacingMm().z(), m.volumeMm3(), t.volumeMm3(), err, sg.openingMm(), sg.radiusEstimateMm());
                    }
                    double[] acc = byClass.computeIfAbsent(cs.patient() + " " + n.attachment(), k -> new double[3]);
                    acc[0] += Math.abs(err);
                    acc[1] = Math.max(acc[1], Math.abs(err));
                    acc[2]++;
                }
            }
            byClass.forEach((k, a) -> System.out.printf(Locale.ROOT, "  %-28s mean |err| %.1f%%  max %.1f%%  n=%d%n", k, a[0] / a[2], a[1], (int) a[2]));
        }
        cases.forEach(c -> c.v().close());
    }
}
