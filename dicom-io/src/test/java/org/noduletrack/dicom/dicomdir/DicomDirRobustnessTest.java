package org.noduletrack.dicom.dicomdir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomParseException;
import org.noduletrack.dicom.io.ParseIssue;
import org.noduletrack.dicom.io.TransferSyntax;
import org.noduletrack.dicom.testing.SharedData;

/**
 * Damaged directories, made by patching the standard explicit VR little endian DICOMDIR of pydicom-dicomdir (records
 * at byte 396 PATIENT, 510 STUDY, 724 SERIES, 856 IMAGE, 1814 STUDY, 3126 PATIENT, per dcmdump): every read ends
 * quickly with a tree and a report, or with a DicomParseException.
 */
class DicomDirRobustnessTest {
    private static final Duration LIMIT = Duration.ofSeconds(5);
    private byte[] standard;

    @BeforeEach
    void load() throws IOException {
        standard = Files.readAllBytes(SharedData.file("pydicom-dicomdir/DICOMDIR"));
    }

    private static DicomDirectory read(byte[] file) {
        return assertTimeoutPreemptively(LIMIT, () -> new DicomDirReader().read(file));
    }

    private static List<String> messages(DicomDirectory dir) {
        return dir.issues().stream().map(ParseIssue::message).toList();
    }

    @Test
    void nextOffsetPointingToItselfEndsTheChainAndTheLostPatientIsKept() {
        byte[] file = patch(standard, 396, Tags.OffsetOfTheNextDirectoryRecord, 396);

        DicomDirectory dir = read(file);

        assertThat(TreeText.render(dir.roots())).isEqualTo(DicomDirReaderTest.STANDARD_TREE);
        assertThat(messages(dir)).anyMatch(m -> m.contains("already in the tree (cycle"));
        assertThat(messages(dir)).anyMatch(m -> m.contains("kept as extra root entries"));
    }

    @Test
    void lowerOffsetPointingToItselfIsIgnored() {
        byte[] file = patch(standard, 856, Tags.OffsetOfReferencedLowerLevelDirectoryEntity, 856);

        DicomDirectory dir = read(file);

        assertThat(TreeText.render(dir.roots())).isEqualTo(DicomDirReaderTest.STANDARD_TREE);
        assertThat(dir.issues()).singleElement().satisfies(i -> {
            assertThat(i.offset()).isEqualTo(856);
            assertThat(i.tag()).isEqualTo(Tags.OffsetOfReferencedLowerLevelDirectoryEntity);
        });
    }

    @Test
    void aCycleBackToAnEarlierSiblingIsCut() {
        byte[] file = patch(standard, 1814, Tags.OffsetOfTheNextDirectoryRecord, 510); // 2nd study -> 1st study

        DicomDirectory dir = read(file);

        assertThat(TreeText.render(dir.roots())).isEqualTo(DicomDirReaderTest.STANDARD_TREE);
        assertThat(dir.issues()).singleElement().satisfies(i -> assertThat(i.offset()).isEqualTo(1814));
    }

    @Test
    void aSeriesPointingUpToItsPatientIsCutAndItsImageKept() {
        byte[] file = patch(standard, 724, Tags.OffsetOfReferencedLowerLevelDirectoryEntity, 396); // series -> patient

        DicomDirectory dir = read(file);

        assertThat(dir.records()).hasSize(52);
        assertThat(messages(dir)).anyMatch(m -> m.contains("cycle"));
        // the series' image lost its only incoming link: it is kept at the root rather than dropped
        assertThat(dir.roots()).extracting(TreeText::line)
                .containsExactly("PATIENT 77654033", "PATIENT 98890234", "IMAGE 77654033/CR1/6154");
        assertThat(messages(dir)).contains("1 records not reachable from the root directory entity were kept as extra root entries");
    }

    @Test
    void offsetPointingNowhereIsReportedAndTheRestRecovered() {
        byte[] file = patch(standard, 396, Tags.OffsetOfTheNextDirectoryRecord, 12345);

        DicomDirectory dir = read(file);

        assertThat(TreeText.render(dir.roots())).isEqualTo(DicomDirReaderTest.STANDARD_TREE);
        assertThat(messages(dir)).contains("offset 12345 points where no directory record starts; link ignored");
    }

    @Test
    void rootOffsetPointingNowhereStartsAtTheOnlyUnreferencedRecord() {
        byte[] file = patchRoot(standard, 7);

        DicomDirectory dir = read(file);

        assertThat(TreeText.render(dir.roots())).isEqualTo(DicomDirReaderTest.STANDARD_TREE);
        assertThat(messages(dir)).anyMatch(m -> m.startsWith("root offset does not point to any record"));
    }

    @Test
    void inactiveRecordsAreSkippedWithTheirSubtree() {
        byte[] file = patchInUse(patchInUse(standard, 856), 396); // an IMAGE of patient 1, then patient 1 itself

        DicomDirectory dir = read(file);

        assertThat(dir.patients()).extracting(p -> p.keys().string(Tags.PatientID, "")).containsExactly("98890234");
        assertThat(messages(dir)).contains("inactive PATIENT record skipped with the 13 records below it");
        assertThat(dir.records()).hasSize(52 - 14);
    }

    @Test
    void anInactiveImageLeavesItsSeriesEmpty() {
        DicomDirectory dir = read(patchInUse(standard, 856));

        DirectoryRecord series = dir.roots().getFirst().children().getFirst().children().getFirst();
        assertThat(series.offset()).isEqualTo(724);
        assertThat(series.children()).isEmpty();
        assertThat(dir.issues()).singleElement().satisfies(i -> {
            assertThat(i.offset()).isEqualTo(856);
            assertThat(i.message()).isEqualTo("inactive IMAGE record skipped");
        });
    }

    @Test
    void staleOffsetsFallBackToRecordOrder() throws Exception {
        // as if an editing tool had inserted 8 bytes before the records without updating any offset
        byte[] file = rewriteLinks(standard, v -> v == 0 ? 0 : v + 8);

        DicomDirectory dir = read(file);

        assertThat(TreeText.render(dir.roots())).isEqualTo(DicomDirReaderTest.STANDARD_TREE);
        assertThat(dir.inferredFromRecordOrder()).isTrue();
        assertThat(messages(dir)).containsExactly("52 of 52 offsets point where no record starts; tree inferred from record order");
    }

    @Test
    void allZeroOffsetsFallBackToRecordOrder() throws Exception {
        DicomDirectory dir = read(patchRoot(rewriteLinks(standard, v -> 0), 0));

        assertThat(TreeText.render(dir.roots())).isEqualTo(DicomDirReaderTest.STANDARD_TREE);
        assertThat(dir.inferredFromRecordOrder()).isTrue();
        assertThat(messages(dir)).containsExactly("all offsets are 0; tree inferred from record order");
    }

    @Test
    void truncatedDicomdirThrowsAParseException() {
        byte[] file = Arrays.copyOf(standard, 5000);

        assertTimeoutPreemptively(LIMIT, () -> assertThatThrownBy(() -> new DicomDirReader().read(file))
                .isInstanceOf(DicomParseException.class));
    }

    @Test
    void everyTruncationEndsQuickly() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int len = 0; len < standard.length; len += 7) {
                readOrParseException(Arrays.copyOf(standard, len));
            }
        });
    }

    @Test
    void randomlyDamagedDicomdirsEndQuickly() {
        Random random = new Random(20240611);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int round = 0; round < 2000; round++) {
                byte[] file = standard.clone();
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    // bias towards the record sequence, where the links are
                    int pos = 300 + random.nextInt(file.length - 300);
                    file[pos] = (byte) random.nextInt(256);
                }
                readOrParseException(file);
            }
        });
    }

    @Test
    void aFileWithoutRecordSequenceIsNotADicomdir() throws Exception {
        byte[] ct = Files.readAllBytes(SharedData.file("pydicom-dicomdir/77654033/CR1/6154"));

        assertThatThrownBy(() -> new DicomDirReader().read(ct))
                .isInstanceOf(DicomParseException.class).hasMessageContaining("not a DICOMDIR");
    }

    /** Reading must finish with a result or a DicomParseException (never any other exception, never a hang). */
    private static void readOrParseException(byte[] file) {
        try {
            DicomDirectory dir = new DicomDirReader().read(file);
            assertThat(dir.roots()).isNotNull();
        } catch (IOException e) {
            assertThat(e).isInstanceOf(DicomParseException.class);
        }
    }

    // --- byte patching of the explicit VR little endian standard file ---

    /** Sets a UL link of the record whose item starts at {@code record}. */
    private static byte[] patch(byte[] file, int record, int tag, int value) {
        byte[] out = file.clone();
        int pos = find(out, record + 8, tag);
        writeUl(out, pos + 8, value);
        return out;
    }

    /** Rewrites every record's next and lower offset, and the root offset, with {@code change}. */
    private static byte[] rewriteLinks(byte[] file, IntUnaryOperator change) throws IOException {
        byte[] out = file.clone();
        long[] records = ItemOffsetScanner.scan(out, TransferSyntax.EXPLICIT_LITTLE);
        assertThat(records).hasSize(52);
        for (long record : records) {
            for (int tag : new int[] {Tags.OffsetOfTheNextDirectoryRecord, Tags.OffsetOfReferencedLowerLevelDirectoryEntity}) {
                int pos = find(out, (int) record + 8, tag) + 8;
                writeUl(out, pos, change.applyAsInt(readUl(out, pos)));
            }
        }
        int root = find(out, 132, Tags.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity) + 8;
        writeUl(out, root, change.applyAsInt(readUl(out, root)));
        return out;
    }

    private static int readUl(byte[] b, int pos) {
        return (b[pos] & 0xFF) | (b[pos + 1] & 0xFF) << 8 | (b[pos + 2] & 0xFF) << 16 | (b[pos + 3] & 0xFF) << 24;
    }

    private static byte[] patchRoot(byte[] file, int value) {
        byte[] out = file.clone();
        writeUl(out, find(out, 132, Tags.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity) + 8, value);
        return out;
    }

    /** Marks the record at {@code record} inactive: (0004,1410) = 0. */
    private static byte[] patchInUse(byte[] file, int record) {
        byte[] out = file.clone();
        int pos = find(out, record + 8, Tags.RecordInUseFlag);
        out[pos + 8] = 0;
        out[pos + 9] = 0;
        return out;
    }

    private static int find(byte[] b, int from, int tag) {
        for (int i = from; i < from + 512; i++) {
            if ((b[i] & 0xFF) == ((tag >>> 16) & 0xFF) && (b[i + 1] & 0xFF) == (tag >>> 24)
                    && (b[i + 2] & 0xFF) == (tag & 0xFF) && (b[i + 3] & 0xFF) == ((tag >>> 8) & 0xFF)) {
                return i;
            }
        }
        throw new AssertionError("tag not found near byte " + from);
    }

    private static void writeUl(byte[] b, int pos, int v) {
        b[pos] = (byte) v;
        b[pos + 1] = (byte) (v >>> 8);
        b[pos + 2] = (byte) (v >>> 16);
        b[pos + 3] = (byte) (v >>> 24);
    }
}
