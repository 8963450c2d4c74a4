package org.noduletrack.archive.casefolder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.PatientKey;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.importer.ImportListener;
import org.noduletrack.archive.importer.ImportOptions;
import org.noduletrack.archive.index.AuditLog;
import org.noduletrack.archive.index.PatientRecord;
import org.noduletrack.archive.index.ReportKind;
import org.noduletrack.archive.testing.Media;

class CaseFolderTest {
    @TempDir
    Path tmp;

    @Test
    void historyNotesReportsTimelineAndSamePersonLinks() throws IOException {
        Path medium = Media.dicomdirMedium(tmp.resolve("cd"), "DICOMDIR");
        try (Library lib = Library.open(tmp.resolve("lib"))) {
            lib.importer(ImportOptions.defaults()).importPaths(List.of(medium), ImportListener.NONE, new CancelToken());
            List<PatientRecord> patients = lib.store().patients();
            assertThat(patients).hasSize(2);
            PatientKey doe = lib.store().patientsWithId("98890234").getFirst().key();
            PatientKey other = lib.store().patientsWithId("77654033").getFirst().key();
            assertThat(lib.store().patientsWithId("98890234").getFirst().name().alphabetic()).isEqualTo("Doe^Peter");

            CaseFolders cf = lib.caseFolders();
            cf.setClinicalHistory(doe, "Smoker, 30 pack-years. Incidental nodule RUL 2001.");
            cf.setClinicalHistory(doe, "Smoker, 30 pack-years. Incidental nodule RUL 2001. Follow-up per Fleischner.");
            assertThat(cf.clinicalHistory(doe)).hasValueSatisfying(h -> assertThat(h.text()).endsWith("Fleischner."));
            cf.addNote(doe, "dr.a", "compare with 2003 MR");
            cf.addNote(doe, "dr.b", "stable");
            assertThat(cf.notes(doe)).extracting(Note::author).containsExactly("dr.a", "dr.b");

            Path pdf = tmp.resolve("report.pdf");
            Files.writeString(pdf, "%PDF-1.4 fake report");
            ReportEntry rep = cf.attachReport(doe, pdf, "CT chest report", "20020101");
            assertThat(rep.kind()).isEqualTo(ReportKind.PDF);
            assertThat(lib.file(rep.filePath().orElseThrow())).exists().hasContent("%PDF-1.4 fake report");

            // the patient's studies are dated 20010101 (CT) and 20030505 (MR x3): the report sits between them
            List<TimelineEntry> timeline = cf.timeline(doe, false);
            assertThat(timeline).extracting(TimelineEntry::date)
                    .containsExactly("20010101", "20020101", "20030505", "20030505", "20030505");
            assertThat(timeline.get(1)).isInstanceOf(TimelineEntry.ReportItem.class);

            // patients are never merged automatically; a confirmed link groups them, reversibly
            assertThat(lib.store().samePerson(doe)).hasSize(1);
            lib.store().linkSamePerson(doe, other);
            assertThat(lib.store().samePerson(doe)).extracting(PatientRecord::key).containsExactlyInAnyOrder(doe, other);
            assertThat(cf.timeline(doe, true)).hasSize(5 + 2);
            lib.store().unlinkPerson(other);
            assertThat(lib.store().samePerson(doe)).hasSize(1);
            assertThat(lib.store().patient(doe).orElseThrow().personGroup()).isEmpty();
            assertThat(lib.store().patients()).hasSize(2);

            assertThat(lib.audit().recent(50)).extracting(AuditLog.Entry::action)
                    .contains(AuditLog.Action.IMPORT, AuditLog.Action.LINK, AuditLog.Action.UNLINK, AuditLog.Action.CASE_FOLDER);
            assertThat(lib.audit().recent(50)).allSatisfy(e -> {
                assertThat(e.osUser()).isNotBlank();
                assertThat(e.target() + e.detail()).doesNotContain("Doe").doesNotContain("98890234");
            });
            assertThat(lib.verify(false).consistent()).isTrue();
        }
    }

    @Test
    void deletingAStudyRemovesFilesAndRowsTogetherAndIsAudited() throws IOException {
        Path medium = Media.dicomdirMedium(tmp.resolve("cd"), "DICOMDIR");
        try (Library lib = Library.open(tmp.resolve("lib"))) {
            lib.importer(ImportOptions.defaults()).importPaths(List.of(medium), ImportListener.NONE, new CancelToken());
            var study = lib.store().studies().getFirst();
            List<String> paths = lib.store().series(study.uid()).stream()
                    .flatMap(s -> {
                        try {
                            return lib.store().instances(s.uid()).stream();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).map(i -> i.filePath()).toList();
            assertThat(paths).hasSize(study.instances());
            int removed = lib.store().deleteStudy(study.uid());
            assertThat(removed).isEqualTo(study.instances());
            for (String p : paths) {
                assertThat(lib.file(p)).doesNotExist();
            }
            assertThat(lib.store().study(study.uid())).isEmpty();
            assertThat(lib.store().instanceCount()).isEqualTo(Media.DICOMDIR_SET_INSTANCES - removed);
            assertThat(lib.verify(false).consistent()).isTrue();
            assertThat(lib.audit().recent(1).getFirst().action()).isEqualTo(AuditLog.Action.DELETE);
            // and it can come back
            var again = lib.importer(ImportOptions.defaults()).importPaths(List.of(medium), ImportListener.NONE,
                    new CancelToken());
            assertThat(again.imported()).isEqualTo(removed);
        }
    }

    @Test
    void secondOpenOfTheSameLibraryIsRefused() throws IOException {
        try (Library lib = Library.open(tmp.resolve("lib"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Library.open(tmp.resolve("lib")))
                    .isInstanceOf(org.noduletrack.archive.ArchiveException.class).hasMessageContaining("in use");
        }
        try (Library lib = Library.open(tmp.resolve("lib"))) {
            assertThat(lib.store().patients()).isEmpty();
        }
    }
}
