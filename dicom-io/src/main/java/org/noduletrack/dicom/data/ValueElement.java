package org.noduletrack.dicom.data;

import java.util.Arrays;

/** An element whose value is held in memory (text or little-endian binary). */
public final class ValueElement implements DicomElement {
    private final int tag;
    private final Vr vr;
    private final byte[] value;

    private ValueElement(int tag, Vr vr, byte[] value) {
        this.tag = tag;
        this.vr = vr;
        this.value = value;
    }

    /** Copies {@code value}. */
    public static ValueElement of(int tag, Vr vr, byte[] value) {
        return new ValueElement(tag, vr, value.clone());
    }

    /** Takes ownership of {@code value} without copying; for the reader, which never touches it again. */
    static ValueElement wrap(int tag, Vr vr, byte[] value) {
        return new ValueElement(tag, vr, value);
    }

    @Override public int tag() { return tag; }

    @Override public Vr vr() { return vr; }

    public int length() { return value.length; }

    /** A copy of the value bytes. */
    public byte[] bytes() { return value.clone(); }

    /** Shared read-only view for accessors inside this package. */
    byte[] raw() { return value; }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValueElement v && v.tag == tag && v.vr == vr && Arrays.equals(v.value, value);
    }

    @Override
    public int hashCode() { return 31 * (31 * tag + vr.hashCode()) + Arrays.hashCode(value); }

    @Override
    public String toString() { return TagFormat.toString(tag) + " " + vr + " #" + value.length; }
}
