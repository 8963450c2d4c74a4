package org.noduletrack.archive.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.archive.Library;

/**
 * A library written by an earlier version opens with the current one: its schema is migrated in place and its rows
 * read with the new columns' defaults (a library is the user's data: an upgrade must never lose or refuse it).
 */
class SchemaUpgradeTest {
    @Test
    void aVersion3LibraryGainsTheKernelColumnAndKeepsItsSeries(@TempDir Path root) throws Exception {
        String url = "jdbc:sqlite:" + root.resolve(Library.DATABASE_FILE);
        Flyway.configure(SchemaUpgradeTest.class.getClassLoader()).dataSource(url, null, null)
                .locations("classpath:db/migration").target("3").load().migrate();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("INSERT INTO patient(id, identity_key, patient_id, issuer, name_alphabetic, name_ideographic,"
                    + " name_phonetic, birth_date, sex) VALUES (1, 'P1||Doe^Jane|19500101', 'P1', '', 'Doe^Jane', '', '',"
                    + " '19500101', 'F')");
            s.execute("INSERT INTO study(id, study_uid, patient_ref, study_date, study_time, accession_number, study_id,"
                    + " description, imported_at) VALUES (1, '1.2.3', 1, '20200101', '', '', '', 'CT CHEST', 0)");
            s.execute("INSERT INTO series(id, series_uid, study_ref, modality, series_number, series_date, description,"
                    + " body_part, frame_of_reference, rows_count, columns_count, pixel_spacing_row, pixel_spacing_col,"
                    + " slice_thickness, orientation) VALUES (1, '1.2.3.4', 1, 'CT', 2, '20200101', 'Lung 1.0', 'CHEST',"
                    + " '1.2.3.9', 512, 512, 0.7, 0.7, 1.0, '1\\0\\0\\0\\1\\0')");
        }
        try (Library lib = Library.open(root)) {
            assertThat(lib.store().series()).singleElement().satisfies(s -> {
                assertThat(s.description()).isEqualTo("Lung 1.0");
                assertThat(s.kernel()).isEmpty();
                assertThat(s.number()).hasValue(2);
            });
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT max(version) FROM flyway_schema_history WHERE success = 1")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("4");
        }
    }
}
