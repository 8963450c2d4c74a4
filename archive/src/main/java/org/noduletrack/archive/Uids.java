package org.noduletrack.archive;

/** Checks shared by the UID records. */
final class Uids {
    private Uids() {}

    static String check(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        String v = value.strip();
        if (v.length() > 64 + 16) { // tolerate slightly over-long vendor UIDs, reject garbage
            throw new IllegalArgumentException(what + " too long: " + v.length() + " characters");
        }
        return v;
    }
}
