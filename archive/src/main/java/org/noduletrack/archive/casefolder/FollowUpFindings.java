package org.noduletrack.archive.casefolder;

import static org.noduletrack.archive.index.SqliteArchiveStore.query;
import static org.noduletrack.archive.index.SqliteArchiveStore.update;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.PatientKey;
import org.noduletrack.archive.index.Database;

/**
 * The saved follow-up findings of patients (migration V3): one follow-up per patient, replaced as a whole on every
 * save so a reader never sees half of one. Geometry is text in patient LPS mm ("x,y,z") and the registration is 12
 * numbers; the store needs no knowledge of the workflow. Uses its own connection to the library database (WAL allows it
 * beside the library's own).
 */
public final class FollowUpFindings implements AutoCloseable {
    /**
     * The follow-up's frame: which CT is current and the guideline inputs.
     *
     * @param setting INCIDENTAL or SCREENING
     */
    public record CaseRow(String currentStudyUid, String currentSeriesUid, String setting, OptionalInt ageYears,
                          boolean highRisk, boolean knownPrimaryCancer, boolean immunocompromised, long updatedAtMillis,
                          String updatedBy) {
        public CaseRow {
            Objects.requireNonNull(currentStudyUid);
            Objects.requireNonNull(currentSeriesUid);
            Objects.requireNonNull(setting);
            Objects.requireNonNull(ageYears);
            Objects.requireNonNull(updatedBy);
        }
    }

    /** A prior compared with the current CT; {@code currentToPrior} is 12 numbers, row-major 3×4, space-separated. */
    public record PriorRow(String studyUid, String seriesUid, String currentToPrior, double ncc) {}

    /** A tracked nodule and its seed on the current CT ("x,y,z"). */
    public record NoduleRow(String noduleId, String seedLps) {}

    /** A measured nodule on one series; all values as the segmentation gave them. */
    public record MeasurementRow(String centroidLps, double volumeMm3, double longAxisMm, double shortAxisMm,
                                 double meanDiameterMm, double max3dDiameterMm, double solidMeanDiameterMm,
                                 double solidVolumeMm3, double meanHu, double sdHu, String noduleType, int voxelCount,
                                 int axialSliceK) {}

    /** A nodule on one series: where segmentation started, how the match came about, and the measurement if found. */
    public record ObservationRow(String noduleId, String seriesUid, String frameOfReference, String seedLps,
                                 String matchState, Optional<MeasurementRow> measurement) {}

    /** Everything saved for one patient; nodules in their order, priors oldest first. */
    public record Findings(CaseRow followUp, List<PriorRow> priors, List<NoduleRow> nodules,
                           List<ObservationRow> observations) {
        public Findings {
            Objects.requireNonNull(followUp);
            priors = List.copyOf(priors);
            nodules = List.copyOf(nodules);
            observations = List.copyOf(observations);
        }
    }

    private final Database db;

    private FollowUpFindings(Database db) {
        this.db = db;
    }

    /** Opens the findings store of the library in {@code libraryRoot} (migrating the schema if needed). */
    public static FollowUpFindings open(Path libraryRoot) throws ArchiveException {
        return new FollowUpFindings(Database.open(libraryRoot.toAbsolutePath().normalize().resolve(Library.DATABASE_FILE)));
    }

    /** Replaces the patient's saved follow-up with {@code f}, in one transaction. */
    public void save(PatientKey patient, Findings f) throws ArchiveException {
        long p = patient.value();
        db.inTransaction("saving follow-up findings", c -> {
            update(c, "DELETE FROM followup_case WHERE patient_ref = ?", p);
            CaseRow r = f.followUp();
            update(c, "INSERT INTO followup_case(patient_ref, current_study_uid, current_series_uid, setting, age_years,"
                    + " high_risk, known_primary_cancer, immunocompromised, updated_at, updated_by)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?)", p, r.currentStudyUid(), r.currentSeriesUid(), r.setting(),
                    r.ageYears(), r.highRisk() ? 1 : 0, r.knownPrimaryCancer() ? 1 : 0, r.immunocompromised() ? 1 : 0,
                    r.updatedAtMillis(), r.updatedBy());
            for (int i = 0; i < f.priors().size(); i++) {
                PriorRow pr = f.priors().get(i);
                update(c, "INSERT INTO followup_prior(patient_ref, ordinal, study_uid, series_uid, current_to_prior, ncc)"
                        + " VALUES (?,?,?,?,?,?)", p, i, pr.studyUid(), pr.seriesUid(), pr.currentToPrior(), pr.ncc());
            }
            for (int i = 0; i < f.nodules().size(); i++) {
                NoduleRow n = f.nodules().get(i);
                update(c, "INSERT INTO followup_nodule(patient_ref, nodule_id, ordinal, seed_lps) VALUES (?,?,?,?)", p,
                        n.noduleId(), i, n.seedLps());
            }
            for (ObservationRow o : f.observations()) {
                Optional<MeasurementRow> m = o.measurement();
                update(c, "INSERT INTO followup_observation(patient_ref, nodule_id, series_uid, frame_of_reference,"
                        + " seed_lps, match_state, centroid_lps, volume_mm3, long_axis_mm, short_axis_mm,"
                        + " mean_diameter_mm, max_3d_diameter_mm, solid_mean_diameter_mm, solid_volume_mm3, mean_hu, sd_hu,"
                        + " nodule_type, voxel_count, axial_slice_k) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                        p, o.noduleId(), o.seriesUid(), o.frameOfReference(), o.seedLps(), o.matchState(),
                        m.map(MeasurementRow::centroidLps).orElse(null), m.map(MeasurementRow::volumeMm3).orElse(null),
                        m.map(MeasurementRow::longAxisMm).orElse(null), m.map(MeasurementRow::shortAxisMm).orElse(null),
                        m.map(MeasurementRow::meanDiameterMm).orElse(null), m.map(MeasurementRow::max3dDiameterMm).orElse(null),
                        m.map(MeasurementRow::solidMeanDiameterMm).orElse(null),
                        m.map(MeasurementRow::solidVolumeMm3).orElse(null), m.map(MeasurementRow::meanHu).orElse(null),
                        m.map(MeasurementRow::sdHu).orElse(null), m.map(MeasurementRow::noduleType).orElse(null),
                        m.map(MeasurementRow::voxelCount).orElse(null), m.map(MeasurementRow::axialSliceK).orElse(null));
            }
            return null;
        });
    }

    public Optional<Findings> load(PatientKey patient) throws ArchiveException {
        long p = patient.value();
        return db.read("reading follow-up findings", c -> {
            List<CaseRow> cases = query(c, "SELECT current_study_uid, current_series_uid, setting, age_years, high_risk,"
                    + " known_primary_cancer, immunocompromised, updated_at, updated_by FROM followup_case"
                    + " WHERE patient_ref = ?", rs -> new CaseRow(rs.getString(1), rs.getString(2), rs.getString(3),
                    optionalInt(rs, 4), rs.getInt(5) != 0, rs.getInt(6) != 0, rs.getInt(7) != 0, rs.getLong(8),
                    rs.getString(9)), p);
            if (cases.isEmpty()) {
                return Optional.empty();
            }
            List<PriorRow> priors = query(c, "SELECT study_uid, series_uid, current_to_prior, ncc FROM followup_prior"
                    + " WHERE patient_ref = ? ORDER BY ordinal", rs -> new PriorRow(rs.getString(1), rs.getString(2),
                    rs.getString(3), rs.getDouble(4)), p);
            List<NoduleRow> nodules = query(c, "SELECT nodule_id, seed_lps FROM followup_nodule WHERE patient_ref = ?"
                    + " ORDER BY ordinal", rs -> new NoduleRow(rs.getString(1), rs.getString(2)), p);
            List<ObservationRow> obs = query(c, "SELECT o.nodule_id, o.series_uid, o.frame_of_reference, o.seed_lps,"
                    + " o.match_state, o.centroid_lps, o.volume_mm3, o.long_axis_mm, o.short_axis_mm, o.mean_diameter_mm,"
                    + " o.max_3d_diameter_mm, o.solid_mean_diameter_mm, o.solid_volume_mm3, o.mean_hu, o.sd_hu,"
                    + " o.nodule_type, o.voxel_count, o.axial_slice_k FROM followup_observation o JOIN followup_nodule n"
                    + " ON n.patient_ref = o.patient_ref AND n.nodule_id = o.nodule_id WHERE o.patient_ref = ?"
                    + " ORDER BY n.ordinal, o.series_uid", FollowUpFindings::observation, p);
            return Optional.of(new Findings(cases.getFirst(), priors, nodules, obs));
        });
    }

    /** Removes the patient's saved follow-up (nothing happens when there is none). */
    public void delete(PatientKey patient) throws ArchiveException {
        db.inTransaction("deleting follow-up findings",
                c -> update(c, "DELETE FROM followup_case WHERE patient_ref = ?", patient.value()));
    }

    private static OptionalInt optionalInt(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(v);
    }

    private static ObservationRow observation(ResultSet rs) throws SQLException {
        String centroid = rs.getString(6);
        Optional<MeasurementRow> m = centroid == null ? Optional.empty() : Optional.of(new MeasurementRow(centroid,
                rs.getDouble(7), rs.getDouble(8), rs.getDouble(9), rs.getDouble(10), rs.getDouble(11), rs.getDouble(12),
                rs.getDouble(13), rs.getDouble(14), rs.getDouble(15), rs.getString(16), rs.getInt(17), rs.getInt(18)));
        return new ObservationRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), m);
    }

    @Override
    public void close() throws ArchiveException {
        db.close();
    }
}
