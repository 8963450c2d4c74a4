package org.noduletrack.dicom.dict;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The standard's registry of well-known UIDs (PS3.6 Annex A): transfer syntaxes, SOP classes and the rest,
 * read from the generated resource {@code uids.tsv}. Immutable and safe to share between threads.
 */
public final class UidDictionary {
    private static final String RESOURCE = "uids.tsv";

    private final Map<String, UidEntry> byUid;
    private final List<UidEntry> entries;

    private UidDictionary(List<UidEntry> entries) {
        this.entries = List.copyOf(entries);
        Map<String, UidEntry> map = HashMap.newHashMap(entries.size());
        for (UidEntry e : entries) {
            if (map.put(e.uid(), e) != null) {
                throw new IllegalStateException(RESOURCE + " has UID " + e.uid() + " twice");
            }
        }
        byUid = Map.copyOf(map);
    }

    /** The dictionary generated from the standard; loaded on first use. */
    public static UidDictionary standard() {
        return Standard.INSTANCE;
    }

    /** Holder class: the JVM initialises it, once and thread-safely, on the first call to {@link #standard()}. */
    private static final class Standard {
        static final UidDictionary INSTANCE = load();
    }

    private static UidDictionary load() {
        List<UidEntry> entries = new ArrayList<>(500);
        for (String[] f : TsvResource.read(RESOURCE, 5)) {
            entries.add(new UidEntry(f[0], f[1], f[2], f[3], f[4].equals("1")));
        }
        return new UidDictionary(entries);
    }

    /**
     * The entry of {@code uid}, or empty if the standard does not define it (private and instance UIDs).
     * Trailing NUL or space padding, which UI values carry to reach even length (PS3.5 6.2), is ignored.
     */
    public Optional<UidEntry> lookup(String uid) {
        return Optional.ofNullable(byUid.get(stripPadding(uid)));
    }

    /** Every entry, in UID order. */
    public List<UidEntry> entries() {
        return entries;
    }

    private static String stripPadding(String uid) {
        int end = uid.length();
        while (end > 0 && (uid.charAt(end - 1) == '\0' || uid.charAt(end - 1) == ' ')) {
            end--;
        }
        return uid.substring(0, end);
    }
}
