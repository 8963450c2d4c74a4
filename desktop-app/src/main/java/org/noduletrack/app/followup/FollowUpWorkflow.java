package org.noduletrack.app.followup;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.noduletrack.app.followup.FollowUpProgress.Stage;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.PatientKey;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.index.PatientRecord;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.registration.RigidRegistration;
import org.noduletrack.render.volume.ShortVolume;

/**
 * The follow-up of a patient from the library: choose the CTs, load them, register every prior to the current study,
 * then track nodules (see {@link FollowUpSession}). Headless callers use {@link #run}. Blocking; any thread but the FX
 * thread. Cancelling stops between steps with a {@link CancellationException} and frees what was loaded.
 */
public final class FollowUpWorkflow {
    private final FollowUpTimelines timelines;
    private final LibrarySeriesLoader loader;
    private final FollowUpEngines engines;

    public FollowUpWorkflow(FollowUpTimelines timelines, LibrarySeriesLoader loader, FollowUpEngines engines) {
        this.timelines = timelines;
        this.loader = loader;
        this.engines = engines;
    }

    public PatientRecord patientById(String patientId) throws ArchiveException {
        return timelines.patientById(patientId);
    }

    public PatientTimeline timeline(PatientKey patient) throws ArchiveException {
        return timelines.timeline(patient);
    }

    /**
     * Loads {@code current} and {@code priors} and registers each prior to {@code current} (rigid, on the whole CT).
     *
     * @param priors any earlier studies of the timeline (one for "Compare with prior", several for a timeline)
     */
    public FollowUpSession open(PatientTimeline timeline, FollowUpStudy current, List<FollowUpStudy> priors,
                                GuidelineContext context, FollowUpProgress progress, CancelToken cancel)
            throws IOException, InterruptedException {
        List<FollowUpStudy> sorted = priors.stream().sorted(java.util.Comparator.comparing(FollowUpStudy::date)).toList();
        for (FollowUpStudy p : sorted) {
            if (!p.date().isBefore(current.date())) {
                throw new IllegalArgumentException("a prior (" + p.date() + ") must be earlier than the current study ("
                        + current.date() + ")");
            }
        }
        Map<FollowUpStudy, ShortVolume> volumes = new HashMap<>();
        try {
            List<FollowUpStudy> all = new ArrayList<>(sorted);
            all.add(current);
            for (int i = 0; i < all.size(); i++) {
                checkCancel(cancel);
                progress.update(Stage.LOADING, i, all.size(), all.get(i).date().toString());
                volumes.put(all.get(i), loader.load(all.get(i).seriesUid()));
            }
            progress.update(Stage.LOADING, all.size(), all.size(), "");
            List<StudyRegistration> regs = new ArrayList<>();
            for (int i = 0; i < sorted.size(); i++) {
                checkCancel(cancel);
                FollowUpStudy p = sorted.get(i);
                progress.update(Stage.REGISTERING, i, sorted.size(), p.date().toString());
                RigidRegistration.Result r = engines.registration().register(volumes.get(current), volumes.get(p));
                regs.add(new StudyRegistration(current, p, r.fixedToMoving(), r.ncc()));
            }
            progress.update(Stage.REGISTERING, sorted.size(), sorted.size(), "");
            checkCancel(cancel);
            return new FollowUpSession(timeline, current, sorted, volumes, regs, context, engines);
        } catch (IOException | InterruptedException | RuntimeException e) {
            volumes.values().forEach(ShortVolume::close);
            throw e;
        }
    }

    /**
     * Reopens saved findings exactly as left: the saved registrations and per-date measurements are used as they are
     * (nothing is registered or segmented again); the volumes are loaded for viewing.
     */
    public FollowUpSession resume(PatientTimeline timeline, FollowUpCase saved, FollowUpProgress progress, CancelToken cancel)
            throws IOException, InterruptedException {
        Map<FollowUpStudy, ShortVolume> volumes = new HashMap<>();
        try {
            List<FollowUpStudy> all = saved.studies();
            for (int i = 0; i < all.size(); i++) {
                checkCancel(cancel);
                progress.update(Stage.LOADING, i, all.size(), all.get(i).date().toString());
                volumes.put(all.get(i), loader.load(all.get(i).seriesUid()));
            }
            FollowUpSession s = new FollowUpSession(timeline, saved.current(), saved.priors(), volumes,
                    saved.registrations(), saved.context(), engines);
            s.restore(saved.nodules().stream()
                    .map(n -> new FollowUpAssessor.Observed(n.id(), n.seedLps(), n.observations())).toList());
            progress.update(Stage.DONE, 1, 1, "");
            return s;
        } catch (IOException | InterruptedException | RuntimeException e) {
            volumes.values().forEach(ShortVolume::close);
            throw e;
        }
    }

    /**
     * The patient's latest CT against every earlier one, with a nodule per seed (LPS mm of the latest CT): the headless
     * follow-up, left open for more (key images, a report). Close the session.
     *
     * @throws IllegalArgumentException when a seed finds no nodule (its number is in the message)
     */
    public FollowUpSession openLatest(PatientKey patient, List<Vec3> seedsLps, GuidelineContext context,
                                      FollowUpProgress progress, CancelToken cancel) throws IOException, InterruptedException {
        PatientTimeline t = timelines.timeline(patient);
        FollowUpStudy current = t.latest().orElseThrow(() -> new IllegalArgumentException(
                "the patient has no dated CT series with at least " + CtSeriesChooser.MIN_SLICES + " slices"));
        FollowUpSession s = open(t, current, t.priorsOf(current), context, progress, cancel);
        try {
            for (int i = 0; i < seedsLps.size(); i++) {
                checkCancel(cancel);
                try {
                    s.addNodule(seedsLps.get(i), progress, cancel);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("seed " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
            return s;
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** {@link #openLatest} and the resulting case; the volumes are freed before returning. */
    public FollowUpCase run(PatientKey patient, List<Vec3> seedsLps, GuidelineContext context, FollowUpProgress progress,
                            CancelToken cancel) throws IOException, InterruptedException {
        try (FollowUpSession s = openLatest(patient, seedsLps, context, progress, cancel)) {
            progress.update(Stage.ASSESSING, 0, 1, "");
            return s.snapshot();
        }
    }

    private static void checkCancel(CancelToken cancel) {
        if (cancel.isCancelled()) {
            throw new CancellationException("cancelled");
        }
    }
}
