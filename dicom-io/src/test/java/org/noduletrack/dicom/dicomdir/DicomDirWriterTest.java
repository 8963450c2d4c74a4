package org.noduletrack.dicom.dicomdir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.dict.Uids;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ParseIssue;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.dicom.testing.SharedData;

/** Writing a DICOMDIR for exported files and reading it back. */
class DicomDirWriterTest {
    private static final int LIDC_SLICES = 12;

    @TempDir
    Path media;

    /** The three patient folders of pydicom-dicomdir (their names already are valid File IDs). */
    private List<Path> copyPydicomFiles() throws IOException {
        Path shared = SharedData.file("pydicom-dicomdir");
        for (String patient : List.of("77654033", "98892001", "98892003")) {
            MediaFileResolverTest.copyTree(shared.resolve(patient), media.resolve(patient), n -> n);
        }
        return listFiles(media);
    }

    /** The first LIDC-IDRI-0001 slices as LIDC/SE1/IM000001 ...: local names are not valid File IDs. */
    private void copyLidcSlices() throws IOException {
        List<Path> slices;
        try (Stream<Path> s = Files.walk(SharedData.file("lidc-idri-0001"))) {
            slices = s.filter(p -> p.toString().endsWith(".dcm")).sorted().limit(LIDC_SLICES).toList();
        }
        Path series = Files.createDirectories(media.resolve("LIDC/SE1"));
        for (int i = 0; i < slices.size(); i++) {
            Files.copy(slices.get(i), series.resolve("IM%06d".formatted(i + 1)));
        }
    }

    private static List<Path> listFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void writtenDicomdirReadsBackAsTheSameTree() throws Exception {
        copyPydicomFiles();
        copyLidcSlices();

        DicomDirectory written = new DicomDirWriter().write(media, listFiles(media), "NODULETRACK");
        DicomDirectory read = new DicomDirReader().read(media.resolve("DICOMDIR"));

        assertThat(read.issues()).isEmpty();
        assertThat(read.inferredFromRecordOrder()).isFalse();
        assertThat(read.fileSetId()).isEqualTo("NODULETRACK");
        // whole records: offsets, type, every key byte, children
        assertThat(read.roots()).isEqualTo(written.roots());
        assertThat(read.patients()).extracting(p -> p.keys().string(Tags.PatientID, ""))
                .containsExactly("77654033", "98890234", "LIDC-IDRI-0001");
        assertThat(read.fileRecords()).hasSize(31 + LIDC_SLICES);
        assertThat(new MediaFileResolver(media).danglingReferences(read)).isEmpty();
    }

    @Test
    void pydicomFilesGiveTheTreeOfTheOriginalDicomdir() throws Exception {
        copyPydicomFiles();

        DicomDirectory written = new DicomDirWriter().write(media, listFiles(media), "");
        DicomDirectory original = new DicomDirReader().read(SharedData.file("pydicom-dicomdir/DICOMDIR"));

        // dcmmkdir (original) and we order siblings differently; the hierarchy and the file IDs must be the same
        assertThat(TreeText.canonical(written.roots())).isEqualTo(TreeText.canonical(original.roots()));
        assertThat(written.issues()).isEmpty();
    }

    @Test
    void recordsHaveTheRequiredKeysInDeterministicOrder() throws Exception {
        copyPydicomFiles();
        copyLidcSlices();
        new DicomDirWriter().write(media, listFiles(media), "");
        DicomDirectory read = new DicomDirReader().read(media.resolve("DICOMDIR"));

        for (DirectoryRecord patient : read.patients()) {
            assertThat(patient.keys().contains(Tags.PatientName)).isTrue();
            assertThat(patient.keys().string(Tags.SpecificCharacterSet)).contains("ISO_IR 100"); // carried over
            for (DirectoryRecord study : patient.children()) {
                assertThat(study.type()).isEqualTo(RecordType.STUDY);
                for (int tag : new int[] {Tags.StudyDate, Tags.StudyTime, Tags.StudyDescription, Tags.StudyInstanceUID,
                        Tags.StudyID, Tags.AccessionNumber}) {
                    assertThat(study.keys().contains(tag)).as("study key %08X", tag).isTrue();
                }
                for (DirectoryRecord series : study.children()) {
                    assertThat(series.keys().string(Tags.Modality)).isPresent();
                    assertThat(series.keys().string(Tags.SeriesInstanceUID)).isPresent();
                    assertThat(series.keys().intValue(Tags.SeriesNumber)).isPresent();
                    assertThat(series.keys().contains(Tags.SpecificCharacterSet)).isFalse(); // no text needing it
                    List<Integer> numbers = new ArrayList<>();
                    for (DirectoryRecord image : series.children()) {
                        assertThat(image.type()).isEqualTo(RecordType.IMAGE);
                        numbers.add(image.keys().intValue(Tags.InstanceNumber).orElseThrow());
                        assertThat(image.referencedTransferSyntaxUid()).contains(Uids.ExplicitVRLittleEndian);
                        assertInstanceMatchesFile(image);
                    }
                    assertThat(numbers).isSorted();
                }
            }
        }
        // studies by date: the 1995 CT study of patient 77654033 comes before its 2001 CR study
        assertThat(read.patients().getFirst().children()).extracting(s -> s.keys().string(Tags.StudyDate, ""))
                .containsExactly("19950903", "20010101");
    }

    private void assertInstanceMatchesFile(DirectoryRecord image) throws IOException {
        Path file = new MediaFileResolver(media).resolve(image).orElseThrow();
        DicomFile f = new DicomReader(ReadOptions.headerOnly()).read(file);
        assertThat(image.referencedSopInstanceUid()).isEqualTo(f.dataset().string(Tags.SOPInstanceUID));
        assertThat(image.referencedSopClassUid()).isEqualTo(f.dataset().string(Tags.SOPClassUID));
    }

    @Test
    void missingType1KeysAreWrittenEmptyAndReported() throws Exception {
        copyLidcSlices(); // LIDC headers have an empty Study ID and Study Time

        DicomDirectory written = new DicomDirWriter().write(media, listFiles(media), "LIDC");

        assertThat(written.issues()).extracting(ParseIssue::tag).containsExactlyInAnyOrder(Tags.StudyTime, Tags.StudyID);
        assertThat(written.issues()).allSatisfy(i -> assertThat(i.message()).contains("LIDC/SE1/IM", "Type 1 in a STUDY record"));
        DirectoryRecord study = new DicomDirReader().read(media.resolve("DICOMDIR")).roots().getFirst().children().getFirst();
        assertThat(study.keys().contains(Tags.StudyID)).isTrue();
        assertThat(study.keys().string(Tags.StudyID)).isEmpty();
    }

    @Test
    void dcmdumpAcceptsTheFileAndFindsRecordsAtOurOffsets() throws Exception {
        Path dcmdump = Path.of("/usr/bin/dcmdump");
        Assumptions.assumeTrue(Files.isExecutable(dcmdump), "DCMTK dcmdump not installed");
        copyPydicomFiles();
        copyLidcSlices();
        DicomDirectory written = new DicomDirWriter().write(media, listFiles(media), "NODULETRACK");

        Process p = new ProcessBuilder(dcmdump.toString(), media.resolve("DICOMDIR").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).doesNotContain("E: ", "W: ");
        // dcmdump locates each "Directory Record" item itself and prints its offset as "offset=$N"
        List<Long> dumped = new ArrayList<>();
        Matcher m = Pattern.compile("offset=\\$(\\d+)").matcher(out);
        while (m.find()) {
            dumped.add(Long.parseLong(m.group(1)));
        }
        assertThat(dumped).containsExactlyElementsOf(written.records().map(DirectoryRecord::offset).sorted().toList());
        assertThat(out).contains("MediaStorageDirectoryStorage", "LittleEndianExplicit", "[NODULETRACK]");
    }

    @Test
    void anEmptyFileSetHasAnEmptyDirectory() throws Exception {
        DicomDirectory written = new DicomDirWriter().write(media, List.of(), "EMPTY");
        DicomDirectory read = new DicomDirReader().read(media.resolve("DICOMDIR"));

        assertThat(written.roots()).isEmpty();
        assertThat(read.roots()).isEmpty();
        assertThat(read.issues()).isEmpty();
        assertThat(read.fileSetId()).isEqualTo("EMPTY");
    }

    @Test
    void anEarlierDicomdirIsReplacedNotReferenced() throws Exception {
        copyPydicomFiles();
        new DicomDirWriter().write(media, listFiles(media), "");

        DicomDirectory second = new DicomDirWriter().write(media, listFiles(media), "");

        assertThat(second.fileRecords()).hasSize(31);
    }

    @Test
    void nonConformingNamesAreRejectedBeforeAnythingIsWritten() throws Exception {
        Path bad = Files.createDirectories(media.resolve("pt1"));
        Files.copy(SharedData.file("pydicom-dicomdir/77654033/CR1/6154"), bad.resolve("image.dcm"));

        assertThatThrownBy(() -> new DicomDirWriter().write(media, List.of(bad.resolve("image.dcm")), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'pt1/image.dcm' cannot be a DICOM File ID")
                .hasMessageContaining("upper-case A-Z, digits 0-9 and '_'");
        assertThat(media.resolve("DICOMDIR")).doesNotExist();
    }

    @Test
    void fileIdRulesFollowPs310() {
        assertThat(FileIdRules.problem(List.of("PT000000", "ST000000", "SE000000", "IM00000J"))).isEmpty();
        assertThat(FileIdRules.problem(List.of("A_1"))).isEmpty();
        assertThat(FileIdRules.problem(List.of("IMAGE0001"))).hasValueSatisfying(m -> assertThat(m).contains("9 characters"));
        assertThat(FileIdRules.problem(List.of("im1"))).hasValueSatisfying(m -> assertThat(m).contains("'im1'"));
        assertThat(FileIdRules.problem(List.of("IM1.DCM"))).isPresent();
        assertThat(FileIdRules.problem(List.of("A", "B", "C", "D", "E", "F", "G", "H", "I")))
                .hasValueSatisfying(m -> assertThat(m).contains("9 components"));
        assertThat(FileIdRules.problem(List.of())).isPresent();
        assertThatThrownBy(() -> FileIdRules.componentsOf(Path.of("/media/cd"), Path.of("/media/other/IM1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not inside the media root");
        assertThat(FileIdRules.componentsOf(Path.of("/media/cd"), Path.of("/media/cd/PT1/IM1"))).containsExactly("PT1", "IM1");
    }

    @Test
    void fileSetIdIsValidated() {
        assertThatThrownBy(() -> new DicomDirWriter().write(media, List.of(), "lower case"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("File-set ID");
        assertThatThrownBy(() -> new DicomDirWriter().write(media, List.of(), "SEVENTEEN_CHARS_X"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void nonImageSopClassesGetTheirOwnRecordType() {
        assertThat(RecordKeys.instanceType(Uids.CTImageStorage)).isEqualTo(RecordType.IMAGE);
        assertThat(RecordKeys.instanceType(Uids.ComprehensiveSRStorage)).isEqualTo(RecordType.SR_DOCUMENT);
        assertThat(RecordKeys.instanceType(Uids.KeyObjectSelectionDocumentStorage)).isEqualTo(RecordType.KEY_OBJECT_DOC);
        assertThat(RecordKeys.instanceType(Uids.GrayscaleSoftcopyPresentationStateStorage)).isEqualTo(RecordType.PRESENTATION);
        assertThat(RecordKeys.instanceType(Uids.EncapsulatedPDFStorage)).isEqualTo(RecordType.ENCAP_DOC);
        assertThat(RecordKeys.instanceType(Uids.RTStructureSetStorage)).isEqualTo(RecordType.RT_STRUCTURE_SET);
    }
}
