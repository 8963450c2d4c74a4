package org.noduletrack.dicom.dicomdir;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;

/**
 * One directory record of a DICOMDIR and the records below it.
 *
 * @param offset   byte offset of the record's item in the DICOMDIR file (from the start of the preamble); -1 if unknown
 * @param typeCode the literal Directory Record Type (0004,1430), kept even when it is not a defined term
 * @param keys     the record's attributes, without the file-internal links (0004,1400), (0004,1410), (0004,1420),
 *                 which mean nothing outside the file and are already expressed by {@code children}
 * @param children the lower-level records, in the order of the file's offset chain
 */
public record DirectoryRecord(long offset, String typeCode, DicomDataset keys, List<DirectoryRecord> children) {
    public DirectoryRecord {
        children = List.copyOf(children);
    }

    public RecordType type() { return RecordType.of(typeCode); }

    /** Components of the Referenced File ID (0004,1500), e.g. [98892001, CT2N, 6293]; empty if it references no file. */
    public List<String> fileIdComponents() { return List.of(keys.strings(Tags.ReferencedFileID)); }

    /** The Referenced File ID as a relative path with '/' separators, e.g. {@code 98892001/CT2N/6293}. */
    public Optional<String> referencedFileId() {
        List<String> c = fileIdComponents();
        return c.isEmpty() ? Optional.empty() : Optional.of(String.join("/", c));
    }

    public Optional<String> referencedSopClassUid() { return keys.string(Tags.ReferencedSOPClassUIDInFile); }

    public Optional<String> referencedSopInstanceUid() { return keys.string(Tags.ReferencedSOPInstanceUIDInFile); }

    public Optional<String> referencedTransferSyntaxUid() { return keys.string(Tags.ReferencedTransferSyntaxUIDInFile); }

    public List<DirectoryRecord> children(RecordType type) {
        return children.stream().filter(c -> c.type() == type).toList();
    }

    /** This record and everything below it, depth first in file-chain order. */
    public Stream<DirectoryRecord> stream() {
        return Stream.concat(Stream.of(this), children.stream().flatMap(DirectoryRecord::stream));
    }

    @Override
    public String toString() {
        // No key values here: they include patient names, which must not end up in logs.
        return "DirectoryRecord[" + typeCode + " at " + offset + ", " + children.size() + " children]";
    }
}
