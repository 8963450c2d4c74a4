package org.noduletrack.app.followup;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.noduletrack.app.followup.FollowUpAssessor.Observed;
import org.noduletrack.app.followup.FollowUpProgress.Stage;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.matching.NoduleMatcher;
import org.noduletrack.nodule.mesh.SurfaceMesh;
import org.noduletrack.nodule.mesh.VoxelMask;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.nodule.segmentation.Segmentation;
import org.noduletrack.render.geom.Affine3;
import org.noduletrack.render.volume.ShortVolume;

/**
 * An open follow-up: the current CT and its priors loaded and registered, and the nodules tracked so far. Every method
 * blocks (milliseconds for a click, about a second per prior for matching) and may be called from any thread but the FX
 * thread; the methods are synchronized, results are immutable snapshots. Closing frees the volumes.
 */
public final class FollowUpSession implements AutoCloseable {
    private final PatientTimeline timeline;
    private final FollowUpStudy current;
    private final List<FollowUpStudy> priors;
    private final Map<FollowUpStudy, ShortVolume> volumes;
    private final List<StudyRegistration> registrations;
    private final FollowUpEngines engines;
    private final Map<String, Observed> nodules = new LinkedHashMap<>();
    private GuidelineContext context;
    private int nextNumber = 1;
    private boolean closed;

    FollowUpSession(PatientTimeline timeline, FollowUpStudy current, List<FollowUpStudy> priors,
                    Map<FollowUpStudy, ShortVolume> volumes, List<StudyRegistration> registrations,
                    GuidelineContext context, FollowUpEngines engines) {
        this.timeline = timeline;
        this.current = current;
        this.priors = List.copyOf(priors);
        this.volumes = Map.copyOf(volumes);
        this.registrations = List.copyOf(registrations);
        this.context = Objects.requireNonNull(context, "context");
        this.engines = engines;
    }

    public PatientTimeline timeline() { return timeline; }

    public FollowUpStudy current() { return current; }

    /** Oldest first. */
    public List<FollowUpStudy> priors() { return priors; }

    public List<StudyRegistration> registrations() { return registrations; }

    public StudyRegistration registration(FollowUpStudy prior) {
        return registrations.stream().filter(r -> r.prior().equals(prior)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a prior of this follow-up: " + prior.date()));
    }

    /** The loaded volume of a study of this follow-up (owned by the session: do not close it). */
    public synchronized ShortVolume volume(FollowUpStudy study) {
        checkOpen();
        ShortVolume v = volumes.get(study);
        if (v == null) {
            throw new IllegalArgumentException("not a study of this follow-up: " + study.date());
        }
        return v;
    }

    public synchronized GuidelineContext context() { return context; }

    public synchronized void setContext(GuidelineContext context) { this.context = Objects.requireNonNull(context); }

    /**
     * Segments the nodule at a click on the current study, then finds, segments and matches it on every prior
     * ({@link MatchState#PROPOSED} or {@link MatchState#NOT_FOUND}).
     *
     * @throws IllegalArgumentException when there is no nodule at the click
     * @throws CancellationException    when cancelled (nothing is added)
     */
    public synchronized TrackedNodule addNodule(Vec3 seedLps, FollowUpProgress progress, CancelToken cancel) {
        checkOpen();
        String id = "N" + nextNumber;
        progress.update(Stage.SEGMENTING, 0, 1 + priors.size(), id);
        Segmentation s = engines.segmenter().segment(volumes.get(current), current.seriesRef(), seedLps);
        NoduleObservation now = new NoduleObservation(current, seedLps, MatchState.SEED, Optional.of(s.measurement()));
        List<NoduleObservation> obs = new ArrayList<>(propagate(now, priors, progress, cancel, id));
        obs.add(now);
        nextNumber++;
        nodules.put(id, new Observed(id, seedLps, obs));
        progress.update(Stage.DONE, 1, 1, id);
        return snapshot().nodule(id).orElseThrow();
    }

    /**
     * The user moved the nodule at one date: segments there from the new seed ({@link MatchState#CORRECTED}; on the
     * current study it is the new seed and priors not yet confirmed or corrected are matched again).
     *
     * @throws IllegalArgumentException when there is no nodule at the seed
     */
    public synchronized TrackedNodule correct(String noduleId, FollowUpStudy study, Vec3 seedLps) {
        checkOpen();
        Observed n = observed(noduleId);
        Segmentation s = engines.segmenter().segment(volume(study), study.seriesRef(), seedLps);
        boolean isCurrent = study.equals(current);
        NoduleObservation corrected = new NoduleObservation(study, seedLps, isCurrent ? MatchState.SEED : MatchState.CORRECTED,
                Optional.of(s.measurement()));
        List<NoduleObservation> obs = new ArrayList<>();
        if (isCurrent) {
            List<FollowUpStudy> redo = n.observations().stream()
                    .filter(o -> !o.study().equals(current) && (o.state() == MatchState.PROPOSED || o.state() == MatchState.NOT_FOUND))
                    .map(NoduleObservation::study).toList();
            List<NoduleObservation> again = propagate(corrected, redo, FollowUpProgress.NONE, new CancelToken(), noduleId);
            for (NoduleObservation o : n.observations()) {
                if (o.study().equals(current)) obs.add(corrected);
                else obs.add(again.stream().filter(a -> a.study().equals(o.study())).findFirst().orElse(o));
            }
            nodules.put(noduleId, new Observed(noduleId, seedLps, obs));
        } else {
            for (NoduleObservation o : n.observations()) obs.add(o.study().equals(study) ? corrected : o);
            nodules.put(noduleId, new Observed(noduleId, n.seedLps(), obs));
        }
        return snapshot().nodule(noduleId).orElseThrow();
    }

    /** The user accepts the proposed match (and contour) at one date. */
    public synchronized TrackedNodule confirm(String noduleId, FollowUpStudy study) {
        return replace(noduleId, study, o -> o.state() == MatchState.PROPOSED ? o.withState(MatchState.CONFIRMED) : o);
    }

    /** The user says the nodule is not present at that date (new since, or resolved). */
    public synchronized TrackedNodule markNotFound(String noduleId, FollowUpStudy study) {
        if (study.equals(current)) {
            throw new IllegalArgumentException("the current study holds the seed; remove the nodule instead");
        }
        return replace(noduleId, study, o -> new NoduleObservation(o.study(), o.seedLps(), MatchState.NOT_FOUND, Optional.empty()));
    }

    public synchronized void remove(String noduleId) {
        checkOpen();
        observed(noduleId);
        nodules.remove(noduleId);
    }

    /** The case as it stands: every nodule with growth and guideline under the current context. */
    public synchronized FollowUpCase snapshot() {
        return engines.assessor().assess(timeline, current, registrations, context, List.copyOf(nodules.values()));
    }

    /** The nodule's voxels at one date, for outlines; empty when it was not found there. */
    public synchronized Optional<VoxelMask> mask(String noduleId, FollowUpStudy study) {
        checkOpen();
        Optional<NoduleObservation> o = observed(noduleId).observations().stream().filter(x -> x.study().equals(study)).findFirst();
        if (o.isEmpty() || !o.get().found()) {
            return Optional.empty();
        }
        // the segmenter is deterministic: the same seed gives the same threshold and extent as when measured
        Segmentation s = engines.segmenter().segment(volume(study), study.seriesRef(), o.get().seedLps());
        return Optional.of(engines.masks().estimate(volume(study), s));
    }

    /** The nodule's surface at one date (marching cubes over {@link #mask}), LPS mm of that study. */
    public Optional<SurfaceMesh> surface(String noduleId, FollowUpStudy study) {
        return mask(noduleId, study).map(engines.surfaces()::extract);
    }

    /** Restores saved nodules as they were (no segmentation runs); numbering continues after the highest id. */
    synchronized void restore(List<Observed> saved) {
        for (Observed o : saved) {
            nodules.put(o.id(), o);
            if (o.id().matches("N\\d+")) {
                nextNumber = Math.max(nextNumber, Integer.parseInt(o.id().substring(1)) + 1);
            }
        }
    }

    private List<NoduleObservation> propagate(NoduleObservation now, List<FollowUpStudy> targets, FollowUpProgress progress,
                                              CancelToken cancel, String label) {
        Measurement m = now.measurement().orElseThrow();
        List<NoduleObservation> out = new ArrayList<>();
        int done = 1;
        for (FollowUpStudy prior : targets) {
            if (cancel.isCancelled()) {
                throw new CancellationException("cancelled");
            }
            progress.update(Stage.MATCHING, done++, 1 + targets.size(), prior.date().toString());
            ShortVolume pv = volumes.get(prior);
            Affine3 local = engines.registration().refineLocal(volumes.get(current), pv, m.centroidLps(),
                    registration(prior).currentToPrior()).fixedToMoving();
            Vec3 mapped = local.applyToPoint(m.centroidLps());
            out.add(matchAt(prior, mapped, m, local));
        }
        return out;
    }

    private NoduleObservation matchAt(FollowUpStudy prior, Vec3 mapped, Measurement currentM, Affine3 currentToPrior) {
        Measurement pm;
        try {
            pm = engines.segmenter().segment(volumes.get(prior), prior.seriesRef(), mapped).measurement();
        } catch (IllegalArgumentException nothingThere) {
            return new NoduleObservation(prior, mapped, MatchState.NOT_FOUND, Optional.empty());
        }
        NoduleMatcher.Report r = engines.matcher().match(List.of(pm), prior.date(), List.of(currentM),
                LocalDate.from(current.date()), currentToPrior.inverse());
        boolean paired = r.pairs().stream().anyMatch(p -> p.priorIndex() == 0 && p.currentIndex() == 0)
                && PriorMatchRule.plausible(pm, mapped, currentM);
        return paired ? new NoduleObservation(prior, mapped, MatchState.PROPOSED, Optional.of(pm))
                : new NoduleObservation(prior, mapped, MatchState.NOT_FOUND, Optional.empty());
    }

    private TrackedNodule replace(String noduleId, FollowUpStudy study, java.util.function.UnaryOperator<NoduleObservation> f) {
        checkOpen();
        Observed n = observed(noduleId);
        if (n.observations().stream().noneMatch(o -> o.study().equals(study))) {
            throw new IllegalArgumentException("not a study of this follow-up: " + study.date());
        }
        nodules.put(noduleId, new Observed(noduleId, n.seedLps(),
                n.observations().stream().map(o -> o.study().equals(study) ? f.apply(o) : o).toList()));
        return snapshot().nodule(noduleId).orElseThrow();
    }

    private Observed observed(String id) {
        Observed n = nodules.get(id);
        if (n == null) {
            throw new IllegalArgumentException("no nodule " + id);
        }
        return n;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the follow-up session is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            volumes.values().forEach(ShortVolume::close);
        }
    }
}
