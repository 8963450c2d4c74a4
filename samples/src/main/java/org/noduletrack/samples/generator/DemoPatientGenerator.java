package org.noduletrack.samples.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.noduletrack.dicom.data.UidGenerator;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.samples.SampleCatalog;
import org.noduletrack.samples.truth.GroundTruth;
import org.noduletrack.samples.truth.GroundTruthJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a synthetic longitudinal patient from a real CT: K studies months apart, each a rigidly moved and
 * breathing-deformed copy of the source anatomy (different slice thickness and blur allowed) with synthetic nodules
 * following known growth laws and CT-like noise, plus exact ground truth. Deterministic for a seed: the plan is drawn
 * from one random stream in a fixed order, and every slice's noise from its own (seed, timepoint, slice) stream.
 *
 * <p>This is the API the {@code noduletrack demo} command and the nodule-tools accuracy benchmark call.
 */
public final class DemoPatientGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(DemoPatientGenerator.class);

    private final SourceCt source;
    private final String attribution;

    public DemoPatientGenerator(SourceCt source, String attribution) {
        this.source = source;
        this.attribution = attribution;
    }

    /** A generator over the bundled LIDC-IDRI-0001 series. */
    public static DemoPatientGenerator fromBundledSample() throws IOException {
        SampleCatalog catalog = SampleCatalog.bundled();
        return new DemoPatientGenerator(SourceCt.bundled(catalog), catalog.attributionText());
    }

    public SourceCt source() { return source; }

    /** Generates with {@link GeneratorOptions#defaults}; see {@link #generate(Path, GeneratorOptions)}. */
    public GeneratedPatient generate(Path outDir, long seed, int timepoints) throws IOException {
        return generate(outDir, GeneratorOptions.defaults(seed, timepoints));
    }

    /**
     * Writes {@code outDir/tpN-YYYYMMDD/CT#####.dcm} per timepoint, {@code outDir/ground-truth.json} and
     * {@code outDir/ATTRIBUTION.txt}.
     */
    public GeneratedPatient generate(Path outDir, GeneratorOptions options) throws IOException {
        PatientPlan plan = plan(options);
        Files.createDirectories(outDir);
        CtSeriesWriter writer = new CtSeriesWriter(options.codec(), source.attributes());
        List<Path> dirs = new ArrayList<>();
        for (PatientPlan.TimepointPlan tp : plan.timepoints()) {
            long t0 = System.nanoTime();
            Path dir = outDir.resolve(tp.directoryName());
            Files.createDirectories(dir);
            List<PlacedNodule> placed = plan.placedAt(tp.index());
            NoduleRenderer renderer = new NoduleRenderer(options.supersampleStepMm());
            Resampler resampler = new Resampler(source.volume(), tp.transform());
            try {
                IntStream.range(0, tp.grid().nz()).parallel().forEach(k -> {
                    float[] slice = renderSlice(plan, tp, k, placed, renderer, resampler, true);
                    try {
                        writer.write(dir.resolve(String.format("CT%05d.dcm", k + 1)), tp.series(), tp.grid(), k, slice,
                                tp.blurSigmaMm());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            dirs.add(dir);
            LOG.info("timepoint {}: {} slices in {} ms", tp.index(), tp.grid().nz(), (System.nanoTime() - t0) / 1_000_000);
        }
        GroundTruth truth = new GroundTruthBuilder(source, attribution).build(plan);
        Path json = outDir.resolve("ground-truth.json");
        Files.writeString(json, new GroundTruthJson().write(truth));
        Files.writeString(outDir.resolve("ATTRIBUTION.txt"), attribution);
        return new GeneratedPatient(outDir, dirs, json, truth);
    }

    /** One slice of a timepoint in HU: resampled anatomy, nodules, then (if asked) blur and noise. */
    public float[] renderSlice(PatientPlan plan, PatientPlan.TimepointPlan tp, int k, List<PlacedNodule> placed,
                               NoduleRenderer renderer, Resampler resampler, boolean blurAndNoise) {
        VoxelGrid g = tp.grid();
        float[] slice = resampler.slice(g, k);
        renderer.render(slice, g, k, placed);
        if (blurAndNoise) {
            SliceFilters.gaussianBlur(slice, g.nx(), g.ny(), tp.blurSigmaMm() / g.spacingXMm(), tp.blurSigmaMm() / g.spacingYMm());
            long seed = plan.options().seed() * 0x9E3779B97F4A7C15L + tp.index() * 1_000_003L + k;
            SliceFilters.addNoise(slice, g.nx(), g.ny(), tp.noiseSigmaHu(), seed);
        }
        return slice;
    }

    /** Draws the whole patient (dates, motion, nodules) from the seed. */
    public PatientPlan plan(GeneratorOptions o) {
        SplittableRandom rnd = new SplittableRandom(o.seed());
        VoxelGrid src = source.volume().grid();
        LocalDate baseline = LocalDate.of(2019, 1, 7).plusDays(rnd.nextInt(700));
        int age = o.screening() ? 55 + rnd.nextInt(20) : 40 + rnd.nextInt(35);
        boolean highRisk = o.screening() || rnd.nextBoolean();
        LocalDate birth = baseline.minusYears(age).minusDays(1 + rnd.nextInt(300));
        String sex = rnd.nextBoolean() ? "F" : "M";
        String patientId = "NTDEMO-" + Long.toUnsignedString(o.seed());
        String patientName = "DEMO^PATIENT " + Long.toUnsignedString(o.seed());
        Vec3 centre = src.centreLps();
        double diaphragmZ = diaphragmZ();
        int[] intervals = {3, 6, 12};
        List<PatientPlan.TimepointPlan> tps = new ArrayList<>();
        LocalDate date = baseline;
        for (int t = 0; t < o.timepoints(); t++) {
            if (t > 0) {
                date = date.plusMonths(intervals[rnd.nextInt(intervals.length)]);
            }
            double[] rot = {0, 0, 0};
            Vec3 trans = Vec3.ZERO;
            BreathingDeformation def = BreathingDeformation.none();
            double thickness = src.spacingZMm();
            double blur = 0;
            double noise = o.noiseSigmaHu() * (0.6 + 0.4 * rnd.nextDouble());
            if (t > 0) {
                rot = new double[] {sym(rnd, o.maxRotationDeg()), sym(rnd, o.maxRotationDeg()), sym(rnd, o.maxRotationDeg())};
                trans = new Vec3(sym(rnd, o.maxTranslationMm()), sym(rnd, o.maxTranslationMm()), sym(rnd, o.maxTranslationMm()));
                double si = (2 + 4 * rnd.nextDouble()) * (rnd.nextBoolean() ? 1 : -1);
                double ap = (0.5 + 1.5 * rnd.nextDouble()) * Math.signum(si);
                if (o.deform()) {
                    def = new BreathingDeformation(si, ap, diaphragmZ, 60);
                }
                double[] choices = o.sliceThicknessChoicesMm();
                thickness = choices[rnd.nextInt(choices.length)];
                blur = o.maxBlurSigmaMm() * rnd.nextDouble();
            }
            Rigid3 rigid = Rigid3.aboutCentre(rot[0], rot[1], rot[2], centre, trans);
            double zExtent = (src.nz() - 1) * src.spacingZMm();
            int nz = (int) Math.floor(zExtent / thickness + 1e-9) + 1;
            VoxelGrid grid = new VoxelGrid(src.nx(), src.ny(), nz, src.originLps(), src.spacingXMm(), src.spacingYMm(), thickness);
            String key = "noduletrack-samples/" + o.seed() + "/tp" + t + "/";
            String seriesUid = UidGenerator.fromName(key + "series");
            SeriesInfo info = new SeriesInfo(patientId, patientName, birth, sex, UidGenerator.fromName(key + "study"),
                    seriesUid, UidGenerator.fromName(key + "frame-of-reference"), date,
                    String.format("NT%08d", Math.floorMod(o.seed() * 31 + t, 100_000_000L)), 1,
                    String.format("CT chest %.2f mm (synthetic)", thickness), thickness, seriesUid);
            tps.add(new PatientPlan.TimepointPlan(t, date, java.time.temporal.ChronoUnit.DAYS.between(baseline, date), grid,
                    new TimepointTransform(rigid, def), rot, trans, centre, blur, noise, info));
        }
        List<NoduleSpec> nodules = placeNodules(o, rnd, tps);
        return new PatientPlan(o, patientId, patientName, birth, sex, age, highRisk, tps, nodules);
    }

    private static double sym(SplittableRandom rnd, double max) {
        return max * (2 * rnd.nextDouble() - 1);
    }

    /** Lowest z (LPS, superior +) where the lungs still fill 15 % of their largest axial area, plus 20 mm: the dome. */
    double diaphragmZ() {
        CtVolume v = source.volume();
        VoxelGrid g = v.grid();
        int[] area = new int[g.nz()];
        int max = 0;
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j += 4) {
                for (int i = 0; i < g.nx(); i += 4) {
                    int hu = v.hu(i, j, k);
                    if (hu > SiteFinder.LUNG_MIN_HU && hu < SiteFinder.LUNG_MAX_HU) {
                        area[k]++;
                    }
                }
            }
            max = Math.max(max, area[k]);
        }
        for (int k = 0; k < g.nz(); k++) {
            if (area[k] > 0.15 * max) {
                return g.ijkToLps(0, 0, k).z() + 20;
            }
        }
        return g.originLps().z();
    }

    /** The nodule recipe: a fixed list of kinds (so every patient exercises every case), parameters drawn per seed. */
    private List<NoduleSpec> placeNodules(GeneratorOptions o, SplittableRandom rnd, List<PatientPlan.TimepointPlan> tps) {
        int k = tps.size();
        double lastDay = tps.getLast().daysFromBaseline();
        List<NoduleSpec> out = new ArrayList<>();
        List<Vec3> taken = new ArrayList<>();
        List<Double> radii = new ArrayList<>();
        SiteFinder finder = new SiteFinder(source.volume());
        record Recipe(NoduleType type, String shape, Attachment attachment, GrowthLaw.Kind law, double dMin, double dMax) {}
        List<Recipe> recipes = List.of(
                new Recipe(NoduleType.SOLID, "sphere", Attachment.INTRAPARENCHYMAL, GrowthLaw.Kind.GROWING, 5, 8),
                new Recipe(NoduleType.SOLID, "lobulated", Attachment.INTRAPARENCHYMAL, GrowthLaw.Kind.GROWING, 8, 12),
                new Recipe(NoduleType.PART_SOLID, "ellipsoid", Attachment.INTRAPARENCHYMAL, GrowthLaw.Kind.GROWING, 10, 15),
                new Recipe(NoduleType.GROUND_GLASS, "ellipsoid", Attachment.INTRAPARENCHYMAL, GrowthLaw.Kind.STABLE, 8, 14),
                new Recipe(NoduleType.SOLID, "ellipsoid", Attachment.JUXTAPLEURAL, GrowthLaw.Kind.STABLE, 5, 9),
                new Recipe(NoduleType.SOLID, "sphere", Attachment.JUXTAVASCULAR, GrowthLaw.Kind.NEW, 5, 7),
                new Recipe(NoduleType.SOLID, "sphere", Attachment.INTRAPARENCHYMAL, GrowthLaw.Kind.RESOLVING, 7, 10));
        int id = 1;
        for (Recipe r : recipes) {
            double d0 = r.dMin() + (r.dMax() - r.dMin()) * rnd.nextDouble();
            GrowthLaw law = growthLaw(r.law(), k, tps, d0, rnd);
            NoduleShape shape = shape(r.shape(), d0 / 2, r.type(), rnd);
            // scale so the body's volume-equivalent diameter is d0 at the law's reference date
            double s0 = d0 / 2 / Math.cbrt(shape.volumeMm3() * 3 / (4 * Math.PI));
            shape = scaled(shape, s0);
            double maxScale = Math.max(1, Math.cbrt(law.volumeFactor(lastDay)));
            double bound = shape.maxRadius() * maxScale;
            double[] orientation = r.shape().equals("sphere") ? Rigid3.rotationZyx(0, 0, 0)
                    : Rigid3.rotationZyx(sym(rnd, 180), sym(rnd, 90), sym(rnd, 180));
            Optional<Vec3> site = finder.find(r.attachment(), bound, taken, radii, 8,
                    c -> tps.stream().allMatch(tp -> tp.grid().contains(tp.transform().toCurrent(c), bound + 15)), rnd);
            if (site.isEmpty()) {
                LOG.warn("no {} site found for a {} nodule of {} mm; skipped", r.attachment(), r.type(), Math.round(2 * bound));
                continue;
            }
            taken.add(site.get());
            radii.add(bound);
            double core = r.type() == NoduleType.PART_SOLID ? 0.45 + 0.2 * rnd.nextDouble() : 0;
            double hu = switch (r.type()) {
                case SOLID -> 20 + 30 * rnd.nextDouble();
                case PART_SOLID, GROUND_GLASS -> -650 + 150 * rnd.nextDouble();
            };
            out.add(new NoduleSpec("N" + id++, r.type(), shape, orientation, site.get(), r.attachment(), law, core, hu,
                    r.type() == NoduleType.PART_SOLID ? 20 + 30 * rnd.nextDouble() : 0));
        }
        return out;
    }

    private static GrowthLaw growthLaw(GrowthLaw.Kind kind, int k, List<PatientPlan.TimepointPlan> tps, double d0,
                                       SplittableRandom rnd) {
        double lastDay = tps.getLast().daysFromBaseline();
        return switch (kind) {
            case STABLE -> GrowthLaw.stable();
            case GROWING -> {
                double vdt = 150 + 350 * rnd.nextDouble();
                // keep the last diameter <= 20 mm: d(t) = d0 * 2^(t / (3 vdt))
                double minVdt = lastDay > 0 ? lastDay / (3 * Math.log(20 / d0) / Math.log(2)) : 0;
                yield new GrowthLaw(GrowthLaw.Kind.GROWING, Math.max(vdt, minVdt * 1.01), 0, Integer.MAX_VALUE);
            }
            case NEW -> k < 2 ? GrowthLaw.stable()
                    : new GrowthLaw(GrowthLaw.Kind.NEW, 200 + 200 * rnd.nextDouble(), 1, Integer.MAX_VALUE);
            case SHRINKING, RESOLVING -> {
                if (k < 2) {
                    yield GrowthLaw.stable();
                }
                // shrink to ~4.5 mm by the last timepoint it is seen at, then gone (resolved) at the last one
                double seenUntil = tps.get(k - 2).daysFromBaseline();
                double vdt = seenUntil > 0 ? -seenUntil * Math.log(2) / (3 * Math.log(d0 / 4.5)) : -150;
                yield new GrowthLaw(k >= 3 ? GrowthLaw.Kind.RESOLVING : GrowthLaw.Kind.SHRINKING, vdt, 0,
                        k >= 3 ? k - 1 : Integer.MAX_VALUE);
            }
        };
    }

    private static NoduleShape shape(String kind, double r, NoduleType type, SplittableRandom rnd) {
        return switch (kind) {
            case "sphere" -> new NoduleShape.Sphere(r);
            case "ellipsoid" -> new NoduleShape.Ellipsoid(r * (1.1 + 0.2 * rnd.nextDouble()), r, r * (0.75 + 0.15 * rnd.nextDouble()));
            default -> {
                List<Vec3> lobes = new ArrayList<>();
                List<Vec3> dirs = SiteFinder.fibonacci(24);
                for (int i = 0; i < 5; i++) {
                    lobes.add(dirs.get(rnd.nextInt(dirs.size())));
                }
                yield NoduleShape.Lobulated.of(new NoduleShape.Ellipsoid(r * 1.1, r, r * 0.9), lobes, 0.25, 4);
            }
        };
    }

    static NoduleShape scaled(NoduleShape s, double f) {
        return switch (s) {
            case NoduleShape.Sphere sp -> new NoduleShape.Sphere(sp.radiusMm() * f);
            case NoduleShape.Ellipsoid e -> new NoduleShape.Ellipsoid(e.aMm() * f, e.bMm() * f, e.cMm() * f);
            case NoduleShape.Lobulated l -> NoduleShape.Lobulated.of(
                    (NoduleShape.Ellipsoid) scaled(l.base(), f), l.lobeDirections(), l.amplitude(), l.sharpness());
        };
    }
}
