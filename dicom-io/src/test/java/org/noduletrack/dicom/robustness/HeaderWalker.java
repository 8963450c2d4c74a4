package org.noduletrack.dicom.robustness;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A deliberately tiny DICOM structure walker, independent of the reader under test, that finds where elements, items,
 * fragments and delimiters start and end and where every length field lies. It only has to be right for the valid
 * seed files; on anything odd it stops and returns what it has.
 *
 * <p>Implicit VR sequences of defined length are recognised by their first item tag (no dictionary needed).
 */
final class HeaderWalker {
    /** Where a length field is, how wide, in which byte order, and where its value would end. */
    record LengthField(int offset, int width, boolean bigEndian, String what, long declared, int valueStart) {}

    /** The result of a walk. */
    record Layout(TreeSet<Integer> boundaries, List<LengthField> lengthFields, int pixelDataValueStart, String transferSyntax,
                  int dataSetStart) {
        /** Offset before which every byte is structure (header) rather than bulk pixel data. */
        int headerEnd(int fileLength) {
            return pixelDataValueStart >= 0 ? pixelDataValueStart : fileLength;
        }
    }

    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITER = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;
    private static final int PIXEL_DATA = 0x7FE00010;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    private final byte[] b;
    private final TreeSet<Integer> boundaries = new TreeSet<>();
    private final List<LengthField> lengths = new ArrayList<>();
    private int pixelDataValueStart = -1;
    private boolean explicit = true;
    private boolean bigEndian;

    private HeaderWalker(byte[] b) { this.b = b; }

    /** Walks a Part 10 file (preamble, meta header, then the data set in its transfer syntax; deflated bodies are not entered). */
    static Layout walkFile(byte[] bytes) {
        HeaderWalker w = new HeaderWalker(bytes);
        int pos = 0;
        if (bytes.length >= 132 && bytes[128] == 'D' && bytes[129] == 'I' && bytes[130] == 'C' && bytes[131] == 'M') {
            pos = 132;
        }
        w.boundaries.add(0);
        w.boundaries.add(pos);
        String ts = "";
        // meta header: always explicit VR little endian, group 0002
        while (pos + 8 <= bytes.length && w.u16(pos, false) == 0x0002) {
            int tag = w.tag(pos);
            int next = w.element(pos, bytes.length, 0);
            if (next < 0) {
                return w.layout(ts, pos);
            }
            if (tag == 0x00020010) {
                int valueLen = w.u16(pos + 6, false);
                ts = new String(bytes, pos + 8, Math.min(valueLen, bytes.length - pos - 8), StandardCharsets.ISO_8859_1)
                        .replace("\0", "").strip();
            }
            pos = next;
        }
        int dataSetStart = pos;
        switch (ts) {
            case "1.2.840.10008.1.2" -> w.explicit = false;
            case "1.2.840.10008.1.2.2" -> w.bigEndian = true;
            case "1.2.840.10008.1.2.1.99" -> {
                return w.layout(ts, dataSetStart); // deflated: the caller walks the inflated body separately
            }
            default -> { }
        }
        w.elements(pos, bytes.length, 0);
        return w.layout(ts, dataSetStart);
    }

    /** Walks a bare explicit VR little endian data set (for example an inflated deflated body). */
    static Layout walkDataSet(byte[] bytes, boolean explicitVr, boolean bigEndian) {
        HeaderWalker w = new HeaderWalker(bytes);
        w.explicit = explicitVr;
        w.bigEndian = bigEndian;
        w.boundaries.add(0);
        w.elements(0, bytes.length, 0);
        return w.layout("", 0);
    }

    private Layout layout(String ts, int dataSetStart) {
        boundaries.add(b.length);
        return new Layout(boundaries, lengths, pixelDataValueStart, ts, dataSetStart);
    }

    private int u16(int pos, boolean be) {
        int x = b[pos] & 0xFF, y = b[pos + 1] & 0xFF;
        return be ? (x << 8) | y : (y << 8) | x;
    }

    private long u32(int pos, boolean be) {
        long x = b[pos] & 0xFF, y = b[pos + 1] & 0xFF, z = b[pos + 2] & 0xFF, w = b[pos + 3] & 0xFF;
        return be ? (x << 24) | (y << 16) | (z << 8) | w : (w << 24) | (z << 16) | (y << 8) | x;
    }

    private int tag(int pos) {
        return (u16(pos, bigEndian) << 16) | u16(pos + 2, bigEndian);
    }

    private static boolean longHeaderVr(String vr) {
        return switch (vr) {
            case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT", "SV", "UV" -> true;
            default -> false;
        };
    }

    /** Walks elements from pos to end (or to an item delimiter); returns the offset after the last one, -1 on a problem. */
    private int elements(int pos, int end, int depth) {
        while (pos + 8 <= end) {
            int tag = tag(pos);
            if (tag == ITEM_DELIMITER) {
                boundaries.add(pos);
                lengths.add(new LengthField(pos + 4, 4, bigEndian, "item delimiter length", u32(pos + 4, bigEndian), pos + 8));
                boundaries.add(pos + 8);
                return pos + 8;
            }
            int next = element(pos, end, depth);
            if (next < 0) {
                return -1;
            }
            pos = next;
        }
        return pos;
    }

    /** Walks one element at pos; returns the offset after it, or -1. */
    private int element(int pos, int end, int depth) {
        if (depth > 32 || pos + 8 > end) {
            return -1;
        }
        boundaries.add(pos);
        int tag = tag(pos);
        String vr = null;
        int lenOffset;
        int width;
        int header;
        if (explicit) {
            vr = new String(b, pos + 4, 2, StandardCharsets.ISO_8859_1);
            if (longHeaderVr(vr)) {
                if (pos + 12 > end) {
                    return -1;
                }
                lenOffset = pos + 8;
                width = 4;
                header = 12;
            } else {
                lenOffset = pos + 6;
                width = 2;
                header = 8;
            }
        } else {
            lenOffset = pos + 4;
            width = 4;
            header = 8;
        }
        long len = width == 4 ? u32(lenOffset, bigEndian) : u16(lenOffset, bigEndian);
        int valueStart = pos + header;
        String what = String.format("(%04X,%04X) %s length", tag >>> 16, tag & 0xFFFF, vr == null ? "implicit" : vr);
        lengths.add(new LengthField(lenOffset, width, bigEndian, what, len, valueStart));
        boundaries.add(lenOffset);
        boundaries.add(valueStart);
        if (len == UNDEFINED) {
            if (tag == PIXEL_DATA) {
                pixelDataValueStart = valueStart;
                return fragments(valueStart, end);
            }
            boolean savedExplicit = explicit, savedBig = bigEndian;
            if ("UN".equals(vr)) {
                explicit = false;
                bigEndian = false;
            }
            try {
                return items(valueStart, end, -1, depth + 1);
            } finally {
                explicit = savedExplicit;
                bigEndian = savedBig;
            }
        }
        if (valueStart + len > end) {
            return -1;
        }
        int valueEnd = (int) (valueStart + len);
        if (tag == PIXEL_DATA) {
            pixelDataValueStart = valueStart;
        } else if ("SQ".equals(vr) || (vr == null && len >= 8 && tag(valueStart) == ITEM)) {
            if (items(valueStart, end, valueEnd, depth + 1) < 0) {
                return -1;
            }
        }
        boundaries.add(valueEnd);
        return valueEnd;
    }

    /** Walks sequence items from pos to seqEnd (or to a sequence delimiter when seqEnd is -1). */
    private int items(int pos, int end, int seqEnd, int depth) {
        int limit = seqEnd >= 0 ? seqEnd : end;
        while (pos + 8 <= limit) {
            boundaries.add(pos);
            int tag = tag(pos);
            long len = u32(pos + 4, bigEndian);
            if (tag == SEQUENCE_DELIMITER) {
                lengths.add(new LengthField(pos + 4, 4, bigEndian, "sequence delimiter length", len, pos + 8));
                boundaries.add(pos + 8);
                return pos + 8;
            }
            if (tag != ITEM) {
                return -1;
            }
            lengths.add(new LengthField(pos + 4, 4, bigEndian, "item length", len, pos + 8));
            boundaries.add(pos + 8);
            if (len == UNDEFINED) {
                int after = elements(pos + 8, limit, depth);
                if (after < 0) {
                    return -1;
                }
                pos = after;
            } else {
                if (pos + 8 + len > limit) {
                    return -1;
                }
                int itemEnd = (int) (pos + 8 + len);
                elements(pos + 8, itemEnd, depth);
                boundaries.add(itemEnd);
                pos = itemEnd;
            }
        }
        return pos;
    }

    /** Walks encapsulated pixel data fragments up to the sequence delimiter. */
    private int fragments(int pos, int end) {
        while (pos + 8 <= end) {
            boundaries.add(pos);
            int tag = tag(pos);
            long len = u32(pos + 4, bigEndian);
            lengths.add(new LengthField(pos + 4, 4, bigEndian, tag == ITEM ? "fragment length" : "fragment delimiter length",
                    len, pos + 8));
            boundaries.add(pos + 8);
            if (tag == SEQUENCE_DELIMITER) {
                return pos + 8;
            }
            if (tag != ITEM || pos + 8 + len > end) {
                return -1;
            }
            pos = (int) (pos + 8 + len);
            boundaries.add(pos);
        }
        return pos;
    }
}
