package org.noduletrack.archive.casefolder;

import static org.noduletrack.archive.index.SqliteArchiveStore.query;
import static org.noduletrack.archive.index.SqliteArchiveStore.update;

import java.nio.file.Path;
import java.util.List;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.index.Database;

/**
 * Measurements drawn on images (length lines, ellipse ROIs), kept per patient and keyed by series UID and frame of
 * reference. Geometry is stored in patient LPS mm as text "x,y,z" so that the store needs no knowledge of the viewer.
 * Uses its own connection to the library database (WAL allows it beside the library's own).
 */
public final class Measurements implements AutoCloseable {
    /** One stored measurement; points and directions are "x,y,z" in LPS mm. */
    public record Row(String id, long patientRef, String seriesUid, String frameOfReference, String kind, String pointA,
                      String pointB, String rowDirection, String columnDirection, long createdAtMillis) {}

    private final Database db;

    private Measurements(Database db) {
        this.db = db;
    }

    /** Opens the measurement store of the library in {@code libraryRoot} (migrating the schema if needed). */
    public static Measurements open(Path libraryRoot) throws ArchiveException {
        return new Measurements(Database.open(libraryRoot.toAbsolutePath().normalize().resolve(Library.DATABASE_FILE)));
    }

    public List<Row> forSeries(String seriesUid, String frameOfReference) throws ArchiveException {
        return db.read("reading measurements", c -> query(c, "SELECT id, patient_ref, series_uid, frame_of_reference, kind,"
                + " point_a, point_b, row_direction, column_direction, created_at FROM measurement"
                + " WHERE series_uid = ? AND frame_of_reference = ? ORDER BY created_at, id",
                rs -> new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getLong(10)),
                seriesUid, frameOfReference));
    }

    public List<Row> forPatient(long patientRef) throws ArchiveException {
        return db.read("reading measurements", c -> query(c, "SELECT id, patient_ref, series_uid, frame_of_reference, kind,"
                + " point_a, point_b, row_direction, column_direction, created_at FROM measurement"
                + " WHERE patient_ref = ? ORDER BY created_at, id",
                rs -> new Row(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getLong(10)),
                patientRef));
    }

    /** Inserts or replaces the measurement with this id. */
    public void save(Row r) throws ArchiveException {
        db.inTransaction("saving a measurement", c -> update(c, "INSERT INTO measurement(id, patient_ref, series_uid,"
                + " frame_of_reference, kind, point_a, point_b, row_direction, column_direction, created_at)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET point_a = excluded.point_a,"
                + " point_b = excluded.point_b", r.id(), r.patientRef(), r.seriesUid(), r.frameOfReference(), r.kind(),
                r.pointA(), r.pointB(), r.rowDirection(), r.columnDirection(), r.createdAtMillis()));
    }

    public void delete(String id) throws ArchiveException {
        db.inTransaction("deleting a measurement", c -> update(c, "DELETE FROM measurement WHERE id = ?", id));
    }

    @Override
    public void close() throws ArchiveException {
        db.close();
    }
}
