package org.noduletrack.dicom.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import org.noduletrack.dicom.charset.SpecificCharacterSet;
import org.noduletrack.dicom.dict.Tags;

/**
 * Collects elements (in any order; a repeated tag replaces the earlier one) and produces an immutable {@link DicomDataset}.
 */
public final class DatasetBuilder {
    /** Tags XOR 0x80000000 (see DicomDataset). */
    private int[] tags = new int[32];
    private DicomElement[] elements = new DicomElement[32];
    private int size;
    private boolean sorted = true;
    private final SpecificCharacterSet inherited;
    /** Valid until (0008,0005) is put or removed. */
    private SpecificCharacterSet cachedCharacterSet;

    /** @param inherited the character set of the enclosing data set, used when this one has no (0008,0005) */
    public DatasetBuilder(SpecificCharacterSet inherited) {
        this.inherited = inherited;
    }

    public DatasetBuilder put(DicomElement e) {
        if (e.tag() == Tags.SpecificCharacterSet) {
            cachedCharacterSet = null;
        }
        int key = e.tag() ^ Integer.MIN_VALUE;
        if (size > 0 && key <= tags[size - 1]) {
            if (sorted) {
                int i = Arrays.binarySearch(tags, 0, size, key);
                if (i >= 0) {
                    elements[i] = e;
                    return this;
                }
            }
            sorted = false;
        }
        if (size == tags.length) {
            tags = Arrays.copyOf(tags, size * 2);
            elements = Arrays.copyOf(elements, size * 2);
        }
        tags[size] = key;
        elements[size++] = e;
        return this;
    }

    /** Adds an element whose value array the caller hands over and never touches again. */
    public DatasetBuilder putOwned(int tag, Vr vr, byte[] value) {
        return put(ValueElement.wrap(tag, vr, value));
    }

    public DatasetBuilder putBytes(int tag, Vr vr, byte[] value) {
        return put(ValueElement.of(tag, vr, value));
    }

    /** Text value(s), encoded with the builder's character set for VRs that use it, padded to even length. */
    public DatasetBuilder putString(int tag, Vr vr, String... values) {
        String joined = String.join("\\", values);
        byte[] b;
        if (TextValues.usesSpecificCharacterSet(vr)) {
            SpecificCharacterSet cs = currentCharacterSet();
            if (!cs.canEncode(joined)) {
                // Writing '?' for what the set cannot hold would silently corrupt names: make the caller choose a set.
                throw new IllegalArgumentException("Specific Character Set " + cs.terms() + " cannot encode the value of "
                        + TagFormat.toString(tag) + "; put (0008,0005) ISO_IR 192 first");
            }
            b = cs.encode(joined, vr == Vr.PN);
        } else {
            b = joined.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        if ((b.length & 1) == 1) {
            b = Arrays.copyOf(b, b.length + 1);
            b[b.length - 1] = (byte) vr.paddingByte();
        }
        return putOwned(tag, vr, b);
    }

    public DatasetBuilder putInts(int tag, Vr vr, int... values) {
        int unit = switch (vr) {
            case US, SS -> 2;
            case UL, SL -> 4;
            default -> throw new IllegalArgumentException("putInts needs US, SS, UL or SL, not " + vr);
        };
        ByteBuffer bb = ByteBuffer.allocate(values.length * unit).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            if (unit == 2) {
                bb.putShort((short) v);
            } else {
                bb.putInt(v);
            }
        }
        return putOwned(tag, vr, bb.array());
    }

    public DatasetBuilder putSequence(int tag, List<DicomDataset> items) {
        return put(new SequenceElement(tag, Vr.SQ, items));
    }

    public DatasetBuilder remove(int tag) {
        if (tag == Tags.SpecificCharacterSet) {
            cachedCharacterSet = null;
        }
        int key = tag ^ Integer.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            if (tags[i] == key) {
                System.arraycopy(tags, i + 1, tags, i, size - i - 1);
                System.arraycopy(elements, i + 1, elements, i, size - i - 1);
                size--;
                i--;
            }
        }
        return this;
    }

    public boolean contains(int tag) {
        int key = tag ^ Integer.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            if (tags[i] == key) {
                return true;
            }
        }
        return false;
    }

    /** True when elements arrived out of ascending tag order (a deviation worth reporting). */
    public boolean wasOutOfOrder() { return !sorted; }

    /** The character set this data set will decode with: its own (0008,0005) if present, else the inherited one. */
    public SpecificCharacterSet currentCharacterSet() {
        if (cachedCharacterSet != null) {
            return cachedCharacterSet;
        }
        cachedCharacterSet = findCharacterSet();
        return cachedCharacterSet;
    }

    /** Scans for (0008,0005); called again only after that element changes. */
    private SpecificCharacterSet findCharacterSet() {
        for (int i = 0; i < size; i++) {
            if (elements[i].tag() == Tags.SpecificCharacterSet && elements[i] instanceof ValueElement v) {
                String text = new String(v.raw(), java.nio.charset.StandardCharsets.ISO_8859_1);
                String[] terms = text.split("\\\\", -1);
                for (int k = 0; k < terms.length; k++) {
                    terms[k] = terms[k].strip();
                }
                return SpecificCharacterSet.of(terms);
            }
        }
        return inherited;
    }

    public DicomDataset build() {
        int[] t = Arrays.copyOf(tags, size);
        DicomElement[] e = Arrays.copyOf(elements, size);
        if (!sorted) {
            sortStable(t, e);
            int n = dedupCount(t);
            if (n != t.length) {
                int[] t2 = new int[n];
                DicomElement[] e2 = new DicomElement[n];
                int k = 0;
                for (int i = 0; i < t.length; i++) {
                    if (i + 1 < t.length && t[i + 1] == t[i]) {
                        continue; // the later duplicate wins
                    }
                    t2[k] = t[i];
                    e2[k++] = e[i];
                }
                t = t2;
                e = e2;
            }
        }
        return new DicomDataset(t, e, currentCharacterSet());
    }

    private static int dedupCount(int[] t) {
        int n = t.length;
        for (int i = 1; i < t.length; i++) {
            if (t[i] == t[i - 1]) {
                n--;
            }
        }
        return n;
    }

    private static void sortStable(int[] t, DicomElement[] e) {
        Integer[] idx = new Integer[t.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Integer.compare(t[a], t[b])); // stable: a repeated tag keeps arrival order
        int[] t2 = new int[t.length];
        DicomElement[] e2 = new DicomElement[t.length];
        for (int i = 0; i < idx.length; i++) {
            t2[i] = t[idx[i]];
            e2[i] = e[idx[i]];
        }
        System.arraycopy(t2, 0, t, 0, t.length);
        System.arraycopy(e2, 0, e, 0, e.length);
    }
}
