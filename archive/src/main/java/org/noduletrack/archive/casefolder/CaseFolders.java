package org.noduletrack.archive.casefolder;

import static org.noduletrack.archive.index.SqliteArchiveStore.generatedKey;
import static org.noduletrack.archive.index.SqliteArchiveStore.query;
import static org.noduletrack.archive.index.SqliteArchiveStore.update;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.ArchiveStore;
import org.noduletrack.archive.PatientKey;
import org.noduletrack.archive.SopInstanceUid;
import org.noduletrack.archive.index.AuditLog;
import org.noduletrack.archive.index.Database;
import org.noduletrack.archive.index.PatientRecord;
import org.noduletrack.archive.index.ReportKind;
import org.noduletrack.archive.store.FileStore;
import org.noduletrack.archive.store.StagedFile;

/**
 * Case folders: per patient a free-text clinical history, attached reports (PDF, text; DICOM SR and encapsulated PDF
 * instances are added by the importer) and notes with author and time; and the timeline of studies and reports.
 */
public final class CaseFolders {
    private final Database db;
    private final FileStore files;
    private final AuditLog audit;
    private final ArchiveStore store;

    public CaseFolders(Database db, FileStore files, AuditLog audit, ArchiveStore store) {
        this.db = db;
        this.files = files;
        this.audit = audit;
        this.store = store;
    }

    public Optional<ClinicalHistory> clinicalHistory(PatientKey patient) throws ArchiveException {
        return db.read("reading clinical history", c -> query(c, "SELECT text, updated_at, updated_by FROM clinical_history"
                + " WHERE patient_ref = ?", rs -> new ClinicalHistory(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                rs.getString(3)), patient.value()).stream().findFirst());
    }

    public void setClinicalHistory(PatientKey patient, String text) throws ArchiveException {
        db.inTransaction("saving clinical history", c -> {
            update(c, "INSERT INTO clinical_history(patient_ref, text, updated_at, updated_by) VALUES (?,?,?,?)"
                    + " ON CONFLICT(patient_ref) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at,"
                    + " updated_by = excluded.updated_by", patient.value(), text, audit.clock().millis(), audit.osUser());
            audit.record(c, AuditLog.Action.CASE_FOLDER, patient.toString(), "clinical history");
            return null;
        });
    }

    public Note addNote(PatientKey patient, String author, String text) throws ArchiveException {
        long now = audit.clock().millis();
        long id = db.inTransaction("adding a note", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO note(patient_ref, author, created_at, text)"
                    + " VALUES (?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, patient.value());
                ps.setString(2, author);
                ps.setLong(3, now);
                ps.setString(4, text);
                ps.executeUpdate();
                long key = generatedKey(ps);
                audit.record(c, AuditLog.Action.CASE_FOLDER, patient.toString(), "note#" + key);
                return key;
            }
        });
        return new Note(id, author, Instant.ofEpochMilli(now), text);
    }

    public List<Note> notes(PatientKey patient) throws ArchiveException {
        return db.read("reading notes", c -> query(c, "SELECT id, author, created_at, text FROM note WHERE patient_ref = ?"
                + " ORDER BY created_at, id", rs -> new Note(rs.getLong(1), rs.getString(2),
                Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4)), patient.value()));
    }

    /**
     * Copies a report file (PDF or text) into the library and lists it in the patient's case folder. Same protocol as
     * an import: staged copy, row committed, then filed (a crash in between is completed or undone at the next start).
     */
    public ReportEntry attachReport(PatientKey patient, Path file, String title, String date) throws ArchiveException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ReportKind kind = name.endsWith(".pdf") ? ReportKind.PDF : ReportKind.TEXT;
        String ext = kind == ReportKind.PDF ? "pdf" : "txt";
        StagedFile staged;
        try (InputStream in = Files.newInputStream(file)) {
            staged = files.stage(in);
        } catch (ArchiveException e) {
            throw e;
        } catch (IOException e) {
            throw new ArchiveException(ArchiveException.Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        String rel = FileStore.reportPath(staged.sha256(), ext);
        files.toIncoming(staged);
        files.syncIncoming();
        long now = audit.clock().millis();
        long id = db.inTransaction("attaching a report", c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO report(patient_ref, kind, title, report_date,"
                    + " file_path, instance_ref, added_at, added_by) VALUES (?,?,?,?,?,NULL,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, patient.value());
                ps.setString(2, kind.name());
                ps.setString(3, title);
                ps.setString(4, date);
                ps.setString(5, rel);
                ps.setLong(6, now);
                ps.setString(7, audit.osUser());
                ps.executeUpdate();
                long key = generatedKey(ps);
                audit.record(c, AuditLog.Action.CASE_FOLDER, patient.toString(), "report#" + key);
                return key;
            }
        });
        Set<Path> touched = new HashSet<>();
        if (Files.exists(files.resolve(rel))) {
            FileStore.deleteQuietly(files.incomingDir().resolve(staged.sha256()));
        } else {
            files.promote(staged.sha256(), rel, touched);
            files.fsyncDirectories(touched);
        }
        return new ReportEntry(id, patient, kind, title, date, Optional.of(rel), Optional.empty());
    }

    public List<ReportEntry> reports(PatientKey patient) throws ArchiveException {
        return db.read("reading reports", c -> query(c, "SELECT r.id, r.patient_ref, r.kind, r.title, r.report_date,"
                + " r.file_path, i.sop_uid FROM report r LEFT JOIN instance i ON r.instance_ref = i.id"
                + " WHERE r.patient_ref = ? ORDER BY r.report_date, r.id", CaseFolders::reportRow, patient.value()));
    }

    /**
     * The patient's studies and reports ordered by date (undated first, then by kind: studies before reports). With
     * {@code linked}, the patient records confirmed as the same person are included.
     */
    public List<TimelineEntry> timeline(PatientKey patient, boolean linked) throws ArchiveException {
        List<PatientKey> keys = linked ? store.samePerson(patient).stream().map(PatientRecord::key).toList()
                : List.of(patient);
        List<TimelineEntry> out = new ArrayList<>();
        for (PatientKey k : keys) {
            store.studies(k).forEach(s -> out.add(new TimelineEntry.StudyItem(s)));
            reports(k).forEach(r -> out.add(new TimelineEntry.ReportItem(r)));
        }
        out.sort(Comparator.comparing(TimelineEntry::date)
                .thenComparing(e -> e instanceof TimelineEntry.StudyItem ? 0 : 1));
        return out;
    }

    private static ReportEntry reportRow(ResultSet rs) throws SQLException {
        return new ReportEntry(rs.getLong(1), new PatientKey(rs.getLong(2)), ReportKind.valueOf(rs.getString(3)),
                rs.getString(4), rs.getString(5), Optional.ofNullable(rs.getString(6)),
                Optional.ofNullable(rs.getString(7)).map(SopInstanceUid::new));
    }
}
