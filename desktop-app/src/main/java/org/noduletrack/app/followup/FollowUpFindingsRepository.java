package org.noduletrack.app.followup;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.casefolder.FollowUpFindings;
import org.noduletrack.archive.casefolder.FollowUpFindings.CaseRow;
import org.noduletrack.archive.casefolder.FollowUpFindings.Findings;
import org.noduletrack.archive.casefolder.FollowUpFindings.MeasurementRow;
import org.noduletrack.archive.casefolder.FollowUpFindings.NoduleRow;
import org.noduletrack.archive.casefolder.FollowUpFindings.ObservationRow;
import org.noduletrack.archive.casefolder.FollowUpFindings.PriorRow;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.nodule.model.NoduleType;
import org.noduletrack.nodule.model.SeriesRef;
import org.noduletrack.render.geom.Affine3;

/**
 * Saves a follow-up's findings in the library (archive {@link FollowUpFindings}) and reads them back into the same
 * {@link FollowUpCase}: nodules, seeds, match states, per-date measurements, registrations and guideline inputs are
 * stored as they are (numbers bit-exact), growth and guideline are recomputed from them by the pure assessor.
 */
public final class FollowUpFindingsRepository {
    private final Path libraryRoot;
    private final FollowUpAssessor assessor;
    private final Clock clock;
    private final String user;

    public FollowUpFindingsRepository(Path libraryRoot, FollowUpAssessor assessor, Clock clock, String user) {
        this.libraryRoot = libraryRoot;
        this.assessor = assessor;
        this.clock = clock;
        this.user = user;
    }

    public void save(FollowUpCase c) throws ArchiveException {
        GuidelineContext g = c.context();
        CaseRow row = new CaseRow(c.current().studyUid().value(), c.current().seriesUid().value(), g.setting().name(),
                g.ageYears(), g.highRisk(), g.knownPrimaryCancer(), g.immunocompromised(), clock.millis(), user);
        List<PriorRow> priors = c.registrations().stream().map(r -> new PriorRow(r.prior().studyUid().value(),
                r.prior().seriesUid().value(), matrix(r.currentToPrior()), r.ncc())).toList();
        List<NoduleRow> nodules = c.nodules().stream().map(n -> new NoduleRow(n.id(), point(n.seedLps()))).toList();
        List<ObservationRow> obs = new ArrayList<>();
        for (TrackedNodule n : c.nodules()) {
            for (NoduleObservation o : n.observations()) {
                obs.add(new ObservationRow(n.id(), o.study().seriesUid().value(), o.study().frameOfReferenceUid(),
                        point(o.seedLps()), o.state().name(), o.measurement().map(FollowUpFindingsRepository::row)));
            }
        }
        try (FollowUpFindings store = FollowUpFindings.open(libraryRoot)) {
            store.save(c.patient().key(), new Findings(row, priors, nodules, obs));
        }
    }

    /**
     * The saved follow-up of the timeline's patient, empty when none was saved.
     *
     * @throws IllegalStateException when a saved CT is no longer in the library (its study was deleted)
     */
    public Optional<FollowUpCase> load(PatientTimeline timeline) throws ArchiveException {
        Optional<Findings> saved;
        try (FollowUpFindings store = FollowUpFindings.open(libraryRoot)) {
            saved = store.load(timeline.patient().key());
        }
        if (saved.isEmpty()) {
            return Optional.empty();
        }
        Findings f = saved.get();
        Map<String, FollowUpStudy> bySeries = timeline.studies().stream()
                .collect(Collectors.toMap(s -> s.seriesUid().value(), Function.identity()));
        Function<String, FollowUpStudy> study = uid -> {
            FollowUpStudy s = bySeries.get(uid);
            if (s == null) {
                throw new IllegalStateException("the saved follow-up uses a CT series that is no longer in the library");
            }
            return s;
        };
        FollowUpStudy current = study.apply(f.followUp().currentSeriesUid());
        List<StudyRegistration> regs = f.priors().stream().map(p -> new StudyRegistration(current,
                study.apply(p.seriesUid()), matrix(p.currentToPrior()), p.ncc())).toList();
        CaseRow r = f.followUp();
        GuidelineContext context = new GuidelineContext(GuidelineContext.Setting.valueOf(r.setting()), r.ageYears(),
                r.highRisk(), r.knownPrimaryCancer(), r.immunocompromised());
        List<FollowUpAssessor.Observed> nodules = new ArrayList<>();
        for (NoduleRow n : f.nodules()) {
            List<NoduleObservation> obs = f.observations().stream().filter(o -> o.noduleId().equals(n.noduleId()))
                    .map(o -> {
                        FollowUpStudy s = study.apply(o.seriesUid());
                        return new NoduleObservation(s, point(o.seedLps()), MatchState.valueOf(o.matchState()),
                                o.measurement().map(m -> measurement(m, new SeriesRef(o.seriesUid(), o.frameOfReference()))));
                    }).toList();
            nodules.add(new FollowUpAssessor.Observed(n.noduleId(), point(n.seedLps()), obs));
        }
        return Optional.of(assessor.assess(timeline, current, regs, context, nodules));
    }

    static MeasurementRow row(Measurement m) {
        return new MeasurementRow(point(m.centroidLps()), m.volumeMm3(), m.longAxisMm(), m.shortAxisMm(),
                m.meanDiameterMm(), m.max3dDiameterMm(), m.solidMeanDiameterMm(), m.solidVolumeMm3(), m.meanHu(), m.sdHu(),
                m.type().name(), m.voxelCount(), m.axialSliceK());
    }

    static Measurement measurement(MeasurementRow r, SeriesRef series) {
        return new Measurement(series, point(r.centroidLps()), r.volumeMm3(), r.longAxisMm(), r.shortAxisMm(),
                r.meanDiameterMm(), r.max3dDiameterMm(), r.solidMeanDiameterMm(), r.solidVolumeMm3(), r.meanHu(), r.sdHu(),
                NoduleType.valueOf(r.noduleType()), r.voxelCount(), r.axialSliceK());
    }

    /** "x,y,z" with Java's shortest round-trip decimal form: reads back to the same doubles. */
    static String point(Vec3 p) { return p.x() + "," + p.y() + "," + p.z(); }

    static Vec3 point(String s) {
        String[] p = s.split(",");
        return new Vec3(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]));
    }

    static String matrix(Affine3 a) {
        StringBuilder b = new StringBuilder();
        for (double v : a.rowMajor()) {
            if (!b.isEmpty()) b.append(' ');
            b.append(v);
        }
        return b.toString();
    }

    static Affine3 matrix(String s) {
        String[] p = s.strip().split("\\s+");
        double[] m = new double[12];
        for (int i = 0; i < 12; i++) m[i] = Double.parseDouble(p[i]);
        return new Affine3(m);
    }
}
