package org.noduletrack.archive;

/** A Series Instance UID (0020,000E). */
public record SeriesUid(String value) implements Comparable<SeriesUid> {
    public SeriesUid {
        value = Uids.check(value, "Series Instance UID (0020,000E)");
    }

    @Override
    public int compareTo(SeriesUid o) { return value.compareTo(o.value); }

    @Override
    public String toString() { return value; }
}
