package org.noduletrack.archive.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.noduletrack.archive.ArchiveException;

/**
 * The audit log: import, open, export, delete (and link/unlink, recovery) events with time and OS user. Targets are
 * UIDs or internal keys, never patient names or IDs.
 */
public final class AuditLog {
    /** Audited actions. */
    public enum Action { IMPORT, OPEN, EXPORT, DELETE, LINK, UNLINK, RECOVER, CASE_FOLDER }

    /** One audit entry. */
    public record Entry(Instant at, String osUser, Action action, String target, String detail) {}

    private final Database db;
    private final String osUser;
    private final Clock clock;

    public AuditLog(Database db, String osUser, Clock clock) {
        this.db = db;
        this.osUser = osUser;
        this.clock = clock;
    }

    public String osUser() { return osUser; }

    public Clock clock() { return clock; }

    /** Records an event in its own transaction. */
    public void record(Action action, String target, String detail) throws ArchiveException {
        db.inTransaction("writing the audit log", c -> {
            record(c, action, target, detail);
            return null;
        });
    }

    /** Records an event inside the caller's transaction, so it commits (or not) with the change it describes. */
    public void record(Connection c, Action action, String target, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_log(at, os_user, action, target, detail) VALUES (?,?,?,?,?)")) {
            ps.setLong(1, clock.millis());
            ps.setString(2, osUser);
            ps.setString(3, action.name());
            ps.setString(4, target);
            ps.setString(5, detail);
            ps.executeUpdate();
        }
    }

    /** The most recent entries, newest first. */
    public List<Entry> recent(int limit) throws ArchiveException {
        return db.read("reading the audit log", c -> {
            List<Entry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT at, os_user, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Entry(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2),
                                Action.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5)));
                    }
                }
            }
            return out;
        });
    }
}
