package org.noduletrack.dicom.dicomdir;

import java.util.Arrays;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomParseException;
import org.noduletrack.dicom.io.TransferSyntax;

/**
 * Finds the byte offset of each item of the top-level Directory Record Sequence, which the directory's offset links
 * refer to. {@code DicomReader} does not expose item positions, so this walks the element and item headers of the
 * file a second time without decoding any value. It follows the reader's tolerances (a per-element fallback to
 * implicit VR, item lengths clamped to their sequence) so that it finds exactly the items the reader found.
 */
final class ItemOffsetScanner {
    private static final long UNDEFINED = 0xFFFFFFFFL;
    private static final int MAX_DEPTH = 64;

    private final byte[] b;
    private boolean explicit;
    private boolean bigEndian;

    private ItemOffsetScanner(byte[] file, TransferSyntax ts) {
        this.b = file;
        this.explicit = ts.explicitVr();
        this.bigEndian = ts.bigEndian();
    }

    /**
     * Offsets of the Directory Record Sequence's items, in sequence order; empty if the file has no such sequence.
     *
     * @param file the whole DICOMDIR file
     * @param ts   the transfer syntax the reader used for the data set (not deflated)
     */
    static long[] scan(byte[] file, TransferSyntax ts) throws DicomParseException {
        if (ts.deflated()) {
            throw new IllegalArgumentException("offsets in a deflated data set cannot be located");
        }
        return new ItemOffsetScanner(file, ts).run();
    }

    private long[] run() throws DicomParseException {
        long pos = skipPreambleAndMeta();
        if (explicit && pos + 6 <= b.length && Vr.fromCode(u8(pos + 4), u8(pos + 5)) == null) {
            explicit = false; // as the reader does: the data set turned out to be implicit VR
        }
        while (pos + 8 <= b.length) {
            int tag = tag(pos);
            if (tag == Tags.DirectoryRecordSequence) {
                Header h = header(pos);
                return items(pos + h.size, h.length);
            }
            if (tag == 0 && allZero(pos)) {
                break; // trailing padding, tolerated by the reader too
            }
            pos = skipElement(pos, 0);
        }
        return new long[0];
    }

    private long skipPreambleAndMeta() throws DicomParseException {
        long pos = 0;
        if (b.length >= 132 && b[128] == 'D' && b[129] == 'I' && b[130] == 'C' && b[131] == 'M') {
            pos = 132;
        } else if (b.length >= 4 && b[0] == 'D' && b[1] == 'I' && b[2] == 'C' && b[3] == 'M') {
            pos = 4;
        }
        // The meta group is explicit VR little endian whatever the data set uses.
        boolean savedExplicit = explicit, savedBig = bigEndian;
        bigEndian = false;
        while (pos + 8 <= b.length && u8(pos) == 0x02 && u8(pos + 1) == 0x00) {
            explicit = Vr.fromCode(u8(pos + 4), u8(pos + 5)) != null;
            pos = skipElement(pos, 0);
        }
        explicit = savedExplicit;
        bigEndian = savedBig;
        return pos;
    }

    /** Walks the items of the record sequence whose value starts at {@code pos}. */
    private long[] items(long pos, long length) throws DicomParseException {
        long end = length == UNDEFINED ? -1 : pos + length;
        long[] offsets = new long[64];
        int n = 0;
        while (end < 0 || pos < end) {
            need(pos, 8);
            int tag = tag(pos);
            long len = u32(pos + 4);
            if (tag == Tags.SequenceDelimitationItem) {
                break;
            }
            if (tag != Tags.Item) {
                throw new DicomParseException("expected a directory record item", pos, Tags.DirectoryRecordSequence);
            }
            if (n == offsets.length) {
                offsets = Arrays.copyOf(offsets, n * 2);
            }
            offsets[n++] = pos;
            pos += 8;
            if (len == UNDEFINED) {
                pos = skipUntilItemDelimiter(pos, 1);
            } else {
                // Like the reader: a stale item length is clamped to its sequence's end.
                long room = (end >= 0 ? end : b.length) - pos;
                pos += Math.min(len, room);
            }
        }
        return Arrays.copyOf(offsets, n);
    }

    private long skipUntilItemDelimiter(long pos, int depth) throws DicomParseException {
        while (true) {
            need(pos, 8);
            if (tag(pos) == Tags.ItemDelimitationItem) {
                return pos + 8;
            }
            pos = skipElement(pos, depth);
        }
    }

    /** Skips one element, header and value, and returns the position after it. */
    private long skipElement(long pos, int depth) throws DicomParseException {
        if (depth > MAX_DEPTH) {
            throw new DicomParseException("sequences nested too deeply", pos, DicomParseException.NO_TAG);
        }
        Header h = header(pos);
        long value = pos + h.size;
        if (h.length != UNDEFINED) {
            need(value, h.length);
            return value + h.length;
        }
        if (h.vr == Vr.UN) {
            // PS3.5 6.2.2: a UN element of undefined length holds an implicit VR little endian sequence.
            boolean savedExplicit = explicit, savedBig = bigEndian;
            explicit = false;
            bigEndian = false;
            try {
                return skipItems(value, depth + 1);
            } finally {
                explicit = savedExplicit;
                bigEndian = savedBig;
            }
        }
        return skipItems(value, depth + 1); // a sequence, or encapsulated fragments (items of defined length)
    }

    private long skipItems(long pos, int depth) throws DicomParseException {
        while (true) {
            need(pos, 8);
            int tag = tag(pos);
            long len = u32(pos + 4);
            pos += 8;
            if (tag == Tags.SequenceDelimitationItem) {
                return pos;
            }
            if (tag != Tags.Item) {
                throw new DicomParseException("expected an item", pos - 8, tag);
            }
            if (len == UNDEFINED) {
                pos = skipUntilItemDelimiter(pos, depth);
            } else {
                need(pos, len);
                pos += len;
            }
        }
    }

    private record Header(int size, Vr vr, long length) {}

    private Header header(long pos) throws DicomParseException {
        need(pos, 8);
        if (explicit) {
            Vr vr = Vr.fromCode(u8(pos + 4), u8(pos + 5));
            if (vr != null) {
                if (vr.hasLongHeader()) {
                    need(pos, 12);
                    return new Header(12, vr, u32(pos + 8));
                }
                return new Header(8, vr, u16(pos + 6));
            }
            // The reader reads an element with invalid VR bytes as implicit VR; so do we.
        }
        return new Header(8, null, u32(pos + 4));
    }

    private boolean allZero(long pos) {
        for (long i = pos; i < b.length; i++) {
            if (b[(int) i] != 0) {
                return false;
            }
        }
        return true;
    }

    private void need(long pos, long n) throws DicomParseException {
        if (pos + n > b.length) {
            throw new DicomParseException("DICOMDIR ends inside an element (" + n + " bytes needed, "
                    + Math.max(0, b.length - pos) + " left)", pos, DicomParseException.NO_TAG);
        }
    }

    private int u8(long pos) { return b[(int) pos] & 0xFF; }

    private int u16(long pos) {
        int x = u8(pos), y = u8(pos + 1);
        return bigEndian ? (x << 8) | y : (y << 8) | x;
    }

    private long u32(long pos) {
        long hi = u16(pos), lo = u16(pos + 2);
        return bigEndian ? (hi << 16) | lo : (lo << 16) | hi;
    }

    private int tag(long pos) { return (u16(pos) << 16) | u16(pos + 2); }
}
