package org.noduletrack.dicom.dicomdir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.dict.Uids;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ParseIssue;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.dicom.testing.SharedData;

/**
 * Reads every DICOMDIR variant of the shared pydicom-dicomdir set (see its README.txt) and checks the exact tree.
 *
 * <p>The expected tree comes from two independent oracles that agree: pydicom 2.3.1
 * ({@code FileSet(dcmread(path))}, walking {@code fs._tree} depth first and printing each node as
 * {@code "TYPE key"} in {@link TreeText}'s format; the DICOMDIR, -bigEnd, -implicit, -nooffset and -reordered
 * variants all print the same 52 lines), and DCMTK's {@code dcmdump} of the record sequence (record offsets, the two
 * PATIENT records at bytes 396 and 3126). Note that the set has 2 patients, not 3: the folders 98892001 and 98892003
 * both hold files of patient 98890234.
 */
class DicomDirReaderTest {
    static final String DIR = "pydicom-dicomdir/";

    /** pydicom 2.3.1 FileSet tree of pydicom-dicomdir/DICOMDIR (and the variants that encode the same tree). */
    static final String STANDARD_TREE = """
            PATIENT 77654033
              STUDY 1.3.6.1.4.1.5962.1.1.0.0.0.1196527414.5534.0.1
                SERIES CR 1.3.6.1.4.1.5962.1.1.0.0.0.1196527414.5534.0.10
                  IMAGE 77654033/CR1/6154
                SERIES CR 1.3.6.1.4.1.5962.1.1.0.0.0.1196527414.5534.0.6
                  IMAGE 77654033/CR2/6247
                SERIES CR 1.3.6.1.4.1.5962.1.1.0.0.0.1196527414.5534.0.8
                  IMAGE 77654033/CR3/6278
              STUDY 1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.1
                SERIES CT 1.3.6.1.4.1.5962.1.1.0.0.0.1196530851.28319.0.2
                  IMAGE 77654033/CT2/17106
                  IMAGE 77654033/CT2/17136
                  IMAGE 77654033/CT2/17166
                  IMAGE 77654033/CT2/17196
            PATIENT 98890234
              STUDY 1.3.6.1.4.1.5962.1.1.0.0.0.1194734704.16302.0.1
                SERIES CT 1.3.6.1.4.1.5962.1.1.0.0.0.1194734704.16302.0.2
                  IMAGE 98892001/CT2N/6293
                  IMAGE 98892001/CT2N/6924
                SERIES CT 1.3.6.1.4.1.5962.1.1.0.0.0.1194734704.16302.0.6
                  IMAGE 98892001/CT5N/2062
                  IMAGE 98892001/CT5N/2392
                  IMAGE 98892001/CT5N/2693
                  IMAGE 98892001/CT5N/3023
                  IMAGE 98892001/CT5N/3353
              STUDY 1.3.6.1.4.1.5962.1.1.0.0.0.1196533885.18148.0.427
                SERIES MR 1.3.6.1.4.1.5962.1.1.0.0.0.1196533885.18148.0.475
                  IMAGE 98892003/MR1/15820
                SERIES MR 1.3.6.1.4.1.5962.1.1.0.0.0.1196533885.18148.0.481
                  IMAGE 98892003/MR2/15970
              STUDY 1.3.6.1.4.1.5962.1.1.0.0.0.1196533885.18148.0.133
                SERIES MR 1.3.6.1.4.1.5962.1.1.0.0.0.1196533885.18148.0.134
                  IMAGE 98892003/MR1/4919
                SERIES MR 1.3.6.1.4.1.5962.1.1.0.0.0.1196533885.18148.0.136
                  IMAGE 98892003/MR2/4950
                  IMAGE 98892003/MR2/5011
                  IMAGE 98892003/MR2/4981
              STUDY 1.3.6.1.4.1.5962.1.1.0.0.0.1196533885.18148.0.1
                SERIES MR 1.3.6.1.4.1.5962.1.1.0.0.0.1196533885.18148.0.15
                  IMAGE 98892003/MR1/5641
                SERIES MR 1.3.6.1.4.1.5962.1.1.0.0.0.1196533885.18148.0.17
                  IMAGE 98892003/MR2/6935
                  IMAGE 98892003/MR2/6605
                  IMAGE 98892003/MR2/6273
                SERIES MR 1.3.6.1.4.1.5962.1.1.0.0.0.1196533885.18148.0.118
                  IMAGE 98892003/MR700/4558
                  IMAGE 98892003/MR700/4528
                  IMAGE 98892003/MR700/4588
                  IMAGE 98892003/MR700/4467
                  IMAGE 98892003/MR700/4618
                  IMAGE 98892003/MR700/4678
                  IMAGE 98892003/MR700/4648
            """;

    private static DicomDirectory read(String name) throws Exception {
        return new DicomDirReader().read(SharedData.file(DIR + name));
    }

    @Test
    void standardDicomdirGivesTheTreeOfBothOracles() throws Exception {
        DicomDirectory dir = read("DICOMDIR");

        assertThat(TreeText.render(dir.roots())).isEqualTo(STANDARD_TREE);
        assertThat(dir.fileSetId()).isEqualTo("PYDICOM_TEST");
        assertThat(dir.issues()).isEmpty();
        assertThat(dir.inferredFromRecordOrder()).isFalse();
        assertThat(dir.patients()).extracting(p -> p.keys().string(Tags.PatientID, ""))
                .containsExactly("77654033", "98890234");
        assertThat(dir.patients()).extracting(DirectoryRecord::offset).containsExactly(396L, 3126L); // dcmdump offsets
        // studies / series / images per patient (counted from the pydicom tree above)
        assertThat(dir.patients()).extracting(p -> p.children(RecordType.STUDY).size()).containsExactly(2, 4);
        assertThat(dir.patients()).extracting(p -> count(p, RecordType.SERIES)).containsExactly(4L, 9L);
        assertThat(dir.patients()).extracting(p -> count(p, RecordType.IMAGE)).containsExactly(7L, 24L);
        assertThat(dir.count(RecordType.STUDY)).isEqualTo(6);
        assertThat(dir.count(RecordType.SERIES)).isEqualTo(13);
        assertThat(dir.records()).hasSize(52);
    }

    @Test
    void recordsCarryTheirKeysAndReferences() throws Exception {
        DicomDirectory dir = read("DICOMDIR");
        DirectoryRecord patient = dir.roots().getFirst();
        DirectoryRecord study = patient.children().getFirst();
        DirectoryRecord series = study.children().getFirst();
        DirectoryRecord image = series.children().getFirst();

        assertThat(patient.type()).isEqualTo(RecordType.PATIENT);
        assertThat(patient.keys().string(Tags.PatientName)).contains("Doe^Archibald");
        assertThat(patient.keys().string(Tags.SpecificCharacterSet)).contains("ISO_IR 100");
        assertThat(study.keys().string(Tags.StudyDescription)).contains("XR C Spine Comp Min 4 Views");
        assertThat(study.keys().string(Tags.StudyDate)).contains("20010101");
        assertThat(series.keys().string(Tags.Modality)).contains("CR");
        assertThat(image.offset()).isEqualTo(856);
        assertThat(image.fileIdComponents()).containsExactly("77654033", "CR1", "6154");
        assertThat(image.referencedFileId()).contains("77654033/CR1/6154");
        assertThat(image.referencedSopClassUid()).contains(Uids.ComputedRadiographyImageStorage);
        assertThat(image.referencedSopInstanceUid()).contains("1.3.6.1.4.1.5962.1.1.0.0.0.1196527414.5534.0.11");
        assertThat(image.referencedTransferSyntaxUid()).contains(Uids.ExplicitVRLittleEndian);
        assertThat(image.keys().intValue(Tags.InstanceNumber)).hasValue(1);
        // links are structure, not keys
        assertThat(image.keys().contains(Tags.OffsetOfTheNextDirectoryRecord)).isFalse();
        assertThat(image.keys().contains(Tags.OffsetOfReferencedLowerLevelDirectoryEntity)).isFalse();
        assertThat(image.keys().contains(Tags.RecordInUseFlag)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"DICOMDIR-bigEnd", "DICOMDIR-implicit", "DICOMDIR-reordered"})
    void otherEncodingsAndRecordOrderGiveTheSameTree(String variant) throws Exception {
        DicomDirectory dir = read(variant);

        assertThat(TreeText.render(dir.roots())).isEqualTo(STANDARD_TREE);
        assertThat(dir.fileSetId()).isEqualTo("PYDICOM_TEST");
        assertThat(dir.issues()).isEmpty();
        assertThat(dir.inferredFromRecordOrder()).isFalse();
    }

    @Test
    void bigEndianRecordsHoldTheSameKeysAsLittleEndian() throws Exception {
        List<DirectoryRecord> le = read("DICOMDIR").records().toList();
        List<DirectoryRecord> be = read("DICOMDIR-bigEnd").records().toList();
        // same file layout, same offsets: the whole records must be equal, binary values included
        assertThat(be).isEqualTo(le);
    }

    @Test
    void reorderedRecordsAreFollowedByOffsetNotBySequenceOrder() throws Exception {
        DicomDirectory dir = read("DICOMDIR-reordered");
        DirectoryRecord firstPatient = dir.roots().getFirst();
        // README: the first four entries are IMAGE - SERIES - STUDY - PATIENT; the patient is the 4th item
        assertThat(firstPatient.offset()).isEqualTo(976);
        assertThat(firstPatient.children().getFirst().offset()).isEqualTo(762);
    }

    @Test
    void missingOffsetsFallBackToRecordOrder() throws Exception {
        DicomDirectory dir = read("DICOMDIR-nooffset");

        assertThat(TreeText.render(dir.roots())).isEqualTo(STANDARD_TREE);
        assertThat(dir.inferredFromRecordOrder()).isTrue();
        assertThat(dir.issues()).extracting(ParseIssue::message).contains(RecordLinks.OFFSETS_MISSING);
        // the record offsets themselves are still known
        assertThat(dir.patients()).extracting(DirectoryRecord::offset).containsExactly(396L, 3126L);
    }

    @Test
    void invalidPatientRecordTypeKeepsTheRecordsAndReportsThem() throws Exception {
        DicomDirectory dir = read("DICOMDIR-nopatient");

        // The PATIENT records became 'UNKNOWN' (on top of the reordered variant); (0004,1200) was left pointing to the
        // first item, an IMAGE that is a SERIES's lower-level record. Everything is kept, in the original shape.
        assertThat(TreeText.render(dir.roots())).isEqualTo(STANDARD_TREE.replace("PATIENT ", "UNKNOWN "));
        assertThat(dir.records()).hasSize(52);
        assertThat(dir.roots()).extracting(DirectoryRecord::type).containsOnly(RecordType.OTHER);
        assertThat(dir.patients()).isEmpty();
        List<String> messages = dir.issues().stream().map(ParseIssue::message).toList();
        assertThat(messages).filteredOn(m -> m.contains("invalid directory record type 'UNKNOWN'")).hasSize(2);
        assertThat(messages).anyMatch(m -> m.startsWith("root offset points to the record at byte 396"));
    }

    @Test
    void emptyDicomdirHasNoRecords() throws Exception {
        DicomDirectory dir = read("DICOMDIR-empty.dcm");

        assertThat(dir.roots()).isEmpty();
        assertThat(dir.fileSetId()).isEqualTo("PYDICOM_TEST");
        assertThat(dir.issues()).isEmpty();
        assertThat(dir.inferredFromRecordOrder()).isFalse();
    }

    @Test
    void tinyAlphaIsOnePatientWithFiftyImages() throws Exception {
        DicomDirectory dir = read("TINY_ALPHA/DICOMDIR");

        assertThat(dir.fileSetId()).isEqualTo("TINY ALPHA");
        assertThat(dir.descriptorFileId()).containsExactly("README");
        assertThat(dir.issues()).isEmpty();
        assertThat(TreeText.render(dir.roots())).startsWith("""
                PATIENT 12345678
                  STUDY 1.2.826.0.1.3680043.8.498.64108189007039777171766333999874882472
                    SERIES CT 1.2.826.0.1.3680043.8.498.73052100648462801855733330064330327590
                """);
        List<DirectoryRecord> images = dir.records().filter(r -> r.type() == RecordType.IMAGE).toList();
        // pydicom's alphanumeric file IDs: instance i is IM + i in base 36, zero-padded to 6 (see TINY_ALPHA/README)
        assertThat(images).extracting(r -> r.referencedFileId().orElseThrow()).containsExactlyElementsOf(IntStream.range(0, 50)
                .mapToObj(i -> "PT000000/ST000000/SE000000/IM" + "%6s".formatted(Integer.toString(i, 36)
                        .toUpperCase(Locale.ROOT)).replace(' ', '0'))
                .toList());
        assertThat(images).extracting(r -> r.keys().intValue(Tags.InstanceNumber).orElseThrow())
                .containsExactlyElementsOf(IntStream.range(0, 50).boxed().toList());
        assertThat(images).allSatisfy(r -> assertThat(r.referencedSopClassUid()).contains(Uids.CTImageStorage));
    }

    @Test
    void inferenceFromRecordOrderReproducesTheOffsetTreeOfTheStandardFile() throws Exception {
        byte[] file = Files.readAllBytes(SharedData.file(DIR + "DICOMDIR"));
        DicomFile parsed = new DicomReader(ReadOptions.everythingInMemory()).read(new ByteArrayInputStream(file), file.length);
        List<DicomDataset> records = parsed.dataset().sequence(Tags.DirectoryRecordSequence);
        long[] offsets = ItemOffsetScanner.scan(file, parsed.transferSyntax());
        List<ParseIssue> issues = new ArrayList<>();

        RecordLinks byOffset = RecordLinks.fromOffsets(parsed.dataset(), records, offsets, issues).orElseThrow();
        RecordLinks byOrder = RecordLinks.fromRecordOrder(records.stream().map(r -> r.string(Tags.DirectoryRecordType, "")).toList());

        assertThat(new DirectoryTreeBuilder(records, offsets, byOrder, issues).build())
                .isEqualTo(new DirectoryTreeBuilder(records, offsets, byOffset, issues).build());
        assertThat(issues).isEmpty();
    }

    @Test
    void itemOffsetsMatchDcmdumpForEveryEncoding() throws Exception {
        // dcmdump prints "offset=$396" etc. for each record; these are its first and last values per file.
        record Expect(String file, long first, long last) {}
        for (Expect e : List.of(new Expect("DICOMDIR", 396, 10860), new Expect("DICOMDIR-bigEnd", 396, 10860),
                new Expect("DICOMDIR-implicit", 390, 10854), new Expect("TINY_ALPHA/DICOMDIR", 422, 12822))) {
            byte[] file = Files.readAllBytes(SharedData.file(DIR + e.file()));
            DicomFile parsed = new DicomReader(ReadOptions.everythingInMemory()).read(new ByteArrayInputStream(file), file.length);
            long[] offsets = ItemOffsetScanner.scan(file, parsed.transferSyntax());
            assertThat(offsets[0]).as(e.file()).isEqualTo(e.first());
            assertThat(offsets[offsets.length - 1]).as(e.file()).isEqualTo(e.last());
        }
    }

    private static long count(DirectoryRecord r, RecordType type) {
        return r.stream().filter(x -> x.type() == type).count();
    }
}
