package org.noduletrack.nodule;

import org.noduletrack.nodule.matching.NoduleMatcher;
import org.noduletrack.nodule.measurement.LungMap;
import org.noduletrack.nodule.segmentation.NoduleSegmenter;
import org.noduletrack.nodule.registration.RigidRegistration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.nodule.model.NoduleType;
import org.noduletrack.nodule.model.SeriesRef;
import org.noduletrack.render.geom.Affine3;
import org.noduletrack.samples.truth.GroundTruth;

/**
 * Accuracy against the samples generator's exact ground truth (seed 1: baseline 2.5 mm slices, follow-up after 3 months
 * with 1.25 mm slices, rotation/translation and breathing deformation).
 */
class GeneratedPatientAccuracyTest {
    private static GeneratedPatientFixture f;
    private static GroundTruth gt;

    @BeforeAll
    static void generate() throws Exception {
        f = GeneratedPatientFixture.get();
        gt = f.patient.groundTruth();
    }

    private static Vec3 vec(double[] a) { return new Vec3(a[0], a[1], a[2]); }

    private static SeriesRef ref(GroundTruth.Timepoint tp) { return new SeriesRef(tp.seriesInstanceUid(), tp.frameOfReferenceUid()); }

    @Test
    void segmentationVolumeErrorBySizeClass() {
        NoduleSegmenter seg = new NoduleSegmenter();
        for (GroundTruth.Timepoint tp : gt.timepoints()) {
            for (GroundTruth.Nodule n : gt.nodules()) {
                GroundTruth.NoduleAtTimepoint t = n.timepoints().get(tp.index());
                if (!t.present()) continue;
                Measurement m = seg.segment(f.volumes.get(tp.index()), ref(tp), vec(t.centreMm())).measurement();
                double err = Math.abs(m.volumeMm3() / t.volumeMm3() - 1);
                String what = String.format(Locale.ROOT, "tp%d %s %s %s %.1f mm: %.1f vs %.1f mm3", tp.index(), n.id(), n.type(),
                        n.attachment(), t.volumeEquivalentDiameterMm(), m.volumeMm3(), t.volumeMm3());
                System.out.println(what + String.format(Locale.ROOT, " (%+.1f%%) %s", 100 * (m.volumeMm3() / t.volumeMm3() - 1), m.type()));
                if (n.attachment().equals("JUXTAVASCULAR")) {
                    // +7.4 % here (was +12.7 % before the shell clutter correction); seeds 1 and 7 at 3 timepoints:
                    // max 4.6 % (was 10.3 %), see SeedSweepTest
                    assertThat(err).as(what).isLessThan(t.volumeEquivalentDiameterMm() >= 6 ? 0.05 : 0.10);
                    continue;
                }
                if (n.attachment().equals("JUXTAPLEURAL")) {
                    assertThat(err).as(what).isLessThan(0.10); // +6.1 % / −3.0 % here; seeds 1 and 7 at 3 timepoints within ±9.5 %
                    continue;
                }
                assertThat(m.type().name()).as(what).isEqualTo(n.type());
                assertThat(m.centroidLps().distanceTo(vec(t.centreMm()))).as(what).isLessThan(n.shape().equals("LOBULATED") ? 2.5 : 0.7);
                if (t.volumeEquivalentDiameterMm() >= 6) {
                    assertThat(err).as(what).isLessThan(0.05);
                } else {
                    assertThat(err).as(what).isLessThan(0.10);
                }
            }
        }
    }

    @Test
    void rigidRegistrationAndLocalRefinement() {
        GroundTruth.Timepoint tp = gt.timepoints().get(1);
        RigidRegistration reg = new RigidRegistration();
        RigidRegistration.Result r = reg.register(f.volumes.get(0), f.volumes.get(1));
        RigidRegistration.Result again = reg.register(f.volumes.get(0), f.volumes.get(1));
        assertThat(again.fixedToMoving()).isEqualTo(r.fixedToMoving()); // deterministic

        double[] a = tp.currentToBaselineRigid().matrix4x4RowMajor();
        Affine3 truth = new Affine3(java.util.Arrays.copyOf(a, 12)).inverse(); // baseline -> current, rigid part
        var g = f.volumes.get(0).geometry();
        List<Double> errs = new ArrayList<>();
        for (int k = 0; k < g.extent().nz(); k += 8)
            for (int j = 0; j < g.extent().ny(); j += 32)
                for (int i = 0; i < g.extent().nx(); i += 32) {
                    if (f.volumes.get(0).modalityValue(i, j, k) <= -950) continue;
                    Vec3 x = g.voxelToLps(i, j, k);
                    errs.add(r.fixedToMoving().applyToPoint(x).distanceTo(truth.applyToPoint(x)));
                }
        double mean = errs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        System.out.printf(Locale.ROOT, "rigid-part target error mean %.2f mm over %d body points%n", mean, errs.size());
        assertThat(mean).isLessThan(1.0);

        for (GroundTruth.Nodule n : gt.nodules()) {
            Vec3 xb = vec(n.centreBaselineMm()), xc = vec(n.timepoints().get(1).centreMm());
            RigidRegistration.LocalMatch lm = reg.locate(f.volumes.get(0), f.volumes.get(1), xb, r.fixedToMoving());
            double e = lm.movingPointLps().distanceTo(xc);
            System.out.printf(Locale.ROOT, "%s local target error %.2f mm (global %.2f mm), ncc %.3f, sharpness %.3f, confidence %.2f%n",
                    n.id(), e, r.fixedToMoving().applyToPoint(xb).distanceTo(xc), lm.ncc(), lm.sharpness(), lm.confidence());
            assertThat(e).as(n.id()).isLessThan(2.0);
            assertThat(lm.fixedToMovingLocal().applyToPoint(xb)).isEqualTo(lm.movingPointLps());
            assertThat(lm.confidence()).as(n.id()).isGreaterThan(0.5);
            // the other direction: the current point back to the baseline
            RigidRegistration.LocalMatch back = reg.locate(f.volumes.get(1), f.volumes.get(0), xc, r.fixedToMoving().inverse());
            assertThat(back.movingPointLps().distanceTo(xb)).as(n.id() + " back").isLessThan(2.0);
        }
        // a box of outside air has nothing to match: no confidence, whatever the position
        Vec3 air = g.voxelToLps(2, 2, g.extent().nz() / 2);
        RigidRegistration.LocalMatch none = reg.locate(f.volumes.get(0), f.volumes.get(1), air, r.fixedToMoving());
        System.out.printf(Locale.ROOT, "outside air: ncc %.3f, sharpness %.3f, confidence %.2f%n", none.ncc(), none.sharpness(), none.confidence());
        assertThat(none.confidence()).isLessThan(0.2); // nodule boxes: 0.78-0.94
    }

    @Test
    void lungLocationIsTheSameOnBothScans() {
        // the scans differ by a rigid motion and breathing: a nodule keeps its side, and its place within the lung's
        // craniocaudal and medial-lateral extent moves little
        LungMap m0 = LungMap.of(f.volumes.get(0)), m1 = LungMap.of(f.volumes.get(1));
        for (GroundTruth.Nodule n : gt.nodules()) {
            if (!n.timepoints().get(0).present() || !n.timepoints().get(1).present()) continue;
            LungMap.Location a = m0.locate(vec(n.timepoints().get(0).centreMm())).orElseThrow();
            LungMap.Location b = m1.locate(vec(n.timepoints().get(1).centreMm())).orElseThrow();
            System.out.printf(Locale.ROOT, "%s %s: %s (apex %.2f, medial %.2f) / %s (apex %.2f, medial %.2f)%n", n.id(), n.attachment(),
                    a.describe(), a.fromApexFraction(), a.fromMedialFraction(), b.describe(), b.fromApexFraction(), b.fromMedialFraction());
            assertThat(b.side()).as(n.id()).isEqualTo(a.side());
            assertThat(b.fromApexFraction()).as(n.id()).isCloseTo(a.fromApexFraction(), org.assertj.core.api.Assertions.within(0.08));
            assertThat(b.fromMedialFraction()).as(n.id()).isCloseTo(a.fromMedialFraction(), org.assertj.core.api.Assertions.within(0.12));
        }
    }

    @Test
    void matchingAcrossDatesAndGrowthReport() {
        NoduleSegmenter seg = new NoduleSegmenter();
        List<Measurement> prior = new ArrayList<>(), current = new ArrayList<>();
        List<String> priorIds = new ArrayList<>(), currentIds = new ArrayList<>();
        for (GroundTruth.Nodule n : gt.nodules()) {
            for (int t = 0; t < 2; t++) {
                GroundTruth.NoduleAtTimepoint nt = n.timepoints().get(t);
                if (!nt.present()) continue;
                Measurement m = seg.segment(f.volumes.get(t), ref(gt.timepoints().get(t)), vec(nt.centreMm())).measurement();
                (t == 0 ? prior : current).add(m);
                (t == 0 ? priorIds : currentIds).add(n.id());
            }
        }
        RigidRegistration.Result r = new RigidRegistration().register(f.volumes.get(0), f.volumes.get(1));
        NoduleMatcher.Report report = new NoduleMatcher().match(prior, LocalDate.parse(gt.timepoints().get(0).studyDate()),
                current, LocalDate.parse(gt.timepoints().get(1).studyDate()), r.fixedToMoving());
        int matched = 0;
        for (NoduleMatcher.Pair p : report.pairs()) {
            if (p.priorIndex() >= 0 && p.currentIndex() >= 0) {
                assertThat(currentIds.get(p.currentIndex())).isEqualTo(priorIds.get(p.priorIndex()));
                matched++;
            } else if (p.currentIndex() >= 0) {
                assertThat(p.status()).isEqualTo(NoduleMatcher.Status.NEW);
                String id = currentIds.get(p.currentIndex());
                assertThat(gt.nodules().stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow().timepoints().get(0).present()).isFalse();
            }
        }
        assertThat(matched).isEqualTo(priorIds.size());
        // the resolving nodule shrinks a lot between baseline and the first follow-up
        for (NoduleMatcher.Pair p : report.pairs()) {
            if (p.priorIndex() >= 0 && p.currentIndex() >= 0) {
                String id = priorIds.get(p.priorIndex());
                GroundTruth.Nodule n = gt.nodules().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
                double trueRatio = n.timepoints().get(1).volumeMm3() / n.timepoints().get(0).volumeMm3();
                if (trueRatio < 0.7) assertThat(p.status()).isEqualTo(NoduleMatcher.Status.SHRINKING);
                if (trueRatio > 0.95 && trueRatio < 1.05 && n.type().equals("GROUND_GLASS")) {
                    assertThat(p.status()).isEqualTo(NoduleMatcher.Status.STABLE);
                }
            }
        }
        assertThat(prior.getFirst().type()).isIn((Object[]) NoduleType.values());
    }
}
