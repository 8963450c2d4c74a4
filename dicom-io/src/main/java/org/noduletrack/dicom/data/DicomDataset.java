package org.noduletrack.dicom.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.noduletrack.dicom.charset.SpecificCharacterSet;

/**
 * An immutable data set: elements sorted by tag in parallel arrays (binary search), with a small typed accessor set.
 * Text is decoded on access with the data set's effective Specific Character Set (its own, or the enclosing one).
 */
public final class DicomDataset {
    private static final int[] NO_INTS = new int[0];
    private static final double[] NO_DOUBLES = new double[0];
    private static final String[] NO_STRINGS = new String[0];

    /** Tags XOR 0x80000000 so that signed binary search gives the standard's unsigned tag order. */
    private final int[] keys;
    private final DicomElement[] elements;
    private final SpecificCharacterSet characterSet;

    DicomDataset(int[] keys, DicomElement[] elements, SpecificCharacterSet characterSet) {
        this.keys = keys;
        this.elements = elements;
        this.characterSet = characterSet;
    }

    public static DicomDataset empty() {
        return new DicomDataset(NO_INTS, new DicomElement[0], SpecificCharacterSet.DEFAULT);
    }

    public static DatasetBuilder builder() { return new DatasetBuilder(SpecificCharacterSet.DEFAULT); }

    /** A builder pre-filled with this data set's elements, for derived copies. */
    public DatasetBuilder toBuilder() {
        DatasetBuilder b = new DatasetBuilder(characterSet);
        for (DicomElement e : elements) {
            b.put(e);
        }
        return b;
    }

    public int size() { return keys.length; }

    public boolean isEmpty() { return keys.length == 0; }

    public boolean contains(int tag) { return Arrays.binarySearch(keys, tag ^ Integer.MIN_VALUE) >= 0; }

    public SpecificCharacterSet characterSet() { return characterSet; }

    /** Elements in ascending tag order. */
    public List<DicomElement> elements() {
        return new AbstractList<>() {
            @Override public DicomElement get(int i) { return elements[i]; }
            @Override public int size() { return elements.length; }
        };
    }

    public Optional<DicomElement> get(int tag) {
        int i = Arrays.binarySearch(keys, tag ^ Integer.MIN_VALUE);
        return i >= 0 ? Optional.of(elements[i]) : Optional.empty();
    }

    private byte[] rawValue(int tag) {
        int i = Arrays.binarySearch(keys, tag ^ Integer.MIN_VALUE);
        return i >= 0 && elements[i] instanceof ValueElement v ? v.raw() : null;
    }

    private Vr vrOf(int tag) {
        int i = Arrays.binarySearch(keys, tag ^ Integer.MIN_VALUE);
        return i >= 0 ? elements[i].vr() : null;
    }

    /** A copy of an in-memory value's bytes (little endian). */
    public Optional<byte[]> bytes(int tag) {
        byte[] raw = rawValue(tag);
        return raw == null ? Optional.empty() : Optional.of(raw.clone());
    }

    /** All values of a text element, decoded and with padding trimmed; empty if absent. */
    public String[] strings(int tag) {
        int i = Arrays.binarySearch(keys, tag ^ Integer.MIN_VALUE);
        if (i < 0 || !(elements[i] instanceof ValueElement v)) {
            return NO_STRINGS;
        }
        return TextValues.split(decodeText(v), v.vr());
    }

    /** The whole decoded text of an element (multiple values joined by backslash), trailing padding removed. */
    public Optional<String> text(int tag) {
        int i = Arrays.binarySearch(keys, tag ^ Integer.MIN_VALUE);
        if (i < 0 || !(elements[i] instanceof ValueElement v)) {
            return Optional.empty();
        }
        return Optional.of(TextValues.trimTrailing(decodeText(v)));
    }

    private String decodeText(ValueElement v) {
        Vr vr = v.vr();
        byte[] raw = v.raw();
        if (TextValues.usesSpecificCharacterSet(vr)) {
            return characterSet.decode(raw, vr == Vr.PN);
        }
        return new String(raw, StandardCharsets.ISO_8859_1);
    }

    /** The first value of a text element; empty if absent or empty. */
    public Optional<String> string(int tag) {
        String[] s = strings(tag);
        return s.length == 0 || s[0].isEmpty() ? Optional.empty() : Optional.of(s[0]);
    }

    public String string(int tag, String defaultValue) { return string(tag).orElse(defaultValue); }

    /** Integer values of a binary (US, SS, UL, SL, SV, UV, AT) or IS element; unparsable IS values are skipped. */
    public int[] ints(int tag) {
        Vr vr = vrOf(tag);
        byte[] raw = rawValue(tag);
        if (vr == null || raw == null) {
            return NO_INTS;
        }
        ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        return switch (vr) {
            case US -> { int[] r = new int[raw.length / 2]; for (int k = 0; k < r.length; k++) r[k] = bb.getShort(2 * k) & 0xFFFF; yield r; }
            case SS -> { int[] r = new int[raw.length / 2]; for (int k = 0; k < r.length; k++) r[k] = bb.getShort(2 * k); yield r; }
            case UL, SL, AT -> { int[] r = new int[raw.length / 4]; for (int k = 0; k < r.length; k++) r[k] = tagOrInt(bb, 4 * k, vr); yield r; }
            case SV, UV -> { int[] r = new int[raw.length / 8]; for (int k = 0; k < r.length; k++) r[k] = (int) bb.getLong(8 * k); yield r; }
            case IS, DS -> TextValues.parseInts(strings(tag));
            default -> NO_INTS;
        };
    }

    private static int tagOrInt(ByteBuffer bb, int off, Vr vr) {
        if (vr == Vr.AT) { // stored as group then element, each 16-bit
            return ((bb.getShort(off) & 0xFFFF) << 16) | (bb.getShort(off + 2) & 0xFFFF);
        }
        return bb.getInt(off);
    }

    /** 64-bit values of an SV, UV (or any integer) element; UV above 2^63 wraps, as Java has no unsigned long. */
    public long[] longs(int tag) {
        Vr vr = vrOf(tag);
        byte[] raw = rawValue(tag);
        if (vr == null || raw == null) {
            return new long[0];
        }
        if (vr == Vr.SV || vr == Vr.UV || vr == Vr.OV) {
            ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            long[] r = new long[raw.length / 8];
            for (int k = 0; k < r.length; k++) {
                r[k] = bb.getLong(8 * k);
            }
            return r;
        }
        int[] v = ints(tag);
        long[] r = new long[v.length];
        for (int k = 0; k < v.length; k++) {
            r[k] = vr == Vr.UL ? Integer.toUnsignedLong(v[k]) : v[k];
        }
        return r;
    }

    public OptionalInt intValue(int tag) {
        int[] v = ints(tag);
        return v.length == 0 ? OptionalInt.empty() : OptionalInt.of(v[0]);
    }

    public int intValue(int tag, int defaultValue) { return intValue(tag).orElse(defaultValue); }

    /** Floating values of a DS, IS, FL, FD (or OF/OD) element; unparsable DS values are skipped. */
    public double[] doubles(int tag) {
        Vr vr = vrOf(tag);
        byte[] raw = rawValue(tag);
        if (vr == null || raw == null) {
            return NO_DOUBLES;
        }
        ByteBuffer bb = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        return switch (vr) {
            case FL, OF -> { double[] r = new double[raw.length / 4]; for (int k = 0; k < r.length; k++) r[k] = bb.getFloat(4 * k); yield r; }
            case FD, OD -> { double[] r = new double[raw.length / 8]; for (int k = 0; k < r.length; k++) r[k] = bb.getDouble(8 * k); yield r; }
            case DS, IS -> TextValues.parseDoubles(strings(tag));
            case US, SS, UL, SL -> Arrays.stream(ints(tag)).asDoubleStream().toArray();
            default -> NO_DOUBLES;
        };
    }

    public OptionalDouble doubleValue(int tag) {
        double[] v = doubles(tag);
        return v.length == 0 ? OptionalDouble.empty() : OptionalDouble.of(v[0]);
    }

    /**
     * The tag of a private element: {@code elementOffset} (0x00..0xFF) within the block that {@code creator} reserved in
     * odd {@code group} (PS3.5 7.8.1). Empty when no (gggg,0010-00FF) element names that creator.
     */
    public OptionalInt privateTag(int group, String creator, int elementOffset) {
        if ((group & 1) == 0 || elementOffset < 0 || elementOffset > 0xFF) {
            throw new IllegalArgumentException("private elements live in odd groups, offsets 00-FF");
        }
        for (int block = 0x10; block <= 0xFF; block++) {
            int creatorTag = TagFormat.of(group, block);
            if (string(creatorTag).map(c -> c.equals(creator.strip())).orElse(false)) {
                return OptionalInt.of(TagFormat.of(group, (block << 8) | elementOffset));
            }
        }
        return OptionalInt.empty();
    }

    /** Items of a sequence; empty if absent or not a sequence. */
    public List<DicomDataset> sequence(int tag) {
        int i = Arrays.binarySearch(keys, tag ^ Integer.MIN_VALUE);
        return i >= 0 && elements[i] instanceof SequenceElement s ? s.items() : List.of();
    }

    /** Reads a value whether it is in memory or still in the file. */
    public Optional<byte[]> readBinary(int tag) throws IOException {
        int i = Arrays.binarySearch(keys, tag ^ Integer.MIN_VALUE);
        if (i < 0) {
            return Optional.empty();
        }
        return switch (elements[i]) {
            case ValueElement v -> Optional.of(v.bytes());
            case BulkDataElement b -> Optional.of(b.ref().bytes());
            default -> Optional.empty();
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DicomDataset d && Arrays.equals(d.keys, keys) && Arrays.equals(d.elements, elements);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(keys); }

    @Override
    public String toString() { return "DicomDataset[" + keys.length + " elements]"; }
}
