package org.noduletrack.dicom.dict;

import java.util.Objects;

/**
 * One well-known UID of the standard (PS3.6 Annex A).
 *
 * @param uid      the UID, e.g. "1.2.840.10008.1.2.1"
 * @param name     e.g. "Explicit VR Little Endian"
 * @param keyword  e.g. "ExplicitVRLittleEndian", the name of its {@link Uids} constant
 * @param type     the PS3.6 UID type, e.g. "Transfer Syntax", "SOP Class", "Well-known frame of reference"
 * @param retired  whether the standard has retired the UID
 */
public record UidEntry(String uid, String name, String keyword, String type, boolean retired) {
    public static final String TRANSFER_SYNTAX = "Transfer Syntax";
    public static final String SOP_CLASS = "SOP Class";

    public UidEntry {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(type, "type");
    }

    public boolean isTransferSyntax() {
        return type.equals(TRANSFER_SYNTAX);
    }

    public boolean isSopClass() {
        return type.equals(SOP_CLASS);
    }
}
