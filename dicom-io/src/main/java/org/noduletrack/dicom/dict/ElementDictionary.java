package org.noduletrack.dicom.dict;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The DICOM data dictionary (PS3.6 section 6): VR, VM, keyword and name of every standard data element,
 * read from the generated resource {@code elements.tsv}. Immutable and safe to share between threads.
 *
 * <p>A lookup tries, in order: the exact tag; (gggg,0000) group length; the repeating-group entries
 * such as (60xx,3000) or (0020,31xx), in even groups only; and the private creator (gggg,0010-00FF)
 * of odd groups. Private data elements proper are not in the dictionary.
 */
public final class ElementDictionary {
    private static final String RESOURCE = "elements.tsv";

    /**
     * (gggg,0000): PS3.5 section 7.2 keeps group length elements only for the command and file meta groups,
     * which have exact entries; everywhere else they are retired but still appear in old files.
     */
    static final DictionaryEntry GROUP_LENGTH = new DictionaryEntry(
            0x00000000, 0x0000FFFF, List.of("UL"), "1", "GenericGroupLength", "Group Length", true);

    /** (gggg,00xx) in an odd group reserves the block (gggg,xx00-xxFF) for the named creator (PS3.5 7.8.1). */
    static final DictionaryEntry PRIVATE_CREATOR = new DictionaryEntry(
            0x00010000, 0x0001FF00, List.of("LO"), "1", "PrivateCreator", "Private Creator", false);

    /** Exact tags XOR 0x80000000, so that signed binary search follows the unsigned tag order. */
    private final int[] exactKeys;
    private final DictionaryEntry[] exactEntries;
    /**
     * Repeating-group entries indexed by the high byte of the group (00, 10, 50, 60, 7F), which no PS3.6
     * pattern leaves open, so a miss scans a few entries instead of all 88.
     */
    private final DictionaryEntry[][] repeatersByGroupHighByte;
    private final Map<String, Integer> tagsByKeyword;
    private final List<DictionaryEntry> entries;

    private ElementDictionary(List<DictionaryEntry> exact, List<DictionaryEntry> repeating) {
        exactKeys = new int[exact.size()];
        exactEntries = exact.toArray(new DictionaryEntry[0]);
        for (int i = 0; i < exactKeys.length; i++) {
            exactKeys[i] = exactEntries[i].tag() ^ Integer.MIN_VALUE;
            if (i > 0 && exactKeys[i] <= exactKeys[i - 1]) {
                throw new IllegalStateException(RESOURCE + " is not sorted by tag at " + hex(exactEntries[i].tag()));
            }
        }
        repeatersByGroupHighByte = indexByGroupHighByte(repeating);

        List<DictionaryEntry> all = new ArrayList<>(exact.size() + repeating.size());
        all.addAll(exact);
        all.addAll(repeating);
        entries = Collections.unmodifiableList(all);

        Map<String, Integer> byKeyword = HashMap.newHashMap(all.size());
        for (DictionaryEntry e : all) {
            if (!e.keyword().isEmpty() && byKeyword.put(e.keyword(), representativeTag(e)) != null) {
                throw new IllegalStateException(RESOURCE + " has keyword " + e.keyword() + " twice");
            }
        }
        tagsByKeyword = Collections.unmodifiableMap(byKeyword);
    }

    /**
     * Buckets the entries by the high byte of their group. The generator checks that no two PS3.6 patterns
     * overlap, so the order within a bucket does not matter.
     */
    private static DictionaryEntry[][] indexByGroupHighByte(List<DictionaryEntry> repeating) {
        List<List<DictionaryEntry>> buckets = new ArrayList<>(256);
        for (int b = 0; b < 256; b++) {
            buckets.add(new ArrayList<>());
        }
        for (DictionaryEntry e : repeating) {
            if ((e.mask() >>> 24) == 0xFF) {
                buckets.get(e.tag() >>> 24).add(e);
            } else {
                for (List<DictionaryEntry> bucket : buckets) { // not in PS3.6, but keep such a pattern working
                    bucket.add(e);
                }
            }
        }
        DictionaryEntry[][] index = new DictionaryEntry[256][];
        DictionaryEntry[] none = new DictionaryEntry[0];
        for (int b = 0; b < 256; b++) {
            index[b] = buckets.get(b).isEmpty() ? none : buckets.get(b).toArray(none);
        }
        return index;
    }

    /** The dictionary generated from the standard; loaded on first use. */
    public static ElementDictionary standard() {
        return Standard.INSTANCE;
    }

    /** Holder class: the JVM initialises it, once and thread-safely, on the first call to {@link #standard()}. */
    private static final class Standard {
        static final ElementDictionary INSTANCE = load();
    }

    private static ElementDictionary load() {
        List<String[]> rows = TsvResource.read(RESOURCE, 6);
        List<DictionaryEntry> exact = new ArrayList<>(rows.size());
        List<DictionaryEntry> repeating = new ArrayList<>();
        Map<String, List<String>> vrLists = new HashMap<>(); // about 40 distinct VR columns: share the lists
        for (String[] f : rows) {
            List<String> vrs = vrLists.get(f[1]);
            if (vrs == null) {
                vrs = parseVrs(f[1]);
                vrLists.put(f[1], vrs);
            }
            long pattern = parsePattern(f[0]);
            DictionaryEntry e = new DictionaryEntry(
                    (int) pattern, (int) (pattern >>> 32), vrs, f[2], f[3], f[4], f[5].equals("1"));
            (e.isRepeating() ? repeating : exact).add(e);
        }
        return new ElementDictionary(exact, repeating);
    }

    /** The entry describing {@code tag}, or empty for private data elements and unknown tags. */
    public Optional<DictionaryEntry> lookup(int tag) {
        return Optional.ofNullable(find(tag));
    }

    /** The keyword of {@code tag}, e.g. "PatientName"; empty if the tag is unknown. */
    public String keyword(int tag) {
        DictionaryEntry e = find(tag);
        return e == null ? "" : e.keyword();
    }

    /**
     * The VR to assume for {@code tag} when the data do not say (see {@link DictionaryEntry#primaryVr()}):
     * the first alternative, except "OB or OW" gives OW. Empty if the tag is unknown or has no VR (items);
     * the caller picks its own default, typically UN.
     */
    public String primaryVr(int tag) {
        DictionaryEntry e = find(tag);
        return e == null ? "" : e.primaryVr();
    }

    /**
     * The tag of a keyword. For a repeating-group element this is its first tag, e.g. (6000,3000) for
     * "OverlayData". The synthetic "GenericGroupLength" and "PrivateCreator" have no single tag: empty.
     */
    public OptionalInt tagForKeyword(String keyword) {
        Integer tag = tagsByKeyword.get(keyword);
        return tag == null ? OptionalInt.empty() : OptionalInt.of(tag);
    }

    /** Every entry of the resource, exact tags in tag order, then the repeating-group entries. */
    public List<DictionaryEntry> entries() {
        return entries;
    }

    private DictionaryEntry find(int tag) {
        int i = Arrays.binarySearch(exactKeys, tag ^ Integer.MIN_VALUE);
        if (i >= 0) {
            return exactEntries[i];
        }
        int element = tag & 0xFFFF;
        if (element == 0) {
            return GROUP_LENGTH;
        }
        int group = tag >>> 16;
        if ((group & 1) == 0) {
            for (DictionaryEntry r : repeatersByGroupHighByte[group >>> 8]) {
                if ((tag & r.mask()) == r.tag()) {
                    return r;
                }
            }
            return null;
        }
        return isPrivateGroup(group) && element >= 0x10 && element <= 0xFF ? PRIVATE_CREATOR : null;
    }

    /** PS3.5 7.8.1: odd groups are private, except 0001, 0003, 0005, 0007 and FFFF. */
    private static boolean isPrivateGroup(int group) {
        return (group & 1) == 1 && group > 0x0007 && group != 0xFFFF;
    }

    /**
     * The smallest tag that the dictionary resolves to {@code e}: for (0028,04x0) that is (0028,0410)
     * because (0028,0400) is Transform Label, and for (1000,xxx0) it is (1000,0010), not a group length.
     */
    private int representativeTag(DictionaryEntry e) {
        if (!e.isRepeating()) {
            return e.tag();
        }
        int wildcards = ~e.mask();
        long combinations = 1L << Integer.bitCount(wildcards);
        for (long n = 0; n < combinations; n++) {
            int candidate = e.tag() | deposit((int) n, wildcards);
            if (find(candidate) == e) {
                return candidate;
            }
        }
        throw new IllegalStateException(RESOURCE + ": no tag resolves to " + e.keyword());
    }

    /** Spreads the low bits of {@code n} over the set bits of {@code positions}, lowest first. */
    private static int deposit(int n, int positions) {
        int result = 0;
        for (int rest = positions; rest != 0 && n != 0; rest &= rest - 1, n >>>= 1) {
            if ((n & 1) != 0) {
                result |= Integer.lowestOneBit(rest);
            }
        }
        return result;
    }

    /**
     * Parses a tag pattern such as "60xx3000" into the tag with wildcards zero (0x60003000) in the low
     * 32 bits and the mask of fixed nibbles (0xFF00FFFF) in the high 32 bits.
     */
    static long parsePattern(String pattern) {
        if (pattern.length() != 8) {
            throw new IllegalStateException(RESOURCE + ": bad tag pattern " + pattern);
        }
        int tag = 0;
        int mask = 0;
        for (int i = 0; i < 8; i++) {
            char c = pattern.charAt(i);
            int digit = c == 'x' ? 0 : Character.digit(c, 16);
            if (digit < 0) {
                throw new IllegalStateException(RESOURCE + ": bad tag pattern " + pattern);
            }
            tag = (tag << 4) | digit;
            mask = (mask << 4) | (c == 'x' ? 0 : 0xF);
        }
        return ((long) mask << 32) | (tag & 0xFFFFFFFFL);
    }

    /** "US or SS" → [US, SS]; "NONE" (items, delimiters) → []. */
    private static List<String> parseVrs(String column) {
        return column.equals("NONE") ? List.of() : List.of(column.split(" or "));
    }

    private static String hex(int tag) {
        return String.format("%08X", tag);
    }
}
