package org.noduletrack.archive;

/** A Study Instance UID (0020,000D). */
public record StudyUid(String value) implements Comparable<StudyUid> {
    public StudyUid {
        value = Uids.check(value, "Study Instance UID (0020,000D)");
    }

    @Override
    public int compareTo(StudyUid o) { return value.compareTo(o.value); }

    @Override
    public String toString() { return value; }
}
