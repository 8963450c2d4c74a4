package org.noduletrack.archive.casefolder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.PatientKey;
import org.noduletrack.archive.casefolder.FollowUpFindings.CaseRow;
import org.noduletrack.archive.casefolder.FollowUpFindings.Findings;
import org.noduletrack.archive.casefolder.FollowUpFindings.MeasurementRow;
import org.noduletrack.archive.casefolder.FollowUpFindings.NoduleRow;
import org.noduletrack.archive.casefolder.FollowUpFindings.ObservationRow;
import org.noduletrack.archive.casefolder.FollowUpFindings.PriorRow;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.importer.ImportListener;
import org.noduletrack.archive.importer.ImportOptions;
import org.noduletrack.archive.testing.Media;

/** Saved follow-up findings on a real library database file: round trip, replacement, deletion with the patient. */
class FollowUpFindingsTest {
    @TempDir
    Path tmp;

    static Findings sample(String current, double volume) {
        MeasurementRow m = new MeasurementRow("-76.91234567890123,49.5,-135.4", volume, 8.123456789012345, 7.1,
                7.6117283945061725, 9.3, 0, 0, 12.5, 41.25, "SOLID", 812, 57);
        return new Findings(
                new CaseRow("1.2.3", current, "INCIDENTAL", OptionalInt.of(64), true, false, false, 1_700_000_000_123L, "dr.a"),
                List.of(new PriorRow("1.2.1", "1.2.1.1", "0.9998 -0.01 0.0 3.25 0.01 0.9998 0.0 -2.0 0.0 0.0 1.0 7.5", 0.91),
                        new PriorRow("1.2.2", "1.2.2.1", "1.0 0.0 0.0 0.0 0.0 1.0 0.0 0.0 0.0 0.0 1.0 0.0", 0.95)),
                List.of(new NoduleRow("N2", "-70.0,50.0,-130.0"), new NoduleRow("N1", "60.0,66.0,-190.0")),
                List.of(new ObservationRow("N2", "1.2.1.1", "9.9", "-71.0,51.0,-131.0", "CONFIRMED", Optional.of(m)),
                        new ObservationRow("N2", current, "9.9", "-70.0,50.0,-130.0", "SEED", Optional.of(m)),
                        new ObservationRow("N1", "1.2.1.1", "9.9", "61.0,67.0,-191.0", "NOT_FOUND", Optional.empty()),
                        new ObservationRow("N1", current, "9.9", "60.0,66.0,-190.0", "SEED", Optional.of(m))));
    }

    @Test
    void findingsRoundTripExactlyAndAreReplacedAsAWhole() throws IOException, java.sql.SQLException {
        Path root = tmp.resolve("lib");
        PatientKey doe;
        try (Library lib = Library.open(root)) {
            lib.importer(ImportOptions.defaults()).importPaths(List.of(Media.dicomdirMedium(tmp.resolve("cd"), "DICOMDIR")),
                    ImportListener.NONE, new CancelToken());
            doe = lib.store().patientsWithId("98890234").getFirst().key();
        }
        Findings first = sample("1.2.3.1", 401.00000000000006);
        try (FollowUpFindings store = FollowUpFindings.open(root)) {
            assertThat(store.load(doe)).isEmpty();
            store.save(doe, first);
        }
        // a new connection (as after a restart) reads back exactly what was saved, nodule order kept
        try (FollowUpFindings store = FollowUpFindings.open(root)) {
            Findings back = store.load(doe).orElseThrow();
            assertThat(back.followUp()).isEqualTo(first.followUp());
            assertThat(back.priors()).containsExactlyElementsOf(first.priors());
            assertThat(back.nodules()).extracting(NoduleRow::noduleId).containsExactly("N2", "N1");
            assertThat(back.observations()).containsExactlyInAnyOrderElementsOf(first.observations());
            assertThat(back.observations().getFirst().noduleId()).isEqualTo("N2");
            assertThat(back.observations().stream().filter(o -> o.matchState().equals("SEED")).findFirst().orElseThrow()
                    .measurement().orElseThrow().volumeMm3()).isEqualTo(401.00000000000006);

            Findings second = new Findings(new CaseRow("1.2.3", "1.2.3.1", "SCREENING", OptionalInt.empty(), false, false,
                    true, 1_700_000_100_000L, "dr.b"), List.of(), List.of(new NoduleRow("N1", "1.0,2.0,3.0")),
                    List.of(new ObservationRow("N1", "1.2.3.1", "9.9", "1.0,2.0,3.0", "SEED", Optional.of(
                            first.observations().getFirst().measurement().orElseThrow()))));
            store.save(doe, second);
            assertThat(store.load(doe)).contains(second);
        }
        // deleting removes the follow-up and (ON DELETE CASCADE) its priors, nodules and observations
        try (FollowUpFindings store = FollowUpFindings.open(root)) {
            store.delete(doe);
            assertThat(store.load(doe)).isEmpty();
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + root.resolve(Library.DATABASE_FILE));
             java.sql.Statement s = c.createStatement()) {
            for (String table : List.of("followup_prior", "followup_nodule", "followup_observation")) {
                try (java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                    assertThat(rs.getInt(1)).as(table).isZero();
                }
            }
        }
    }
}
