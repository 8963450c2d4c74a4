package org.noduletrack.dicom.dicomdir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.dict.Uids;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomParseException;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ParseIssue;
import org.noduletrack.dicom.io.ReadOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a DICOMDIR (PS3.10 media directory) into a {@link DicomDirectory} tree, following the offset links
 * (0004,1200), (0004,1400) and (0004,1420) rather than the record order. Damaged directories are read as far as they
 * make sense and every repair is listed in {@link DicomDirectory#issues()}: missing offsets fall back to the record
 * order, inactive records are skipped, broken links end their chain, unreachable records are kept at the root.
 * Data that cannot be parsed at all throws {@link DicomParseException}.
 *
 * <p>Immutable and thread-safe.
 */
public final class DicomDirReader {
    private static final Logger LOG = LoggerFactory.getLogger(DicomDirReader.class);
    /** A DICOMDIR of a full DVD has some 10^5 records of a few hundred bytes; far beyond that is not a directory. */
    private static final long MAX_SIZE = 1L << 30;

    private final DicomReader reader = new DicomReader(ReadOptions.everythingInMemory());

    public DicomDirectory read(Path dicomdir) throws IOException {
        long size = Files.size(dicomdir);
        if (size > MAX_SIZE) {
            throw new DicomParseException("file of " + size + " bytes is too large for a DICOMDIR", 0, DicomParseException.NO_TAG);
        }
        DicomDirectory dir = read(Files.readAllBytes(dicomdir));
        LOG.debug("{}: {} records, {} issues", dicomdir, dir.records().count(), dir.issues().size());
        return dir;
    }

    /** Reads a DICOMDIR held in memory (the whole file, preamble included, since offsets count from its first byte). */
    public DicomDirectory read(byte[] file) throws IOException {
        DicomFile parsed = reader.read(new ByteArrayInputStream(file), file.length);
        DicomDataset ds = parsed.dataset();
        List<ParseIssue> issues = new ArrayList<>(parsed.issues());
        checkSopClass(parsed, issues);
        if (!ds.contains(Tags.DirectoryRecordSequence)) {
            throw new DicomParseException("not a DICOMDIR: no Directory Record Sequence (0004,1220)", 0,
                    Tags.DirectoryRecordSequence);
        }
        List<DicomDataset> records = ds.sequence(Tags.DirectoryRecordSequence);
        long[] offsets = itemOffsets(file, parsed, records.size(), issues);
        Optional<RecordLinks> linked = offsets == null ? Optional.empty()
                : RecordLinks.fromOffsets(ds, records, offsets, issues);
        boolean inferred = linked.isEmpty();
        RecordLinks links = linked.orElseGet(() -> RecordLinks.fromRecordOrder(
                records.stream().map(r -> r.string(Tags.DirectoryRecordType, "")).toList()));
        long[] positions = offsets != null ? offsets : unknownOffsets(records.size());
        List<DirectoryRecord> roots = new DirectoryTreeBuilder(records, positions, links, issues).build();
        for (ParseIssue issue : issues) {
            LOG.debug("DICOMDIR: {}", issue);
        }
        return new DicomDirectory(ds.string(Tags.FileSetID, ""), List.of(ds.strings(Tags.FileSetDescriptorFileID)),
                roots, issues, inferred);
    }

    private static long[] unknownOffsets(int n) {
        long[] unknown = new long[n];
        Arrays.fill(unknown, -1);
        return unknown;
    }

    private static void checkSopClass(DicomFile parsed, List<ParseIssue> issues) {
        Optional<String> sopClass = parsed.fileMeta().string(Tags.MediaStorageSOPClassUID);
        if (sopClass.isPresent() && !sopClass.get().equals(Uids.MediaStorageDirectoryStorage)) {
            issues.add(new ParseIssue(0, Tags.MediaStorageSOPClassUID, "Media Storage SOP Class is " + sopClass.get()
                    + ", not Media Storage Directory Storage; read as a directory anyway"));
        }
    }

    /** The item offsets, or null when they cannot be located (the tree is then inferred from record order). */
    private static long[] itemOffsets(byte[] file, DicomFile parsed, int records, List<ParseIssue> issues) {
        if (parsed.transferSyntax().deflated()) {
            issues.add(new ParseIssue(0, Tags.TransferSyntaxUID,
                    "offsets cannot be located in a deflated DICOMDIR; tree inferred from record order"));
            return null;
        }
        long[] offsets;
        try {
            offsets = ItemOffsetScanner.scan(file, parsed.transferSyntax());
        } catch (DicomParseException e) {
            // The reader accepted the data, so the records are usable even if their positions are not.
            issues.add(new ParseIssue(e.offset(), Tags.DirectoryRecordSequence, "record positions not found ("
                    + e.getMessage() + "); tree inferred from record order"));
            return null;
        }
        if (offsets.length != records) {
            issues.add(new ParseIssue(0, Tags.DirectoryRecordSequence, "found " + offsets.length + " record items at byte level but "
                    + records + " when parsing; tree inferred from record order"));
            return null;
        }
        return offsets;
    }
}
