package org.noduletrack.archive.index;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.noduletrack.archive.ArchiveException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The library's SQLite database: WAL journal, foreign keys on, synchronous FULL (a committed import survives power
 * loss), schema migrated by Flyway from {@code db/migration}. One connection, used under this object's monitor:
 * SQLite has a single writer anyway and the import pipeline batches its writes.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final Path file;
    private final Connection connection;

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating if needed) and migrates the database file. */
    public static Database open(Path file) throws ArchiveException {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        try {
            migrate(url);
            Connection c = DriverManager.getConnection(url);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA busy_timeout=10000");
            }
            LOG.debug("opened library database {}", file);
            return new Database(file, c);
        } catch (SQLException e) {
            throw ArchiveException.database("cannot open the library database " + file, e);
        } catch (org.flywaydb.core.api.FlywayException e) {
            throw new ArchiveException(ArchiveException.Reason.DATABASE,
                    "cannot migrate the library database " + file + ": " + e.getMessage(), e);
        }
    }

    private static void migrate(String url) throws SQLException {
        // Flyway takes its own connection; WAL must be on before it so the schema history is written the same way.
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
        }
        Flyway.configure(Database.class.getClassLoader())
                .dataSource(url, null, null)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public Path file() { return file; }

    /** The connection; callers synchronize on this {@code Database} while they use it. */
    Connection connection() { return connection; }

    /** Work inside one transaction; rolled back when it throws. */
    public <T> T inTransaction(String what, SqlWork<T> work) throws ArchiveException {
        synchronized (this) {
            try {
                connection.setAutoCommit(false);
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                } finally {
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                throw ArchiveException.database(what, e);
            }
        }
    }

    /** Read-only work (auto-commit). */
    public <T> T read(String what, SqlWork<T> work) throws ArchiveException {
        synchronized (this) {
            try {
                return work.run(connection);
            } catch (SQLException e) {
                throw ArchiveException.database(what, e);
            }
        }
    }

    /** Database work that may throw {@link SQLException}. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    @Override
    public void close() throws ArchiveException {
        synchronized (this) {
            try {
                connection.close();
            } catch (SQLException e) {
                throw ArchiveException.database("closing the library database", e);
            }
        }
    }
}
