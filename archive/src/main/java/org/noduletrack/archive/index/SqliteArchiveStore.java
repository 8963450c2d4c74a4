package org.noduletrack.archive.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.ArchiveStore;
import org.noduletrack.archive.PatientKey;
import org.noduletrack.archive.SeriesUid;
import org.noduletrack.archive.SopInstanceUid;
import org.noduletrack.archive.StudyUid;
import org.noduletrack.archive.store.FileStore;
import org.noduletrack.dicom.charset.PersonName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ArchiveStore} on the library's SQLite database and managed file store. */
public final class SqliteArchiveStore implements ArchiveStore {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteArchiveStore.class);

    private static final String PATIENT_COLUMNS = "p.id, p.patient_id, p.issuer, p.name_alphabetic, p.name_ideographic,"
            + " p.name_phonetic, p.birth_date, p.sex, p.person_id,"
            + " (SELECT count(*) FROM study s WHERE s.patient_ref = p.id)";
    private static final String STUDY_SELECT = "SELECT st.study_uid, st.patient_ref, p.patient_id, st.study_date,"
            + " st.study_time, st.accession_number, st.study_id, st.description,"
            + " (SELECT group_concat(DISTINCT se.modality) FROM series se WHERE se.study_ref = st.id),"
            + " (SELECT count(*) FROM series se WHERE se.study_ref = st.id),"
            + " (SELECT count(*) FROM instance i JOIN series se ON i.series_ref = se.id WHERE se.study_ref = st.id)"
            + " FROM study st JOIN patient p ON st.patient_ref = p.id";
    private static final String SERIES_SELECT = "SELECT se.series_uid, st.study_uid, p.id, p.patient_id, se.modality,"
            + " se.series_number, se.series_date, se.description, se.body_part, se.frame_of_reference, se.rows_count,"
            + " se.columns_count, se.pixel_spacing_row, se.pixel_spacing_col, se.slice_thickness, se.orientation,"
            + " (SELECT min(i.slice_position) FROM instance i WHERE i.series_ref = se.id),"
            + " (SELECT max(i.slice_position) FROM instance i WHERE i.series_ref = se.id),"
            + " (SELECT count(*) FROM instance i WHERE i.series_ref = se.id), se.convolution_kernel"
            + " FROM series se JOIN study st ON se.study_ref = st.id JOIN patient p ON st.patient_ref = p.id";
    private static final String INSTANCE_SELECT = "SELECT i.sop_uid, se.series_uid, i.sop_class_uid, i.instance_number,"
            + " i.transfer_syntax, i.slice_position, i.frames, i.file_path, i.file_size, i.sha256"
            + " FROM instance i JOIN series se ON i.series_ref = se.id";

    private final Database db;
    private final FileStore files;
    private final AuditLog audit;

    public SqliteArchiveStore(Database db, FileStore files, AuditLog audit) {
        this.db = db;
        this.files = files;
        this.audit = audit;
    }

    // ---- queries ------------------------------------------------------------------------------------------------

    @Override
    public List<PatientRecord> patients() throws ArchiveException {
        return db.read("listing patients", c -> query(c, "SELECT " + PATIENT_COLUMNS
                + " FROM patient p ORDER BY p.name_alphabetic, p.patient_id, p.id", SqliteArchiveStore::patientRow));
    }

    @Override
    public Optional<PatientRecord> patient(PatientKey key) throws ArchiveException {
        return db.read("reading a patient", c -> query(c, "SELECT " + PATIENT_COLUMNS + " FROM patient p WHERE p.id = ?",
                SqliteArchiveStore::patientRow, key.value()).stream().findFirst());
    }

    @Override
    public List<PatientRecord> patientsWithId(String patientId) throws ArchiveException {
        return db.read("finding patients", c -> query(c, "SELECT " + PATIENT_COLUMNS
                + " FROM patient p WHERE p.patient_id = ? ORDER BY p.id", SqliteArchiveStore::patientRow, patientId));
    }

    @Override
    public List<StudyRecord> studies() throws ArchiveException {
        return db.read("listing studies", c -> query(c, STUDY_SELECT
                + " ORDER BY p.name_alphabetic, p.id, st.study_date, st.study_time", SqliteArchiveStore::studyRow));
    }

    @Override
    public List<StudyRecord> studies(PatientKey patient) throws ArchiveException {
        return db.read("listing studies", c -> query(c, STUDY_SELECT
                + " WHERE st.patient_ref = ? ORDER BY st.study_date, st.study_time", SqliteArchiveStore::studyRow,
                patient.value()));
    }

    @Override
    public Optional<StudyRecord> study(StudyUid uid) throws ArchiveException {
        return db.read("reading a study", c -> query(c, STUDY_SELECT + " WHERE st.study_uid = ?",
                SqliteArchiveStore::studyRow, uid.value()).stream().findFirst());
    }

    @Override
    public List<SeriesRecord> series() throws ArchiveException {
        return db.read("listing series", c -> query(c, SERIES_SELECT
                + " ORDER BY p.id, st.study_date, st.id, se.series_number, se.id", SqliteArchiveStore::seriesRow));
    }

    @Override
    public List<SeriesRecord> series(PatientKey patient) throws ArchiveException {
        return db.read("listing series", c -> query(c, SERIES_SELECT
                + " WHERE p.id = ? ORDER BY st.study_date, st.id, se.series_number, se.id", SqliteArchiveStore::seriesRow,
                patient.value()));
    }

    @Override
    public List<SeriesRecord> series(StudyUid study) throws ArchiveException {
        return db.read("listing series", c -> query(c, SERIES_SELECT
                + " WHERE st.study_uid = ? ORDER BY se.series_number, se.id", SqliteArchiveStore::seriesRow, study.value()));
    }

    @Override
    public List<InstanceRecord> instances(SeriesUid series) throws ArchiveException {
        return db.read("listing instances", c -> query(c, INSTANCE_SELECT
                + " WHERE se.series_uid = ? ORDER BY i.slice_position, i.instance_number, i.id",
                SqliteArchiveStore::instanceRow, series.value()));
    }

    @Override
    public Optional<InstanceRecord> instance(SopInstanceUid uid) throws ArchiveException {
        return db.read("reading an instance", c -> query(c, INSTANCE_SELECT + " WHERE i.sop_uid = ?",
                SqliteArchiveStore::instanceRow, uid.value()).stream().findFirst());
    }

    /** SHA-256 of the indexed instance with this UID: the import's duplicate check, one indexed lookup, no join. */
    public Optional<String> instanceSha256(SopInstanceUid uid) throws ArchiveException {
        return db.read("reading an instance", c -> query(c, "SELECT sha256 FROM instance WHERE sop_uid = ?",
                rs -> rs.getString(1), uid.value()).stream().findFirst());
    }

    @Override
    public long instanceCount() throws ArchiveException {
        return db.read("counting instances", c -> query(c, "SELECT count(*) FROM instance", rs -> rs.getLong(1)).getFirst());
    }

    @Override
    public boolean hasConflict(SopInstanceUid uid, String sha256) throws ArchiveException {
        return db.read("reading conflicts", c -> !query(c, "SELECT 1 FROM conflict WHERE sop_uid = ? AND sha256 = ?",
                rs -> 1, uid.value(), sha256).isEmpty());
    }

    /** Relative paths that committed rows give to content with this hash (instances, conflicts, attached reports). */
    public List<String> pathsForContent(String sha256) throws ArchiveException {
        return db.read("reading file paths", c -> query(c, "SELECT file_path FROM instance WHERE sha256 = ?"
                + " UNION SELECT file_path FROM conflict WHERE sha256 = ?"
                + " UNION SELECT file_path FROM report WHERE file_path LIKE ?", rs -> rs.getString(1),
                sha256, sha256, "reports/" + sha256 + ".%"));
    }

    // ---- updates ------------------------------------------------------------------------------------------------

    @Override
    public void add(List<StoredInstance> instances, List<ConflictRecord> conflicts, String source) throws ArchiveException {
        if (instances.isEmpty() && conflicts.isEmpty()) {
            return;
        }
        long now = audit.clock().millis();
        db.inTransaction("indexing imported files", c -> {
            new BatchInserter(c, now, audit.osUser()).insert(instances);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO conflict(sop_uid, file_path, file_size, sha256,"
                    + " source, found_at) VALUES (?,?,?,?,?,?) ON CONFLICT(file_path) DO NOTHING")) {
                for (ConflictRecord r : conflicts) {
                    ps.setString(1, r.uid().value());
                    ps.setString(2, r.filePath());
                    ps.setLong(3, r.size());
                    ps.setString(4, r.sha256());
                    ps.setString(5, r.source());
                    ps.setLong(6, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            audit.record(c, AuditLog.Action.IMPORT, source, instances.size() + " instances, " + conflicts.size()
                    + " conflicts");
            return null;
        });
    }

    @Override
    public int deleteStudy(StudyUid uid) throws ArchiveException {
        List<String> paths = db.inTransaction("deleting a study", c -> {
            List<String> p = query(c, "SELECT i.file_path FROM instance i JOIN series se ON i.series_ref = se.id"
                    + " JOIN study st ON se.study_ref = st.id WHERE st.study_uid = ?", rs -> rs.getString(1), uid.value());
            int deleted = update(c, "DELETE FROM study WHERE study_uid = ?", uid.value());
            if (deleted == 0) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO pending_delete(file_path) VALUES (?)")) {
                for (String path : p) {
                    ps.setString(1, path);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            audit.record(c, AuditLog.Action.DELETE, uid.value(), p.size() + " instances");
            return p;
        });
        if (paths == null) {
            throw new ArchiveException(ArchiveException.Reason.NOT_FOUND, "no study " + uid + " in the library");
        }
        finishPendingDeletes();
        LOG.info("deleted study {} ({} instances)", uid, paths.size());
        return paths.size();
    }

    /** Removes the files journalled in {@code pending_delete}, then their journal rows. Idempotent. */
    public int finishPendingDeletes() throws ArchiveException {
        List<String> pending = db.read("reading pending deletions",
                c -> query(c, "SELECT file_path FROM pending_delete", rs -> rs.getString(1)));
        for (String p : pending) {
            // content-addressed: the same content may have been imported again meanwhile; keep it then
            boolean stillUsed = db.read("checking a file", c -> !query(c, "SELECT 1 FROM instance WHERE file_path = ?"
                    + " UNION SELECT 1 FROM conflict WHERE file_path = ?", rs -> 1, p, p).isEmpty());
            if (!stillUsed) {
                files.delete(p);
            }
        }
        if (!pending.isEmpty()) {
            db.inTransaction("clearing pending deletions", c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM pending_delete WHERE file_path = ?")) {
                    for (String p : pending) {
                        ps.setString(1, p);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        }
        return pending.size();
    }

    @Override
    public void linkSamePerson(PatientKey a, PatientKey b) throws ArchiveException {
        if (a.equals(b)) {
            return;
        }
        db.inTransaction("linking patients", c -> {
            Long ga = personOf(c, a);
            Long gb = personOf(c, b);
            long group;
            if (ga == null && gb == null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO person(created_at, created_by) VALUES (?,?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setLong(1, audit.clock().millis());
                    ps.setString(2, audit.osUser());
                    ps.executeUpdate();
                    group = generatedKey(ps);
                }
            } else {
                group = ga != null ? ga : gb;
            }
            update(c, "UPDATE patient SET person_id = ? WHERE id IN (?, ?)", group, a.value(), b.value());
            Long other = ga != null && gb != null && !ga.equals(gb) ? gb : null;
            if (other != null) {
                update(c, "UPDATE patient SET person_id = ? WHERE person_id = ?", group, other);
                update(c, "DELETE FROM person WHERE id = ?", other);
            }
            audit.record(c, AuditLog.Action.LINK, a + "," + b, "person#" + group);
            return null;
        });
    }

    @Override
    public void unlinkPerson(PatientKey patient) throws ArchiveException {
        db.inTransaction("unlinking a patient", c -> {
            Long group = personOf(c, patient);
            if (group == null) {
                return null;
            }
            update(c, "UPDATE patient SET person_id = NULL WHERE id = ?", patient.value());
            List<Long> left = query(c, "SELECT id FROM patient WHERE person_id = ?", rs -> rs.getLong(1), group);
            if (left.size() <= 1) {
                update(c, "UPDATE patient SET person_id = NULL WHERE person_id = ?", group);
                update(c, "DELETE FROM person WHERE id = ?", group);
            }
            audit.record(c, AuditLog.Action.UNLINK, patient.toString(), "person#" + group);
            return null;
        });
    }

    @Override
    public List<PatientRecord> samePerson(PatientKey patient) throws ArchiveException {
        return db.read("reading linked patients", c -> query(c, "SELECT " + PATIENT_COLUMNS + " FROM patient p WHERE p.id = ?"
                + " OR (p.person_id IS NOT NULL AND p.person_id = (SELECT person_id FROM patient WHERE id = ?)) ORDER BY p.id",
                SqliteArchiveStore::patientRow, patient.value(), patient.value()));
    }

    private static Long personOf(Connection c, PatientKey key) throws SQLException {
        List<Long> r = query(c, "SELECT person_id FROM patient WHERE id = ?", rs -> {
            long v = rs.getLong(1);
            return rs.wasNull() ? -1L : v;
        }, key.value());
        if (r.isEmpty()) {
            throw new SQLException("no patient " + key);
        }
        return r.getFirst() < 0 ? null : r.getFirst();
    }

    // ---- row mapping --------------------------------------------------------------------------------------------

    private static PatientRecord patientRow(ResultSet rs) throws SQLException {
        long person = rs.getLong(9);
        OptionalLong group = rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(person);
        return new PatientRecord(new PatientKey(rs.getLong(1)), rs.getString(2), rs.getString(3),
                new PersonName(rs.getString(4), rs.getString(5), rs.getString(6)), rs.getString(7), rs.getString(8),
                group, rs.getInt(10));
    }

    private static StudyRecord studyRow(ResultSet rs) throws SQLException {
        String mods = rs.getString(9);
        List<String> modalities = mods == null || mods.isEmpty() ? List.of()
                : Arrays.stream(mods.split(",")).filter(m -> !m.isEmpty()).sorted().toList();
        return new StudyRecord(new StudyUid(rs.getString(1)), new PatientKey(rs.getLong(2)), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), modalities,
                rs.getInt(10), rs.getInt(11));
    }

    private static SeriesRecord seriesRow(ResultSet rs) throws SQLException {
        int number = rs.getInt(6);
        OptionalInt num = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(number);
        GeometrySummary g = new GeometrySummary(rs.getInt(11), rs.getInt(12), dbl(rs, 13), dbl(rs, 14), dbl(rs, 15),
                rs.getString(16), dbl(rs, 17), dbl(rs, 18));
        return new SeriesRecord(new SeriesUid(rs.getString(1)), new StudyUid(rs.getString(2)),
                new PatientKey(rs.getLong(3)), rs.getString(4), rs.getString(5), num, rs.getString(7), rs.getString(8),
                rs.getString(20), rs.getString(9), rs.getString(10), g, rs.getInt(19));
    }

    private static InstanceRecord instanceRow(ResultSet rs) throws SQLException {
        int number = rs.getInt(4);
        OptionalInt num = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(number);
        double pos = rs.getDouble(6);
        OptionalDouble position = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(pos);
        return new InstanceRecord(new SopInstanceUid(rs.getString(1)), new SeriesUid(rs.getString(2)), rs.getString(3),
                num, rs.getString(5), position, rs.getInt(7), rs.getString(8), rs.getLong(9), rs.getString(10));
    }

    private static double dbl(ResultSet rs, int column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? Double.NaN : v;
    }

    // ---- JDBC helpers -------------------------------------------------------------------------------------------

    /** Maps one row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    public static <T> List<T> query(Connection c, String sql, RowMapper<T> mapper, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        }
    }

    public static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object a = args[i];
            if (a == null) {
                ps.setNull(i + 1, Types.NULL);
            } else if (a instanceof OptionalInt oi) {
                if (oi.isPresent()) {
                    ps.setInt(i + 1, oi.getAsInt());
                } else {
                    ps.setNull(i + 1, Types.INTEGER);
                }
            } else if (a instanceof OptionalDouble od) {
                if (od.isPresent() && Double.isFinite(od.getAsDouble())) {
                    ps.setDouble(i + 1, od.getAsDouble());
                } else {
                    ps.setNull(i + 1, Types.REAL);
                }
            } else if (a instanceof Double d) {
                if (Double.isFinite(d)) {
                    ps.setDouble(i + 1, d);
                } else {
                    ps.setNull(i + 1, Types.REAL);
                }
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    public static long generatedKey(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no generated key");
            }
            return keys.getLong(1);
        }
    }

    /** Inserts one batch, reusing patient/study/series rows across the batch. */
    private static final class BatchInserter {
        private final Connection c;
        private final long now;
        private final String user;
        private final Map<String, Long> patients = new HashMap<>();
        private final Map<String, Long> studies = new HashMap<>();
        private final Map<String, Long> series = new HashMap<>();

        BatchInserter(Connection c, long now, String user) {
            this.c = c;
            this.now = now;
            this.user = user;
        }

        void insert(List<StoredInstance> batch) throws SQLException {
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO instance(sop_uid, series_ref, sop_class_uid,"
                    + " instance_number, transfer_syntax, slice_position, frames, file_path, file_size, sha256, imported_at)"
                    + " VALUES (?,?,?,?,?,?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                for (StoredInstance si : batch) {
                    InstanceHeader h = si.header();
                    long patient = patient(h);
                    long seriesRef = series(h, study(h, patient));
                    bind(ins, h.sopUid().value(), seriesRef, h.sopClassUid(), h.instanceNumber(), h.transferSyntaxUid(),
                            h.slicePositionMm(), h.frames(), si.filePath(), si.size(), si.sha256(), now);
                    ins.executeUpdate();
                    if (h.reportKind().isPresent()) {
                        long instanceRef = generatedKey(ins);
                        String date = !h.contentDate().isEmpty() ? h.contentDate() : h.studyDate();
                        String title = h.documentTitle().isEmpty() ? h.studyDescription() : h.documentTitle();
                        update(c, "INSERT INTO report(patient_ref, kind, title, report_date, file_path, instance_ref,"
                                + " added_at, added_by) VALUES (?,?,?,?,NULL,?,?,?)", patient, h.reportKind().get().name(),
                                title, date, instanceRef, now, user);
                    }
                }
            }
        }

        private long patient(InstanceHeader h) throws SQLException {
            PersonName n = h.patientName();
            return findOrInsert(patients, h.patientIdentityKey(), "SELECT id FROM patient WHERE identity_key = ?",
                    "INSERT INTO patient(identity_key, patient_id, issuer, name_alphabetic, name_ideographic,"
                            + " name_phonetic, birth_date, sex) VALUES (?,?,?,?,?,?,?,?)",
                    h.patientIdentityKey(), h.patientId(), h.issuer(), n.alphabetic(), n.ideographic(), n.phonetic(),
                    h.birthDate(), h.sex());
        }

        private long study(InstanceHeader h, long patient) throws SQLException {
            String uid = h.studyUid().value();
            return findOrInsert(studies, uid, "SELECT id FROM study WHERE study_uid = ?",
                    "INSERT INTO study(study_uid, patient_ref, study_date, study_time, accession_number, study_id,"
                            + " description, imported_at) VALUES (?,?,?,?,?,?,?,?)",
                    uid, patient, h.studyDate(), h.studyTime(), h.accessionNumber(), h.studyId(), h.studyDescription(), now);
        }

        private long series(InstanceHeader h, long study) throws SQLException {
            String uid = h.seriesUid().value();
            return findOrInsert(series, uid, "SELECT id FROM series WHERE series_uid = ?",
                    "INSERT INTO series(series_uid, study_ref, modality, series_number, series_date, description,"
                            + " body_part, frame_of_reference, rows_count, columns_count, pixel_spacing_row,"
                            + " pixel_spacing_col, slice_thickness, orientation, convolution_kernel)"
                            + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    uid, study, h.modality(), h.seriesNumber(), h.seriesDate(), h.seriesDescription(), h.bodyPart(),
                    h.frameOfReferenceUid(), h.rows(), h.columns(), h.rowSpacingMm(), h.columnSpacingMm(),
                    h.sliceThicknessMm(), h.orientation(), h.convolutionKernel());
        }

        /** The row id for {@code key}: from this batch's cache, else the table, else a new row. */
        private long findOrInsert(Map<String, Long> cache, String key, String select, String insert, Object... values)
                throws SQLException {
            Long id = cache.get(key);
            if (id != null) {
                return id;
            }
            List<Long> found = query(c, select, rs -> rs.getLong(1), key);
            if (found.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(insert, Statement.RETURN_GENERATED_KEYS)) {
                    bind(ps, values);
                    ps.executeUpdate();
                    id = generatedKey(ps);
                }
            } else {
                id = found.getFirst();
            }
            cache.put(key, id);
            return id;
        }
    }
}
