package org.noduletrack.dicom.data;

/** A binary value held in memory. */
public final class InlineValue implements BinaryValue {
    private final byte[] bytes;

    private InlineValue(byte[] bytes) { this.bytes = bytes; }

    public static InlineValue of(byte[] bytes) { return new InlineValue(bytes.clone()); }

    static InlineValue wrap(byte[] bytes) { return new InlineValue(bytes); }

    @Override public long length() { return bytes.length; }

    @Override public byte[] bytes() { return bytes.clone(); }

    @Override
    public boolean equals(Object o) { return o instanceof InlineValue v && java.util.Arrays.equals(v.bytes, bytes); }

    @Override
    public int hashCode() { return java.util.Arrays.hashCode(bytes); }
}
