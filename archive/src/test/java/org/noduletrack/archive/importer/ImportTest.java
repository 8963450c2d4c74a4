package org.noduletrack.archive.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.index.InstanceRecord;
import org.noduletrack.archive.index.PatientRecord;
import org.noduletrack.archive.index.SeriesRecord;
import org.noduletrack.archive.index.StudyRecord;
import org.noduletrack.archive.testing.Media;
import org.noduletrack.archive.testing.SharedData;

class ImportTest {
    @TempDir
    Path tmp;

    private ImportReport importInto(Library lib, Path... paths) throws IOException {
        return lib.importer(ImportOptions.defaults()).importPaths(List.of(paths), ImportListener.NONE, new CancelToken());
    }

    @Test
    void lidcFolderImportsAllSlicesAsOneSeries() throws IOException {
        Path lidc = SharedData.file("lidc-idri-0001");
        List<ImportProgress> progress = new ArrayList<>();
        try (Library lib = Library.open(tmp.resolve("lib"))) {
            ImportReport r = lib.importer(new ImportOptions(2, 50)).importPaths(List.of(lidc), progress::add, new CancelToken());
            // 133 CT slices; the XML and ATTRIBUTION are skipped with a reason (counts from dcmdump, see Media)
            assertThat(r.imported()).isEqualTo(133);
            assertThat(r.skipped()).isEqualTo(2);
            assertThat(r.failed()).isZero();
            assertThat(r.skippedFiles()).extracting(ImportReport.FileProblem::reason).allMatch(s -> s.startsWith("not a DICOM"));
            assertThat(r.series()).singleElement().satisfies(t -> {
                assertThat(t.imported()).isEqualTo(133);
                assertThat(t.modality()).isEqualTo("CT");
                assertThat(t.patientId()).isEqualTo("LIDC-IDRI-0001");
            });
            assertThat(progress).isNotEmpty();
            ImportProgress last = progress.getLast();
            assertThat(last.filesDone()).isEqualTo(135);
            assertThat(last.filesTotal()).isEqualTo(135);

            List<PatientRecord> patients = lib.store().patients();
            assertThat(patients).singleElement().satisfies(p -> assertThat(p.patientId()).isEqualTo("LIDC-IDRI-0001"));
            List<StudyRecord> studies = lib.store().studies(patients.getFirst().key());
            assertThat(studies).singleElement().satisfies(s -> {
                assertThat(s.instances()).isEqualTo(133);
                assertThat(s.modalities()).containsExactly("CT");
            });
            List<SeriesRecord> series = lib.store().series(studies.getFirst().uid());
            assertThat(series).singleElement().satisfies(s -> {
                assertThat(s.instances()).isEqualTo(133);
                assertThat(s.geometry().rows()).isEqualTo(512);
                assertThat(s.geometry().columns()).isEqualTo(512);
                assertThat(s.kernel()).as("Convolution Kernel (0018,1210) of the files").isEqualTo("STANDARD");
                // 133 slices 2.5 mm apart (shared data README): 132 x 2.5 = 330 mm covered
                assertThat(s.geometry().coverageMm()).isCloseTo(330.0, org.assertj.core.data.Offset.offset(0.01));
            });
            List<InstanceRecord> instances = lib.store().instances(series.getFirst().uid());
            assertThat(instances).hasSize(133);
            for (InstanceRecord i : instances) {
                Path f = lib.file(i.filePath());
                assertThat(f).exists();
                assertThat(Files.size(f)).isEqualTo(i.size());
            }
            assertThat(lib.verify(false).consistent()).isTrue();

            ImportReport again = importInto(lib, lidc);
            assertThat(again.imported()).isZero();
            assertThat(again.duplicates()).isEqualTo(133);
            assertThat(lib.store().instanceCount()).isEqualTo(133);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"DICOMDIR", "DICOMDIR-bigEnd", "DICOMDIR-implicit", "DICOMDIR-nooffset",
            "DICOMDIR-nopatient", "DICOMDIR-reordered", "DICOMDIR-empty.dcm"})
    void everyDicomdirVariantImportsTheWholeSet(String variant) throws IOException {
        Path medium = Media.dicomdirMedium(tmp.resolve("cd"), variant);
        try (Library lib = Library.open(tmp.resolve("lib"))) {
            ImportReport r = importInto(lib, medium);
            assertThat(r.imported()).isEqualTo(Media.DICOMDIR_SET_INSTANCES);
            assertThat(r.failed()).isZero();
            assertThat(r.dangling()).isEmpty();
            assertThat(lib.store().patients()).hasSize(Media.DICOMDIR_SET_PATIENTS);
            assertThat(lib.store().studies()).hasSize(Media.DICOMDIR_SET_STUDIES);
            assertThat(lib.store().series()).hasSize(Media.DICOMDIR_SET_SERIES);
            Map<String, Integer> perPatient = new TreeMap<>();
            for (SeriesRecord s : lib.store().series()) {
                perPatient.merge(s.patientId(), s.instances(), Integer::sum);
            }
            assertThat(perPatient).containsExactly(Map.entry("77654033", 7), Map.entry("98890234", 24));
            if (variant.equals("DICOMDIR-empty.dcm")) {
                // scanned: the empty DICOMDIR itself is met as a file and skipped as a media directory
                assertThat(r.notes()).anyMatch(n -> n.contains("scanned instead"));
                assertThat(r.skippedFiles()).singleElement().satisfies(p -> assertThat(p.reason()).contains("media directory"));
            } else {
                assertThat(r.skipped()).isZero();
            }
        }
    }

    @Test
    void danglingReferencesAreReportedAndTheRestImported() throws IOException {
        Path medium = Media.dicomdirMedium(tmp.resolve("cd"), "DICOMDIR");
        Files.delete(medium.resolve("98892003/MR700/4467"));
        Files.delete(medium.resolve("77654033/CR1/6154"));
        try (Library lib = Library.open(tmp.resolve("lib"))) {
            ImportReport r = importInto(lib, medium);
            assertThat(r.imported()).isEqualTo(29);
            assertThat(r.dangling()).containsExactlyInAnyOrder("98892003/MR700/4467", "77654033/CR1/6154");
        }
    }

    @Test
    void brokenDicomdirFallsBackToScanning() throws IOException {
        Path medium = Media.dicomdirMedium(tmp.resolve("cd"), "DICOMDIR");
        Files.write(medium.resolve("DICOMDIR"), "this is no DICOMDIR at all".getBytes());
        try (Library lib = Library.open(tmp.resolve("lib"))) {
            ImportReport r = importInto(lib, medium);
            assertThat(r.imported()).isEqualTo(Media.DICOMDIR_SET_INSTANCES);
            assertThat(r.notes()).anyMatch(n -> n.contains("scanned instead"));
            assertThat(r.skipped()).isEqualTo(1); // the broken DICOMDIR itself, as a non-DICOM file
        }
    }

    @Test
    void vendorCdImportsCompletelyTwiceWithoutDuplicatesAndIsNeverWritten() throws IOException {
        Path cd = Media.vendorCd(tmp.resolve("cd"));
        String before = listing(cd);
        cd.toFile().setReadOnly();
        try (Library lib = Library.open(tmp.resolve("lib"))) {
            ImportReport r = importInto(lib, cd);
            assertThat(r.imported()).isEqualTo(50);
            assertThat(r.failed()).isZero();
            assertThat(r.dangling()).isEmpty();
            // README (descriptor file), VIEWER.EXE, AUTORUN.INF, LOGO.JPG: skipped with a reason
            assertThat(r.skippedFiles()).extracting(ImportReport.FileProblem::file).map(f -> Path.of(f).getFileName().toString())
                    .containsExactlyInAnyOrder("README", "VIEWER.EXE", "AUTORUN.INF", "LOGO.JPG");
            assertThat(r.skippedFiles()).filteredOn(p -> p.file().endsWith("VIEWER.EXE")).singleElement()
                    .satisfies(p -> assertThat(p.reason()).contains("program"));
            assertThat(lib.store().series()).singleElement().satisfies(s -> assertThat(s.instances()).isEqualTo(50));

            ImportReport again = importInto(lib, cd);
            assertThat(again.imported()).isZero();
            assertThat(again.duplicates()).isEqualTo(50);
            assertThat(lib.store().instanceCount()).isEqualTo(50);
            assertThat(lib.store().studies()).hasSize(1);
            assertThat(lib.verify(false).consistent()).isTrue();
        } finally {
            cd.toFile().setWritable(true);
        }
        assertThat(listing(cd)).isEqualTo(before);
    }

    @Test
    void zipImportsLikeTheFolder() throws IOException {
        Path src = SharedData.file("pydicom-dicomdir");
        Path zip = tmp.resolve("study.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String folder : Media.PATIENT_FOLDERS) {
                try (Stream<Path> s = Files.walk(src.resolve(folder))) {
                    for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                        z.putNextEntry(new ZipEntry(src.relativize(p).toString()));
                        Files.copy(p, z);
                        z.closeEntry();
                    }
                }
            }
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("hello".getBytes());
            z.closeEntry();
        }
        try (Library lib = Library.open(tmp.resolve("lib"))) {
            ImportReport r = importInto(lib, zip);
            assertThat(r.imported()).isEqualTo(Media.DICOMDIR_SET_INSTANCES);
            assertThat(r.skipped()).isEqualTo(1);
            assertThat(lib.store().series()).hasSize(Media.DICOMDIR_SET_SERIES);
            assertThat(importInto(lib, zip).duplicates()).isEqualTo(Media.DICOMDIR_SET_INSTANCES);
        }
    }

    @Test
    void sameUidWithDifferentContentIsKeptAside() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path src = SharedData.file("pydicom-dicomdir/77654033/CR1/6154");
        Files.createDirectories(a);
        Files.createDirectories(b);
        Files.copy(src, a.resolve("x"));
        byte[] changed = Files.readAllBytes(src);
        changed[changed.length - 1] ^= 0x01; // last pixel byte: same header and UIDs, different content
        Files.write(b.resolve("x"), changed);
        try (Library lib = Library.open(tmp.resolve("lib"))) {
            assertThat(importInto(lib, a).imported()).isEqualTo(1);
            ImportReport r = importInto(lib, b);
            assertThat(r.imported()).isZero();
            assertThat(r.conflicts()).isEqualTo(1);
            assertThat(lib.store().instanceCount()).isEqualTo(1);
            assertThat(lib.verify(false).consistent()).isTrue();
            ImportReport again = importInto(lib, b);
            assertThat(again.conflicts()).isZero();
            assertThat(again.duplicates()).isEqualTo(1);
        }
    }

    @Test
    void cancelLeavesAConsistentLibraryAndARerunCompletes() throws IOException {
        Path lidc = SharedData.file("lidc-idri-0001");
        try (Library lib = Library.open(tmp.resolve("lib"))) {
            CancelToken cancel = new CancelToken();
            ImportReport r = lib.importer(new ImportOptions(2, 10)).importPaths(List.of(lidc), p -> {
                if (p.filesDone() >= 30) {
                    cancel.cancel();
                }
            }, cancel);
            assertThat(r.cancelled()).isTrue();
            assertThat(r.imported()).isLessThan(133);
            assertThat(lib.store().instanceCount()).isEqualTo(r.imported());
            assertThat(lib.verify(false).consistent()).isTrue();
            ImportReport rest = importInto(lib, lidc);
            assertThat(rest.imported() + r.imported()).isEqualTo(133);
            assertThat(lib.store().instanceCount()).isEqualTo(133);
        }
    }

    @Test
    void missingSourceIsAClearError() throws IOException {
        try (Library lib = Library.open(tmp.resolve("lib"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> importInto(lib, tmp.resolve("nope")))
                    .isInstanceOf(org.noduletrack.archive.ArchiveException.class).hasMessageContaining("no such file");
        }
    }

    static String listing(Path dir) throws IOException {
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted().toList()) {
                sb.append(dir.relativize(p)).append(' ').append(Files.isRegularFile(p) ? Files.size(p) : -1).append(' ')
                        .append(Files.getLastModifiedTime(p).toMillis()).append('\n');
            }
        }
        return sb.toString();
    }

}
