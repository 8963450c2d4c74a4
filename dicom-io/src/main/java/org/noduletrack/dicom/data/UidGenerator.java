package org.noduletrack.dicom.data;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/** New UIDs under the 2.25 root (PS3.5 B.2: a UUID as a decimal integer), unique without a registered root. */
public final class UidGenerator {
    private UidGenerator() {}

    public static String newUid() {
        return fromUuid(UUID.randomUUID());
    }

    /** Deterministic UID for a name, e.g. to derive the same new UID for the same source UID and seed. */
    public static String fromName(String name) {
        return fromUuid(UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    static String fromUuid(UUID u) {
        byte[] b = ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
        return "2.25." + new BigInteger(1, b);
    }
}
