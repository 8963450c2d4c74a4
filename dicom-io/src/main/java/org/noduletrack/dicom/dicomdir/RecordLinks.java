package org.noduletrack.dicom.dicomdir;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomParseException;
import org.noduletrack.dicom.io.ParseIssue;

/**
 * The directory's structure as links between record indices (positions in the Directory Record Sequence): the first
 * record of the root entity, and per record its next sibling and its first lower-level record. Built either from the
 * byte-offset links of the file or, when those are missing, from the record order.
 */
final class RecordLinks {
    static final int NONE = -1;

    final int root;
    final int[] next;
    final int[] lower;

    private RecordLinks(int root, int[] next, int[] lower) {
        this.root = root;
        this.next = next;
        this.lower = lower;
    }

    int size() { return next.length; }

    /**
     * Links from the offset elements; empty when any record lacks (0004,1400) or (0004,1420), or the root offset
     * (0004,1200) is absent, in which case the offsets cannot describe the tree. Offsets that point where no record
     * starts are reported and treated as the end of their chain.
     *
     * @param itemOffsets byte offset of each record's item, parallel to {@code records}
     */
    static Optional<RecordLinks> fromOffsets(DicomDataset directory, List<DicomDataset> records, long[] itemOffsets,
                                             List<ParseIssue> issues) {
        if (!directory.contains(Tags.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity)) {
            return Optional.empty();
        }
        for (DicomDataset r : records) {
            if (!r.contains(Tags.OffsetOfTheNextDirectoryRecord) || !r.contains(Tags.OffsetOfReferencedLowerLevelDirectoryEntity)) {
                return Optional.empty();
            }
        }
        Map<Long, Integer> indexByOffset = HashMap.newHashMap(records.size());
        for (int i = 0; i < itemOffsets.length; i++) {
            indexByOffset.put(itemOffsets[i], i);
        }
        int n = records.size();
        int[] next = new int[n];
        int[] lower = new int[n];
        for (int i = 0; i < n; i++) {
            next[i] = target(records.get(i), Tags.OffsetOfTheNextDirectoryRecord, itemOffsets[i], indexByOffset, issues);
            lower[i] = target(records.get(i), Tags.OffsetOfReferencedLowerLevelDirectoryEntity, itemOffsets[i],
                    indexByOffset, issues);
        }
        int root = target(directory, Tags.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity, 0, indexByOffset, issues);
        return Optional.of(new RecordLinks(root, next, lower));
    }

    private static int target(DicomDataset ds, int tag, long from, Map<Long, Integer> indexByOffset, List<ParseIssue> issues) {
        long offset = Integer.toUnsignedLong(ds.intValue(tag, 0));
        if (offset == 0) {
            return NONE;
        }
        Integer index = indexByOffset.get(offset);
        if (index == null) {
            issues.add(new ParseIssue(from, tag, "offset " + offset + " points where no directory record starts; link ignored"));
            return NONE;
        }
        return index;
    }

    /**
     * Links implied by the record order, assuming records are listed depth first (as every writer we know does):
     * each record belongs to the nearest preceding record of a higher level (PATIENT > STUDY > SERIES > instances).
     * Records of unknown level become leaves of the nearest preceding record.
     */
    static RecordLinks fromRecordOrder(List<String> typeCodes) {
        int n = typeCodes.size();
        int[] next = new int[n];
        int[] lower = new int[n];
        Arrays.fill(next, NONE);
        Arrays.fill(lower, NONE);
        int[] lastChild = new int[n];
        Arrays.fill(lastChild, NONE);
        int root = NONE;
        int lastRoot = NONE;
        Deque<Integer> open = new ArrayDeque<>(); // records that can still receive children, deepest first
        for (int i = 0; i < n; i++) {
            int depth = RecordType.of(typeCodes.get(i)).level().depth;
            if (depth > 0) {
                while (!open.isEmpty() && levelOf(typeCodes, open.peek()) >= depth) {
                    open.pop();
                }
            }
            Integer parent = open.peek();
            if (parent == null) {
                if (lastRoot == NONE) {
                    root = i;
                } else {
                    next[lastRoot] = i;
                }
                lastRoot = i;
            } else {
                if (lastChild[parent] == NONE) {
                    lower[parent] = i;
                } else {
                    next[lastChild[parent]] = i;
                }
                lastChild[parent] = i;
            }
            if (depth > 0) {
                open.push(i);
            }
        }
        return new RecordLinks(root, next, lower);
    }

    private static int levelOf(List<String> typeCodes, int i) {
        return RecordType.of(typeCodes.get(i)).level().depth;
    }

    /** How many links (from other records) point at each record. */
    int[] incoming() {
        int[] in = new int[size()];
        for (int i = 0; i < size(); i++) {
            if (next[i] != NONE && next[i] != i) {
                in[next[i]]++;
            }
            if (lower[i] != NONE && lower[i] != i) {
                in[lower[i]]++;
            }
        }
        return in;
    }

    /** The record whose lower-level link points at {@code target}, or NONE. */
    int parentOf(int target) {
        for (int i = 0; i < size(); i++) {
            if (lower[i] == target && i != target) {
                return i;
            }
        }
        return NONE;
    }

    /** Marker for issues about the directory as a whole. */
    static final int NO_TAG = DicomParseException.NO_TAG;
}
