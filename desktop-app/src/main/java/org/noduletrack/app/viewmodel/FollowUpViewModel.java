package org.noduletrack.app.viewmodel;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.noduletrack.app.followup.FollowUpAssessor;
import org.noduletrack.app.followup.FollowUpCase;
import org.noduletrack.app.followup.FollowUpStudy;
import org.noduletrack.app.followup.GuidelineContext;
import org.noduletrack.app.followup.MatchState;
import org.noduletrack.app.followup.PriorMatchRule;
import org.noduletrack.app.followup.NoduleObservation;
import org.noduletrack.app.followup.PatientTimeline;
import org.noduletrack.app.followup.StudyRegistration;
import org.noduletrack.archive.index.PatientRecord;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.nodule.model.SeriesRef;
import org.noduletrack.nodule.segmentation.NoduleSegmenter;
import org.noduletrack.nodule.segmentation.Segmentation;
import org.noduletrack.render.geom.Affine3;
import org.noduletrack.render.volume.ShortVolume;

/**
 * The follow-up workspace's state: the current scan, its priors brought onto it by registration, and the nodules the
 * reader clicked, each segmented on the current scan and found again on every registered prior. Registration and
 * segmentation run on the {@code work} executor; every property changes on the {@code fx} executor only (plain JavaFX
 * properties: testable without the toolkit).
 */
public final class FollowUpViewModel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FollowUpViewModel.class);
    /** Where linking the shown prior stands. */
    public enum Stage { IDLE, LOADING, REGISTERING, LINKED, FAILED, CANCELLED }

    /** One scan of the timeline: the follow-up workflow's study record and the loaded volume. */
    public record Scan(FollowUpStudy study, ShortVolume volume) {
        public LocalDate date() { return study.date(); }

        public SeriesRef series() { return study.seriesRef(); }
    }

    private final PriorRegistration registration;
    private final NoduleSegmenter segmenter;
    private final NoduleMeshes meshes = new NoduleMeshes();
    private final FollowUpAssessor assessor = new FollowUpAssessor(new org.noduletrack.nodule.growth.GrowthAnalyzer(),
            new org.noduletrack.nodule.guideline.LungRadsEngine(), new org.noduletrack.nodule.guideline.FleischnerEngine());
    private final Executor work;
    private final Executor fx;
    private final ObjectProperty<Stage> stage = new SimpleObjectProperty<>(this, "stage", Stage.IDLE);
    private final DoubleProperty progress = new SimpleDoubleProperty(this, "progress", 0);
    private final ObjectProperty<String> failure = new SimpleObjectProperty<>(this, "failure");
    private final ObservableList<NoduleTrack> tracks = FXCollections.observableArrayList();
    private final ObjectProperty<NoduleTrack> selected = new SimpleObjectProperty<>(this, "selected");
    private final ObservableList<LocalDate> dates = FXCollections.observableArrayList();
    private final GuidelineViewModel guideline;
    /** current LPS → that prior's LPS, per registered prior date (FX thread). */
    private final Map<LocalDate, Affine3> transforms = new LinkedHashMap<>();
    private final Map<LocalDate, Scan> priors = new LinkedHashMap<>();
    private final Map<LocalDate, Double> nccs = new LinkedHashMap<>();
    private final ObjectProperty<Long> busy = new SimpleObjectProperty<>(this, "busy", 0L);
    private Scan current;
    private PatientRecord patient;
    private FindingsStore store = FindingsStore.NONE;
    /** Saving starts only once the saved findings were looked at: an empty table must not overwrite them. */
    private boolean restoreDone;

    /** Where findings are kept between sessions (the follow-up workflow's repository; blocking, off the FX thread). */
    public interface FindingsStore {
        FindingsStore NONE = new FindingsStore() {
            @Override
            public void save(FollowUpCase c) { }

            @Override
            public Optional<FollowUpCase> load(PatientTimeline timeline) { return Optional.empty(); }
        };

        void save(FollowUpCase c) throws Exception;

        Optional<FollowUpCase> load(PatientTimeline timeline) throws Exception;
    }
    private AtomicBoolean cancel = new AtomicBoolean();
    private long session;
    private int nextId = 1;

    public FollowUpViewModel(PriorRegistration registration, NoduleSegmenter segmenter, Executor work, Executor fx) {
        this.registration = registration;
        this.segmenter = segmenter;
        this.work = work;
        this.fx = fx;
        this.guideline = new GuidelineViewModel(tracks, dates, this::snapshot);
        tracks.addListener((javafx.collections.ListChangeListener<NoduleTrack>) c -> saveLater());
        guideline.resultProperty().addListener((o, a, b) -> saveLater());
    }

    public ObjectProperty<Stage> stageProperty() { return stage; }

    /** 0–1 while loading, −1 (indeterminate) while the registration searches. */
    public DoubleProperty progressProperty() { return progress; }

    /** Why linking failed (null otherwise). */
    public ObjectProperty<String> failureProperty() { return failure; }

    public ObservableList<NoduleTrack> tracks() { return tracks; }

    public ObjectProperty<NoduleTrack> selectedProperty() { return selected; }

    /** The scan dates with a result column, oldest first (the current one last). */
    public ObservableList<LocalDate> dates() { return dates; }

    public GuidelineViewModel guideline() { return guideline; }

    public Optional<Scan> current() { return Optional.ofNullable(current); }

    public Optional<Affine3> transformTo(LocalDate priorDate) { return Optional.ofNullable(transforms.get(priorDate)); }

    /** Jobs (registrations, segmentations) not finished yet: tests and the bench wait for 0. */
    public ObjectProperty<Long> busyProperty() { return busy; }

    /** A new current scan of {@code patientRecord}: forgets priors, transforms and nodules (FX thread). */
    public void reset(PatientRecord patientRecord, Scan currentScan) {
        this.patient = patientRecord;
        this.restoreDone = false;
        cancel.set(true);
        cancel = new AtomicBoolean();
        session++;
        current = currentScan;
        transforms.clear();
        priors.clear();
        nccs.clear();
        tracks.clear();
        selected.set(null);
        dates.setAll(currentScan == null ? List.of() : List.of(currentScan.date()));
        stage.set(Stage.IDLE);
        progress.set(0);
        failure.set(null);
    }

    /**
     * Registers {@code prior} onto the current scan in the background (waits for both volumes to finish loading first).
     * The future completes with current LPS → prior LPS; {@code shown} marks the prior whose link drives the stage.
     */
    public CompletableFuture<Affine3> link(Scan prior, boolean shown) {
        Scan cur = current;
        AtomicBoolean cancelled = cancel;
        long s = session;
        if (cur == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no current scan"));
        }
        if (shown) {
            stage.set(Stage.LOADING);
            progress.set(0);
            failure.set(null);
        }
        begin();
        CompletableFuture<PriorRegistration.Result> f = CompletableFuture.supplyAsync(() -> {
            awaitLoaded(cur.volume(), prior.volume(), cancelled, shown);
            if (shown) {
                fx.execute(() -> {
                    if (s == session && !cancelled.get()) {
                        stage.set(Stage.REGISTERING);
                        progress.set(-1);
                    }
                });
            }
            return registration.register(cur.volume(), prior.volume(), cancelled::get);
        }, work);
        return f.handleAsync((reg, e) -> {
            end();
            if (s != session) {
                throw new CancellationException("another scan was opened");
            }
            if (e != null) {
                Throwable c = rootCause(e);
                if (shown) {
                    stage.set(c instanceof CancellationException ? Stage.CANCELLED : Stage.FAILED);
                    failure.set(c instanceof CancellationException ? null : String.valueOf(c.getMessage()));
                }
                throw new CompletionException(c);
            }
            Affine3 t = reg.currentToPrior();
            transforms.put(prior.date(), t);
            nccs.put(prior.date(), reg.ncc());
            priors.put(prior.date(), prior);
            if (!dates.contains(prior.date())) {
                List<LocalDate> all = new ArrayList<>(dates);
                all.add(prior.date());
                all.sort(Comparator.naturalOrder());
                dates.setAll(all);
            }
            if (shown) {
                stage.set(Stage.LINKED);
                progress.set(1);
            }
            for (NoduleTrack track : List.copyOf(tracks)) {
                if (track.at(prior.date()).isEmpty()) {
                    addDate(track, prior, t); // a nodule clicked before this prior was registered
                }
            }
            return t;
        }, fx);
    }

    /** Stops the linking under way (the registration's result is discarded when it arrives). */
    public void cancel() {
        cancel.set(true);
        cancel = new AtomicBoolean();
        if (stage.get() == Stage.LOADING || stage.get() == Stage.REGISTERING) {
            stage.set(Stage.CANCELLED);
        }
    }

    private void awaitLoaded(ShortVolume a, ShortVolume b, AtomicBoolean cancelled, boolean report) {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (!(a.progress().isComplete() && b.progress().isComplete())) {
            if (cancelled.get()) {
                throw new CancellationException("cancelled while loading");
            }
            a.progress().failure().or(() -> b.progress().failure()).ifPresent(t -> {
                throw new CompletionException(t);
            });
            if (System.nanoTime() > deadline) {
                throw new CompletionException(new java.util.concurrent.TimeoutException("the scans did not finish loading"));
            }
            if (report) {
                double done = (a.progress().loadedCount() + b.progress().loadedCount())
                        / (double) Math.max(1, a.progress().sliceCount() + b.progress().sliceCount());
                fx.execute(() -> progress.set(done));
            }
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted");
            }
        }
    }

    /**
     * A click on a nodule of the current scan: segments it, then finds and segments the matching nodule on every
     * registered prior (seed = the registration's image of the centroid, refined locally when the first try misses).
     */
    public CompletableFuture<NoduleTrack> measureAt(Vec3 seedCurrentLps) {
        Scan cur = current;
        if (cur == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no current scan"));
        }
        Map<LocalDate, Scan> ps = new LinkedHashMap<>(priors);
        Map<LocalDate, Affine3> ts = new LinkedHashMap<>(transforms);
        String id = "N" + nextId++;
        long s = session;
        begin();
        return CompletableFuture.supplyAsync(() -> {
            Segmentation seg = segmenter.segment(cur.volume(), cur.series(), seedCurrentLps);
            List<NoduleTrack.AtDate> out = new ArrayList<>();
            out.add(new NoduleTrack.AtDate(cur.date(), cur.series(), Optional.of(seg), NoduleTrack.Match.CURRENT));
            for (var e : ps.entrySet()) {
                out.add(findInPrior(cur, e.getValue(), ts.get(e.getKey()), seg));
            }
            return new NoduleTrack(id, out);
        }, work).handleAsync((t, e) -> {
            end();
            if (e != null) {
                throw new CompletionException(rootCause(e));
            }
            if (s != session) {
                throw new CancellationException("another scan was opened");
            }
            tracks.add(t);
            selected.set(t);
            return t;
        }, fx);
    }

    private void addDate(NoduleTrack track, Scan prior, Affine3 t) {
        Scan cur = current;
        Optional<Segmentation> seg = track.at(cur.date()).flatMap(NoduleTrack.AtDate::segmentation);
        if (seg.isEmpty()) {
            return;
        }
        long s = session;
        begin();
        CompletableFuture.supplyAsync(() -> findInPrior(cur, prior, t, seg.get()), work).handleAsync((a, e) -> {
            end();
            if (e == null && s == session) {
                tracks.stream().filter(x -> x.id().equals(track.id())).findFirst().ifPresent(x -> {
                    NoduleTrack now = x.with(a);
                    tracks.set(tracks.indexOf(x), now);
                    if (selected.get() == x) {
                        selected.set(now);
                    }
                });
            }
            return null;
        }, fx);
    }

    private NoduleTrack.AtDate findInPrior(Scan cur, Scan prior, Affine3 t, Segmentation seg) {
        Vec3 c = seg.measurement().centroidLps();
        Vec3 seed = t.applyToPoint(c);
        Optional<Segmentation> found = segmentNear(prior, seed, seg);
        if (found.isEmpty()) {
            // breathing moves the lung against the rigid fit: refine in a box around the nodule and try again
            Affine3 local = registration.refineAround(cur.volume(), prior.volume(), c, t);
            found = segmentNear(prior, local.applyToPoint(c), seg);
        }
        return new NoduleTrack.AtDate(prior.date(), prior.series(), found,
                found.isPresent() ? NoduleTrack.Match.PROPOSED : NoduleTrack.Match.NOT_FOUND);
    }

    /**
     * The nodule segmented from {@code seed} on a prior, accepted by the follow-up workflow's own rule
     * ({@link PriorMatchRule}): the segmenter moves a seed in parenchyma to the nearest dense structure, which at the
     * site of a new nodule is a vessel, not a match.
     */
    private Optional<Segmentation> segmentNear(Scan scan, Vec3 seed, Segmentation current) {
        try {
            Segmentation s = segmenter.segment(scan.volume(), scan.series(), seed);
            return PriorMatchRule.plausible(s.measurement(), seed, current.measurement()) ? Optional.of(s) : Optional.empty();
        } catch (IllegalArgumentException noNodule) {
            return Optional.empty();
        }
    }

    /** The reader's correction: segments the nodule of {@code track} on the scan of {@code date} from a new seed. */
    public CompletableFuture<NoduleTrack> reseed(NoduleTrack track, LocalDate date, Vec3 seedLps) {
        Scan scan = date.equals(current.date()) ? current : priors.get(date);
        if (scan == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no registered scan of " + date));
        }
        begin();
        return CompletableFuture.supplyAsync(() -> segmenter.segment(scan.volume(), scan.series(), seedLps), work)
                .handleAsync((seg, e) -> {
                    end();
                    if (e != null) {
                        throw new CompletionException(rootCause(e));
                    }
                    NoduleTrack.Match m = scan == current ? NoduleTrack.Match.CURRENT : NoduleTrack.Match.CONFIRMED;
                    return replace(track, track.with(new NoduleTrack.AtDate(date, scan.series(), Optional.of(seg), m)));
                }, fx);
    }

    /** Confirms or rejects the proposed match of {@code track} on {@code date} (FX thread). */
    public NoduleTrack setMatch(NoduleTrack track, LocalDate date, NoduleTrack.Match match) {
        return track.at(date).map(a -> replace(track, track.with(a.withMatch(match)))).orElse(track);
    }

    /** The 3D view's surfaces of {@code track} (every date in the current scan's frame), built on the work executor. */
    public CompletableFuture<NoduleMeshes.Scene> meshes(NoduleTrack track) {
        Scan cur = current;
        if (cur == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("no current scan"));
        }
        Map<LocalDate, ShortVolume> vols = new LinkedHashMap<>();
        vols.put(cur.date(), cur.volume());
        priors.forEach((d, s) -> vols.put(d, s.volume()));
        Map<LocalDate, Affine3> ts = new LinkedHashMap<>(transforms);
        return CompletableFuture.supplyAsync(() -> meshes.build(track, cur.date(), vols, ts), work);
    }

    /**
     * The table as the follow-up workflow's case (FX thread): studies, registrations, every nodule's observations, and
     * growth and guideline worked out by its {@link FollowUpAssessor} for {@code context}. Empty before a current scan.
     */
    public Optional<FollowUpCase> snapshot(GuidelineContext context) {
        if (current == null || patient == null) {
            return Optional.empty();
        }
        List<StudyRegistration> regs = new ArrayList<>();
        priors.forEach((d, p) -> regs.add(new StudyRegistration(current.study(), p.study(), transforms.get(d), nccs.get(d))));
        List<FollowUpStudy> studies = new ArrayList<>(priors.values().stream().map(Scan::study).toList());
        studies.add(current.study());
        List<FollowUpAssessor.Observed> observed = new ArrayList<>();
        for (NoduleTrack t : tracks) {
            Optional<Segmentation> now = t.at(current.date()).flatMap(NoduleTrack.AtDate::segmentation);
            if (now.isEmpty()) {
                continue;
            }
            Vec3 seed = now.get().measurement().centroidLps();
            List<NoduleObservation> obs = new ArrayList<>();
            for (NoduleTrack.AtDate a : t.dates()) {
                Scan scan = a.date().equals(current.date()) ? current : priors.get(a.date());
                if (scan == null) {
                    continue;
                }
                Vec3 at = scan == current ? seed : transforms.get(a.date()).applyToPoint(seed);
                Optional<Measurement> m = a.measurement();
                MatchState state = m.isEmpty() ? MatchState.NOT_FOUND : switch (a.match()) {
                    case CURRENT -> MatchState.SEED;
                    case PROPOSED -> MatchState.PROPOSED;
                    case CONFIRMED -> MatchState.CONFIRMED;
                    case REJECTED, NOT_FOUND -> MatchState.NOT_FOUND;
                };
                obs.add(new NoduleObservation(scan.study(), at, state, m));
            }
            observed.add(new FollowUpAssessor.Observed(t.id(), seed, obs));
        }
        return Optional.of(assessor.assess(new PatientTimeline(patient, studies), current.study(), regs, context, observed));
    }

    /** Each date's volume (current and registered priors; FX thread). */
    public Map<LocalDate, ShortVolume> volumesByDate() {
        Map<LocalDate, ShortVolume> m = new LinkedHashMap<>();
        priors.forEach((d, s) -> m.put(d, s.volume()));
        if (current != null) {
            m.put(current.date(), current.volume());
        }
        return m;
    }

    /** Each nodule's counted segmentation per date (FX thread). */
    public Map<String, Map<LocalDate, Segmentation>> segmentationsById() {
        Map<String, Map<LocalDate, Segmentation>> m = new LinkedHashMap<>();
        for (NoduleTrack t : tracks) {
            Map<LocalDate, Segmentation> byDate = new LinkedHashMap<>();
            for (NoduleTrack.AtDate a : t.dates()) {
                if (a.measurement().isPresent()) {
                    byDate.put(a.date(), a.segmentation().orElseThrow());
                }
            }
            m.put(t.id(), byDate);
        }
        return m;
    }

    public void setFindingsStore(FindingsStore store) {
        this.store = store;
    }

    /** Saves the table as it is now (in the background) once the saved findings were restored or found absent. */
    private void saveLater() {
        if (!restoreDone || current == null || tracks.isEmpty()) {
            return;
        }
        Optional<FollowUpCase> c = snapshot(guideline.context());
        FindingsStore st = store;
        c.ifPresent(fc -> work.execute(() -> {
            try {
                st.save(fc);
            } catch (Exception e) {
                LOG.warn("follow-up findings not saved", e);
                fx.execute(() -> failure.set("findings not saved: " + e.getMessage()));
            }
        }));
    }

    /**
     * Reopens the findings saved for this patient and current scan, exactly as left: every nodule's measurements
     * (bit-exact), match states and the clinical context. Each saved measurement is segmented once more at its
     * centroid only to recover the region the outlines are drawn from. Call when every prior of {@code studies} is
     * registered; completes with the number of nodules restored.
     */
    public CompletableFuture<Integer> restoreSaved(List<FollowUpStudy> studies) {
        Scan cur = current;
        PatientRecord p = patient;
        long s = session;
        if (cur == null || p == null) {
            return CompletableFuture.completedFuture(0);
        }
        Map<LocalDate, Scan> scans = new LinkedHashMap<>(priors);
        scans.put(cur.date(), cur);
        FindingsStore st = store;
        begin();
        return CompletableFuture.supplyAsync(() -> {
            Optional<FollowUpCase> saved;
            try {
                saved = st.load(new PatientTimeline(p, studies));
            } catch (Exception e) {
                throw new CompletionException(e);
            }
            if (saved.isPresent() && !saved.get().current().seriesUid().equals(cur.study().seriesUid())) {
                LOG.info("saved follow-up findings belong to another current series: not restored");
            }
            if (saved.isEmpty() || !saved.get().current().seriesUid().equals(cur.study().seriesUid())) {
                return Optional.<Restored>empty();
            }
            List<NoduleTrack> out = new ArrayList<>();
            for (var n : saved.get().nodules()) {
                List<NoduleTrack.AtDate> dates = new ArrayList<>();
                for (NoduleObservation o : n.observations()) {
                    Scan scan = scans.get(o.study().date());
                    if (scan == null) {
                        continue;
                    }
                    Optional<Segmentation> seg = o.measurement().map(m -> {
                        Segmentation again = segmenter.segment(scan.volume(), scan.series(), m.centroidLps());
                        return new Segmentation(m, again.backgroundHu(), again.noduleHu(), again.thresholdHu(),
                                again.openingMm(), again.radiusEstimateMm(), again.mask());
                    });
                    NoduleTrack.Match match = switch (o.state()) {
                        case SEED -> NoduleTrack.Match.CURRENT;
                        case PROPOSED -> NoduleTrack.Match.PROPOSED;
                        case CONFIRMED, CORRECTED -> NoduleTrack.Match.CONFIRMED;
                        case NOT_FOUND -> NoduleTrack.Match.NOT_FOUND;
                    };
                    dates.add(new NoduleTrack.AtDate(scan.date(), scan.series(), seg, match));
                }
                out.add(new NoduleTrack(n.id(), dates));
            }
            return Optional.of(new Restored(out, saved.get().context()));
        }, work).handleAsync((r, e) -> {
            end();
            if (s != session) {
                return 0;
            }
            restoreDone = true;
            if (e != null) {
                LOG.warn("saved follow-up findings not read", rootCause(e));
                failure.set("saved findings not read: " + rootCause(e).getMessage());
                return 0;
            }
            LOG.debug("saved follow-up findings: {}", r.isPresent() ? r.get().tracks().size() + " nodules" : "none");
            if (r.isEmpty()) {
                saveLater();
                return 0;
            }
            GuidelineContext c = r.get().context();
            guideline.settingProperty().set(c.setting() == GuidelineContext.Setting.SCREENING
                    ? GuidelineViewModel.Setting.SCREENING : GuidelineViewModel.Setting.INCIDENTAL);
            guideline.ageYearsProperty().set(c.ageYears().isPresent() ? c.ageYears().getAsInt() : null);
            guideline.highRiskProperty().set(c.highRisk());
            tracks.setAll(r.get().tracks());
            nextId = 1 + tracks.stream().mapToInt(t -> {
                try {
                    return Integer.parseInt(t.id().substring(1));
                } catch (NumberFormatException | IndexOutOfBoundsException x) {
                    return 0;
                }
            }).max().orElse(0);
            return tracks.size();
        }, fx);
    }

    private record Restored(List<NoduleTrack> tracks, GuidelineContext context) {}

    /** Removes a nodule from the table. */
    public void remove(NoduleTrack track) {
        tracks.remove(track);
        if (selected.get() == track) {
            selected.set(null);
        }
    }

    private NoduleTrack replace(NoduleTrack old, NoduleTrack now) {
        int i = tracks.indexOf(old);
        if (i < 0) {
            i = tracks.stream().map(NoduleTrack::id).toList().indexOf(old.id());
        }
        if (i >= 0) {
            tracks.set(i, now);
        } else {
            tracks.add(now);
        }
        selected.set(now);
        return now;
    }

    /** Days between two dates (for growth and VDT). */
    public static long days(LocalDate a, LocalDate b) { return ChronoUnit.DAYS.between(a, b); }

    private void begin() {
        fx.execute(() -> busy.set(busy.get() + 1));
    }

    private void end() {
        busy.set(busy.get() - 1);
    }

    static Throwable rootCause(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
