package org.noduletrack.archive;

/** The library's own key of a patient record (patient IDs are not unique across hospitals). */
public record PatientKey(long value) {
    public PatientKey {
        if (value <= 0) {
            throw new IllegalArgumentException("patient key must be positive: " + value);
        }
    }

    @Override
    public String toString() { return "patient#" + value; }
}
