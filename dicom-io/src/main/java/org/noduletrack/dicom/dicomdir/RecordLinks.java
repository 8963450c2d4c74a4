package org.noduletrack.dicom.dicomdir;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.ParseIssue;

/**
 * The directory's structure as links between record indices (positions in the Directory Record Sequence): the first
 * record of the root entity, and per record its next sibling and its first lower-level record. Built either from the
 * byte-offset links of the file or, when those are missing, from the record order.
 */
final class RecordLinks {
    static final int NONE = -1;
    static final String OFFSETS_MISSING = "offsets missing; tree inferred from record order";

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
     * Links from the offset elements, or empty when the offsets cannot describe the tree: some record lacks
     * (0004,1400) or (0004,1420), the root offset (0004,1200) is absent, every link is 0 although there are records,
     * or most links point where no record starts (stale offsets after an edit that moved bytes). The reason is
     * reported. A minority of offsets that point nowhere are reported one by one and end their chain.
     *
     * @param itemOffsets byte offset of each record's item, parallel to {@code records}
     */
    static Optional<RecordLinks> fromOffsets(DicomDataset directory, List<DicomDataset> records, long[] itemOffsets,
                                             List<ParseIssue> issues) {
        if (records.isEmpty()) {
            return Optional.of(new RecordLinks(NONE, new int[0], new int[0]));
        }
        int root = Tags.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity;
        boolean missing = !directory.contains(root);
        for (DicomDataset r : records) {
            missing |= !r.contains(Tags.OffsetOfTheNextDirectoryRecord)
                    || !r.contains(Tags.OffsetOfReferencedLowerLevelDirectoryEntity);
        }
        if (missing) {
            issues.add(new ParseIssue(0, Tags.DirectoryRecordSequence, OFFSETS_MISSING));
            return Optional.empty();
        }
        Map<Long, Integer> indexByOffset = HashMap.newHashMap(records.size());
        for (int i = 0; i < itemOffsets.length; i++) {
            indexByOffset.put(itemOffsets[i], i);
        }
        Resolver resolver = new Resolver(indexByOffset);
        int n = records.size();
        int[] next = new int[n];
        int[] lower = new int[n];
        for (int i = 0; i < n; i++) {
            next[i] = resolver.target(records.get(i), Tags.OffsetOfTheNextDirectoryRecord, itemOffsets[i]);
            lower[i] = resolver.target(records.get(i), Tags.OffsetOfReferencedLowerLevelDirectoryEntity, itemOffsets[i]);
        }
        int first = resolver.target(directory, root, 0);
        if (resolver.links == 0) {
            issues.add(new ParseIssue(0, root, "all offsets are 0; tree inferred from record order"));
            return Optional.empty();
        }
        if (resolver.dangling.size() * 2 > resolver.links) {
            issues.add(new ParseIssue(0, Tags.DirectoryRecordSequence, resolver.dangling.size() + " of " + resolver.links
                    + " offsets point where no record starts; tree inferred from record order"));
            return Optional.empty();
        }
        issues.addAll(resolver.dangling);
        return Optional.of(new RecordLinks(first, next, lower));
    }

    /** Maps offset values to record indices, counting the links and collecting those that point nowhere. */
    private static final class Resolver {
        final Map<Long, Integer> indexByOffset;
        final List<ParseIssue> dangling = new ArrayList<>();
        int links;

        Resolver(Map<Long, Integer> indexByOffset) { this.indexByOffset = indexByOffset; }

        int target(DicomDataset ds, int tag, long from) {
            long offset = Integer.toUnsignedLong(ds.intValue(tag, 0));
            if (offset == 0) {
                return NONE;
            }
            links++;
            Integer index = indexByOffset.get(offset);
            if (index == null) {
                dangling.add(new ParseIssue(from, tag, "offset " + offset + " points where no directory record starts; link ignored"));
                return NONE;
            }
            return index;
        }
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
}
