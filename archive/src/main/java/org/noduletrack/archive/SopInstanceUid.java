package org.noduletrack.archive;

/** A SOP Instance UID (0008,0018). */
public record SopInstanceUid(String value) implements Comparable<SopInstanceUid> {
    public SopInstanceUid {
        value = Uids.check(value, "SOP Instance UID (0008,0018)");
    }

    @Override
    public int compareTo(SopInstanceUid o) { return value.compareTo(o.value); }

    @Override
    public String toString() { return value; }
}
