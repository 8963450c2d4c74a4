package org.noduletrack.dicom.dicomdir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.noduletrack.dicom.data.DatasetBuilder;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.TagFormat;
import org.noduletrack.dicom.data.UidGenerator;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.dict.Uids;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomParseException;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.DicomWriter;
import org.noduletrack.dicom.io.ParseIssue;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.dicom.io.TransferSyntax;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the DICOMDIR of a file-set for export to media (PS3.10, PS3.11 General Purpose profiles): PATIENT, STUDY,
 * SERIES and instance records with the PS3.3 F.5 keys copied from each file's header, linked by byte offsets, in
 * explicit VR little endian. Records are ordered depth first; patients by ID, studies by date and time, series and
 * instances by number, so the same files always give the same DICOMDIR (apart from its SOP Instance UID).
 *
 * <p>Immutable and thread-safe.
 */
public final class DicomDirWriter {
    private static final Logger LOG = LoggerFactory.getLogger(DicomDirWriter.class);
    public static final String FILE_NAME = "DICOMDIR";
    private static final Pattern FILE_SET_ID = Pattern.compile("[A-Z0-9_ ]{0,16}");
    private static final int IN_USE = 0xFFFF;

    private final DicomReader reader = new DicomReader(ReadOptions.headerOnly());

    /**
     * Writes {@code mediaRoot/DICOMDIR} describing {@code files} (a file named DICOMDIR among them is left out).
     *
     * @param fileSetId File-set ID (0004,1130): up to 16 characters A-Z, 0-9, '_' and space; may be empty
     * @return the tree as written, with the byte offset of every record, and the gaps found (missing Type 1 keys)
     * @throws IllegalArgumentException if a path is not a valid File ID (PS3.10 8.2), a file is not a Part 10 instance
     *                                  or lacks the UIDs that place it in the hierarchy
     */
    public DicomDirectory write(Path mediaRoot, Collection<Path> files, String fileSetId) throws IOException {
        if (!FILE_SET_ID.matcher(fileSetId).matches()) {
            throw new IllegalArgumentException("File-set ID '" + fileSetId
                    + "' must be at most 16 characters from A-Z, 0-9, '_' and space");
        }
        List<ParseIssue> issues = new ArrayList<>();
        List<Instance> instances = readInstances(mediaRoot, files, issues);
        List<Node> patients = hierarchy(instances, issues);

        DicomDataset fileMeta = DicomDataset.builder()
                .putString(Tags.MediaStorageSOPClassUID, Vr.UI, Uids.MediaStorageDirectoryStorage)
                .putString(Tags.MediaStorageSOPInstanceUID, Vr.UI, UidGenerator.newUid())
                .build();
        Layout layout = new Layout(patients, fileSetId, new EncodedSize(fileMeta));
        Path target = mediaRoot.resolve(FILE_NAME);
        new DicomWriter().write(target, fileMeta, layout.dataset(), TransferSyntax.EXPLICIT_VR_LE);
        layout.verify(Files.readAllBytes(target));
        LOG.debug("{}: {} records for {} files", target, layout.offsets.length, instances.size());
        return new DicomDirectory(fileSetId.strip(), List.of(), layout.tree(), issues, false);
    }

    /** One referenced file and what its header says. */
    private record Instance(List<String> fileId, DicomDataset header, String sopClass, String sopInstance, String transferSyntax) {
        String fileIdText() { return String.join("/", fileId); }
    }

    private List<Instance> readInstances(Path mediaRoot, Collection<Path> files, List<ParseIssue> issues) throws IOException {
        List<String> badNames = new ArrayList<>();
        Map<Path, List<String>> fileIds = new TreeMap<>();
        for (Path f : files) {
            if (f.getFileName().toString().equalsIgnoreCase(FILE_NAME)) {
                continue; // an earlier DICOMDIR is replaced, never referenced
            }
            try {
                fileIds.put(f, FileIdRules.componentsOf(mediaRoot, f));
            } catch (IllegalArgumentException e) {
                badNames.add(e.getMessage());
            }
        }
        if (!badNames.isEmpty()) {
            throw new IllegalArgumentException(badNames.size() + " files have names not allowed on DICOM media; "
                    + String.join("; ", badNames.subList(0, Math.min(10, badNames.size())))
                    + (badNames.size() > 10 ? "; ..." : ""));
        }
        List<Instance> out = new ArrayList<>(fileIds.size());
        Set<String> seen = new HashSet<>();
        for (Map.Entry<Path, List<String>> e : fileIds.entrySet()) {
            Instance i = readInstance(e.getKey(), e.getValue());
            if (!seen.add(i.sopInstance())) {
                issues.add(new ParseIssue(0, Tags.SOPInstanceUID, i.fileIdText()
                        + " holds the same SOP instance as a file listed before it; not referenced"));
                continue;
            }
            out.add(i);
        }
        return out;
    }

    private Instance readInstance(Path file, List<String> fileId) throws IOException {
        DicomFile f;
        try {
            f = reader.read(file);
        } catch (DicomParseException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        DicomDataset meta = f.fileMeta();
        DicomDataset ds = f.dataset();
        String ts = meta.string(Tags.TransferSyntaxUID)
                .orElseThrow(() -> new IllegalArgumentException(file + " is not a Part 10 file (no File Meta Information); "
                        + "media may only hold Part 10 files"));
        String sopClass = meta.string(Tags.MediaStorageSOPClassUID).or(() -> ds.string(Tags.SOPClassUID))
                .orElseThrow(() -> new IllegalArgumentException(file + " has no SOP Class UID"));
        String sopInstance = meta.string(Tags.MediaStorageSOPInstanceUID).or(() -> ds.string(Tags.SOPInstanceUID))
                .orElseThrow(() -> new IllegalArgumentException(file + " has no SOP Instance UID"));
        for (int tag : new int[] {Tags.StudyInstanceUID, Tags.SeriesInstanceUID}) {
            if (ds.string(tag).isEmpty()) {
                throw new IllegalArgumentException(file + " has no " + TagFormat.toString(tag)
                        + " and cannot be placed in the patient/study/series hierarchy");
            }
        }
        return new Instance(fileId, ds, sopClass, sopInstance, ts);
    }

    /** A record to be written: its keys (without links) and lower-level records. */
    private record Node(RecordType type, DicomDataset keys, List<Node> children) {}

    private static List<Node> hierarchy(List<Instance> instances, List<ParseIssue> issues) {
        Map<String, List<Instance>> byPatient = group(instances, i -> i.header().string(Tags.PatientID, ""), Comparator.naturalOrder());
        List<Node> patients = new ArrayList<>();
        for (List<Instance> pi : byPatient.values()) {
            List<Node> studies = new ArrayList<>();
            for (List<Instance> si : group(pi, i -> i.header().string(Tags.StudyInstanceUID, ""), null).values()) {
                List<Node> series = new ArrayList<>();
                for (List<Instance> ri : group(si, i -> i.header().string(Tags.SeriesInstanceUID, ""), null).values()) {
                    List<Node> leaves = ri.stream().sorted(INSTANCE_ORDER).map(i -> instanceNode(i, issues)).toList();
                    series.add(node(RecordType.SERIES, ri.getFirst(), RecordKeys.SERIES, leaves, issues));
                }
                series.sort(Comparator.comparing((Node n) -> n.keys().intValue(Tags.SeriesNumber, Integer.MAX_VALUE))
                        .thenComparing(n -> n.keys().string(Tags.SeriesInstanceUID, "")));
                studies.add(node(RecordType.STUDY, si.getFirst(), RecordKeys.STUDY, series, issues));
            }
            studies.sort(Comparator.comparing((Node n) -> n.keys().string(Tags.StudyDate, ""))
                    .thenComparing(n -> n.keys().string(Tags.StudyTime, ""))
                    .thenComparing(n -> n.keys().string(Tags.StudyInstanceUID, "")));
            patients.add(node(RecordType.PATIENT, pi.getFirst(), RecordKeys.PATIENT, studies, issues));
        }
        return patients;
    }

    private static final Comparator<Instance> INSTANCE_ORDER = Comparator
            .comparing((Instance i) -> i.header().intValue(Tags.InstanceNumber, Integer.MAX_VALUE))
            .thenComparing(Instance::fileIdText);

    /** Groups preserving first appearance, or sorted by key when {@code order} is given. */
    private static Map<String, List<Instance>> group(List<Instance> in, Function<Instance, String> key, Comparator<String> order) {
        Map<String, List<Instance>> m = order == null ? new LinkedHashMap<>() : new TreeMap<>(order);
        for (Instance i : in) {
            m.computeIfAbsent(key.apply(i), k -> new ArrayList<>()).add(i);
        }
        return m;
    }

    private static Node node(RecordType type, Instance source, List<RecordKeys.Key> keys, List<Node> children,
                             List<ParseIssue> issues) {
        DatasetBuilder b = RecordKeys.copy(type, source.header(), keys, tag -> missing(type, tag, source, issues));
        return new Node(type, b.build(), children);
    }

    private static Node instanceNode(Instance i, List<ParseIssue> issues) {
        RecordType type = RecordKeys.instanceType(i.sopClass());
        DatasetBuilder b = RecordKeys.copy(type, i.header(), RecordKeys.forInstance(type), tag -> missing(type, tag, i, issues));
        b.putString(Tags.ReferencedFileID, Vr.CS, i.fileId().toArray(String[]::new));
        b.putString(Tags.ReferencedSOPClassUIDInFile, Vr.UI, i.sopClass());
        b.putString(Tags.ReferencedSOPInstanceUIDInFile, Vr.UI, i.sopInstance());
        b.putString(Tags.ReferencedTransferSyntaxUIDInFile, Vr.UI, i.transferSyntax());
        return new Node(type, b.build(), List.of());
    }

    private static void missing(RecordType type, int tag, Instance source, List<ParseIssue> issues) {
        issues.add(new ParseIssue(0, tag, source.fileIdText() + " lacks " + TagFormat.toString(tag) + ", Type 1 in a "
                + type.code() + " record; written empty"));
    }

    /** Records in file order with their byte offsets, computed before anything is written. */
    private static final class Layout {
        final List<Node> flat = new ArrayList<>();
        final long[] offsets;
        final int[] next;
        final int[] lower;
        final List<Integer> rootIndices = new ArrayList<>();
        final String fileSetId;

        Layout(List<Node> patients, String fileSetId, EncodedSize size) {
            this.fileSetId = fileSetId;
            List<Integer> parents = new ArrayList<>();
            flatten(patients, -1, parents);
            int n = flat.size();
            offsets = new long[n];
            next = new int[n];
            lower = new int[n];
            Arrays.fill(next, -1);
            Arrays.fill(lower, -1);
            int[] lastChild = new int[n];
            Arrays.fill(lastChild, -1);
            int lastRoot = -1;
            for (int i = 0; i < n; i++) {
                int p = parents.get(i);
                if (p < 0) {
                    if (lastRoot >= 0) {
                        next[lastRoot] = i;
                    }
                    lastRoot = i;
                    rootIndices.add(i);
                } else {
                    if (lastChild[p] < 0) {
                        lower[p] = i;
                    } else {
                        next[lastChild[p]] = i;
                    }
                    lastChild[p] = i;
                }
            }
            // Offsets are fixed-size UL values, so record sizes can be measured with placeholder links.
            long pos = size.preambleAndMeta() + size.of(directory(List.of(), 0, 0)) - 8; // minus the sequence delimiter
            for (int i = 0; i < n; i++) {
                offsets[i] = pos;
                pos += 8 + size.of(record(i, 0, 0)) + 8; // item header, content, item delimiter
            }
        }

        private void flatten(List<Node> nodes, int parent, List<Integer> parents) {
            for (Node node : nodes) {
                int index = flat.size();
                flat.add(node);
                parents.add(parent);
                flatten(node.children(), index, parents);
            }
        }

        private DicomDataset record(int i, long nextOffset, long lowerOffset) {
            return flat.get(i).keys().toBuilder()
                    .putInts(Tags.OffsetOfTheNextDirectoryRecord, Vr.UL, (int) nextOffset)
                    .putInts(Tags.RecordInUseFlag, Vr.US, IN_USE)
                    .putInts(Tags.OffsetOfReferencedLowerLevelDirectoryEntity, Vr.UL, (int) lowerOffset)
                    .build();
        }

        private DicomDataset directory(List<DicomDataset> records, long first, long last) {
            return DicomDataset.builder()
                    .putString(Tags.FileSetID, Vr.CS, fileSetId.strip())
                    .putInts(Tags.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity, Vr.UL, (int) first)
                    .putInts(Tags.OffsetOfTheLastDirectoryRecordOfTheRootDirectoryEntity, Vr.UL, (int) last)
                    .putInts(Tags.FileSetConsistencyFlag, Vr.US, 0)
                    .putSequence(Tags.DirectoryRecordSequence, records)
                    .build();
        }

        private long offsetOf(int index) { return index < 0 ? 0 : offsets[index]; }

        DicomDataset dataset() {
            if (offsets.length > 0 && offsets[offsets.length - 1] > 0xFFFFFFFFL) {
                throw new IllegalStateException("DICOMDIR larger than 4 GiB cannot be addressed by its 32-bit offsets");
            }
            List<DicomDataset> records = new ArrayList<>(flat.size());
            for (int i = 0; i < flat.size(); i++) {
                records.add(record(i, offsetOf(next[i]), offsetOf(lower[i])));
            }
            long first = rootIndices.isEmpty() ? 0 : offsets[rootIndices.getFirst()];
            long last = rootIndices.isEmpty() ? 0 : offsets[rootIndices.getLast()];
            return directory(records, first, last);
        }

        /** Checks the offsets against the items actually written, so an encoding change can never go unnoticed. */
        void verify(byte[] written) throws DicomParseException {
            long[] actual = ItemOffsetScanner.scan(written, TransferSyntax.EXPLICIT_LITTLE);
            if (!Arrays.equals(actual, offsets)) {
                throw new IllegalStateException("DICOMDIR record offsets do not match the written file: computed "
                        + Arrays.toString(Arrays.copyOf(offsets, Math.min(5, offsets.length))) + "..., found "
                        + Arrays.toString(Arrays.copyOf(actual, Math.min(5, actual.length))) + "...");
            }
        }

        List<DirectoryRecord> tree() {
            List<DirectoryRecord> roots = new ArrayList<>();
            for (int r : rootIndices) {
                roots.add(tree(r));
            }
            return roots;
        }

        private DirectoryRecord tree(int i) {
            List<DirectoryRecord> children = new ArrayList<>();
            for (int c = lower[i]; c >= 0; c = next[c]) {
                children.add(tree(c));
            }
            Node node = flat.get(i);
            return new DirectoryRecord(offsets[i], node.type().code(), node.keys(), children);
        }
    }
}
