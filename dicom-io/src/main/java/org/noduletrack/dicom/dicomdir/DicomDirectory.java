package org.noduletrack.dicom.dicomdir;

import java.util.List;
import java.util.stream.Stream;
import org.noduletrack.dicom.io.ParseIssue;

/**
 * A DICOMDIR (PS3.3 F.3 Basic Directory IOD) as a tree of records.
 *
 * @param fileSetId             File-set ID (0004,1130); empty when absent
 * @param descriptorFileId      components of the File-set Descriptor File ID (0004,1141); empty when absent
 * @param roots                 the records of the root directory entity (normally PATIENT records)
 * @param issues                what was repaired or skipped while building the tree, and the parser's own issues
 * @param inferredFromRecordOrder true when the offsets were unusable and the tree follows the record order instead
 */
public record DicomDirectory(String fileSetId, List<String> descriptorFileId, List<DirectoryRecord> roots,
                             List<ParseIssue> issues, boolean inferredFromRecordOrder) {
    public DicomDirectory {
        descriptorFileId = List.copyOf(descriptorFileId);
        roots = List.copyOf(roots);
        issues = List.copyOf(issues);
    }

    /** The PATIENT records of the root directory entity. */
    public List<DirectoryRecord> patients() {
        return roots.stream().filter(r -> r.type() == RecordType.PATIENT).toList();
    }

    /** Every record of the tree, depth first. */
    public Stream<DirectoryRecord> records() {
        return roots.stream().flatMap(DirectoryRecord::stream);
    }

    /** Every record that references a file. */
    public Stream<DirectoryRecord> fileRecords() {
        return records().filter(r -> !r.fileIdComponents().isEmpty());
    }

    public long count(RecordType type) {
        return records().filter(r -> r.type() == type).count();
    }
}
