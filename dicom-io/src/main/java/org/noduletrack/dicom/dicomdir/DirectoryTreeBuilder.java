package org.noduletrack.dicom.dicomdir;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.ParseIssue;

/**
 * Turns {@link RecordLinks} into immutable {@link DirectoryRecord}s. Every record is placed at most once, so cycles,
 * shared entities and self-references end a chain instead of looping; records left unreachable by a broken link are
 * kept as extra root entries rather than silently lost. Each repair is reported.
 */
final class DirectoryTreeBuilder {
    /** PATIENT > STUDY > SERIES > instance is 4 deep; anything far deeper is a link loop in disguise. */
    private static final int MAX_DEPTH = 16;
    private static final int INACTIVE = 0x0000;

    private final List<DicomDataset> records;
    private final long[] offsets;
    private final RecordLinks links;
    private final List<ParseIssue> issues;
    private final boolean[] placed;

    DirectoryTreeBuilder(List<DicomDataset> records, long[] offsets, RecordLinks links, List<ParseIssue> issues) {
        this.records = records;
        this.offsets = offsets;
        this.links = links;
        this.issues = issues;
        this.placed = new boolean[records.size()];
    }

    List<DirectoryRecord> build() {
        List<DirectoryRecord> roots = new ArrayList<>(chain(rootStart(), RecordLinks.NONE, 0));
        int[] incoming = links.incoming();
        int orphans = 0;
        for (int i = 0; i < records.size(); i++) {
            if (!placed[i] && incoming[i] == 0) {
                List<DirectoryRecord> chain = chain(i, RecordLinks.NONE, 0);
                orphans += chain.stream().mapToLong(r -> r.stream().count()).sum();
                roots.addAll(chain);
            }
        }
        if (orphans > 0) {
            issue(RecordLinks.NONE, Tags.DirectoryRecordSequence, orphans
                    + " records not reachable from the root directory entity were kept as extra root entries");
        }
        int lost = 0;
        for (boolean p : placed) {
            lost += p ? 0 : 1;
        }
        if (lost > 0) {
            issue(RecordLinks.NONE, Tags.DirectoryRecordSequence, lost
                    + " records only reachable through a cycle of offsets were skipped");
        }
        return roots;
    }

    /**
     * The first root record. A root record is never another record's lower-level entity: when (0004,1200) points to
     * one (an editing tool forgot to update it) and exactly one record has no link pointing to it, the root entity
     * starts at whichever of the two reaches more records.
     */
    private int rootStart() {
        int root = links.root;
        int parent = root == RecordLinks.NONE ? RecordLinks.NONE : links.parentOf(root);
        if (records.isEmpty() || (root != RecordLinks.NONE && parent == RecordLinks.NONE)) {
            return root;
        }
        int[] incoming = links.incoming();
        int head = RecordLinks.NONE;
        int heads = 0;
        for (int i = 0; i < incoming.length; i++) {
            if (incoming[i] == 0) {
                head = i;
                heads++;
            }
        }
        String problem = root == RecordLinks.NONE
                ? "root offset does not point to any record"
                : "root offset points to the record at byte " + offsets[root]
                        + ", which is a lower-level record of the record at byte " + offsets[parent];
        if (heads == 1 && (root == RecordLinks.NONE || reach(head) > reach(root))) {
            issue(RecordLinks.NONE, Tags.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity, problem
                    + "; the root entity starts at the only record no link points to, at byte " + offsets[head]);
            return head;
        }
        issue(RecordLinks.NONE, Tags.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity, problem);
        return root;
    }

    /** How many records can be reached from {@code start} through next and lower links. */
    private int reach(int start) {
        boolean[] seen = new boolean[records.size()];
        Deque<Integer> todo = new ArrayDeque<>(List.of(start));
        int count = 0;
        while (!todo.isEmpty()) {
            int i = todo.pop();
            if (i == RecordLinks.NONE || seen[i]) {
                continue;
            }
            seen[i] = true;
            count++;
            todo.push(links.next[i]);
            todo.push(links.lower[i]);
        }
        return count;
    }

    /**
     * The chain of siblings starting at {@code first}, with their subtrees.
     *
     * @param parent the record whose lower-level link leads here; NONE for the root entity
     */
    private List<DirectoryRecord> chain(int first, int parent, int depth) {
        List<DirectoryRecord> out = new ArrayList<>();
        int previous = RecordLinks.NONE;
        for (int i = first; i != RecordLinks.NONE; previous = i, i = links.next[i]) {
            if (placed[i]) {
                int from = previous != RecordLinks.NONE ? previous : parent;
                int tag = previous != RecordLinks.NONE ? Tags.OffsetOfTheNextDirectoryRecord
                        : parent != RecordLinks.NONE ? Tags.OffsetOfReferencedLowerLevelDirectoryEntity
                        : Tags.OffsetOfTheFirstDirectoryRecordOfTheRootDirectoryEntity;
                issue(from, tag, "link to the record at byte " + offsets[i]
                        + " ignored: that record is already in the tree (cycle or shared entity)");
                break;
            }
            placed[i] = true;
            DicomDataset r = records.get(i);
            String typeCode = r.string(Tags.DirectoryRecordType, "");
            if (r.intValue(Tags.RecordInUseFlag, 0xFFFF) == INACTIVE) {
                int below = discard(links.lower[i]);
                issue(i, Tags.RecordInUseFlag, "inactive " + typeCode + " record skipped"
                        + (below > 0 ? " with the " + below + " records below it" : ""));
                continue;
            }
            if (RecordType.of(typeCode) == RecordType.OTHER) {
                issue(i, Tags.DirectoryRecordType, "invalid directory record type '" + typeCode + "'; record kept as OTHER");
            }
            List<DirectoryRecord> children;
            if (links.lower[i] == RecordLinks.NONE) {
                children = List.of();
            } else if (depth >= MAX_DEPTH) {
                int below = discard(links.lower[i]);
                issue(i, Tags.OffsetOfReferencedLowerLevelDirectoryEntity, "records nested deeper than " + MAX_DEPTH
                        + " levels; " + below + " records below skipped");
                children = List.of();
            } else {
                children = chain(links.lower[i], i, depth + 1);
            }
            out.add(new DirectoryRecord(offsets[i], typeCode, withoutLinks(r), children));
        }
        return out;
    }

    /** Marks a subtree as handled without building it; returns how many records it had. */
    private int discard(int first) {
        int count = 0;
        Deque<Integer> todo = new ArrayDeque<>();
        if (first != RecordLinks.NONE) {
            todo.push(first);
        }
        while (!todo.isEmpty()) {
            int i = todo.pop();
            if (placed[i]) {
                continue;
            }
            placed[i] = true;
            count++;
            if (links.next[i] != RecordLinks.NONE) {
                todo.push(links.next[i]);
            }
            if (links.lower[i] != RecordLinks.NONE) {
                todo.push(links.lower[i]);
            }
        }
        return count;
    }

    private static DicomDataset withoutLinks(DicomDataset r) {
        return r.toBuilder()
                .remove(Tags.OffsetOfTheNextDirectoryRecord)
                .remove(Tags.RecordInUseFlag)
                .remove(Tags.OffsetOfReferencedLowerLevelDirectoryEntity)
                .build();
    }

    private void issue(int record, int tag, String message) {
        long offset = record == RecordLinks.NONE ? 0 : offsets[record];
        issues.add(new ParseIssue(offset, tag, message));
    }
}
