package org.noduletrack.dicom.dicomdir;

import java.util.Comparator;
import java.util.List;
import org.noduletrack.dicom.dict.Tags;

/**
 * Renders a directory tree one record per line, indented by level, as "TYPE key": the file ID for records that
 * reference a file, else "modality series-UID", the study UID or the patient ID. The same format is produced by the
 * pydicom oracle script quoted in {@link DicomDirReaderTest}, so expected trees can be pasted from it.
 */
final class TreeText {
    private TreeText() {}

    static String render(List<DirectoryRecord> roots) {
        StringBuilder sb = new StringBuilder();
        render(roots, 0, sb, false);
        return sb.toString();
    }

    /** Like {@link #render} with siblings sorted, for comparing trees whose record order may legitimately differ. */
    static String canonical(List<DirectoryRecord> roots) {
        StringBuilder sb = new StringBuilder();
        render(roots, 0, sb, true);
        return sb.toString();
    }

    private static void render(List<DirectoryRecord> records, int depth, StringBuilder sb, boolean sorted) {
        List<DirectoryRecord> list = sorted ? records.stream().sorted(Comparator.comparing(TreeText::line)).toList() : records;
        for (DirectoryRecord r : list) {
            sb.append("  ".repeat(depth)).append(line(r)).append('\n');
            render(r.children(), depth + 1, sb, sorted);
        }
    }

    static String line(DirectoryRecord r) {
        String key = r.referencedFileId()
                .or(() -> r.keys().string(Tags.SeriesInstanceUID).map(uid -> r.keys().string(Tags.Modality, "") + " " + uid))
                .or(() -> r.keys().string(Tags.StudyInstanceUID))
                .or(() -> r.keys().string(Tags.PatientID))
                .orElse("");
        return r.typeCode() + " " + key;
    }
}
