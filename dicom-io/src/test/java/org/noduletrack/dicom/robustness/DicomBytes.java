package org.noduletrack.dicom.robustness;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;

/**
 * Writes DICOM bytes by hand (independently of the project's writer), so tests can build valid seeds and malformed
 * structures that no writer would produce. Little endian unless {@link #bigEndian(boolean)} is set.
 */
final class DicomBytes {
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    static final String DEFLATED = "1.2.840.10008.1.2.1.99";
    static final String JPEG_LS_LOSSLESS = "1.2.840.10008.1.2.4.80";

    static final int ITEM = 0xFFFEE000;
    static final int ITEM_DELIMITER = 0xFFFEE00D;
    static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;
    static final long UNDEFINED = 0xFFFFFFFFL;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private boolean bigEndian;

    DicomBytes bigEndian(boolean be) {
        this.bigEndian = be;
        return this;
    }

    boolean isBigEndian() { return bigEndian; }

    int size() { return out.size(); }

    byte[] toByteArray() { return out.toByteArray(); }

    DicomBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    DicomBytes u16(int v) {
        if (bigEndian) {
            out.write(v >>> 8);
            out.write(v);
        } else {
            out.write(v);
            out.write(v >>> 8);
        }
        return this;
    }

    DicomBytes u32(long v) {
        if (bigEndian) {
            u16((int) (v >>> 16)).u16((int) v);
        } else {
            u16((int) v).u16((int) (v >>> 16));
        }
        return this;
    }

    DicomBytes tag(int tag) { return u16(tag >>> 16).u16(tag & 0xFFFF); }

    /** 128 zero bytes and "DICM". */
    DicomBytes preamble() {
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** A File Meta Information group (explicit VR LE) with the given transfer syntax. */
    DicomBytes meta(String transferSyntax) {
        DicomBytes body = new DicomBytes();
        body.explicit(0x00020001, "OB", new byte[] {0, 1});
        body.explicit(0x00020002, "UI", uid("1.2.840.10008.5.1.4.1.1.2"));
        body.explicit(0x00020003, "UI", uid("1.2.3.4.5.6.7.8.9"));
        body.explicit(0x00020010, "UI", uid(transferSyntax));
        body.explicit(0x00020012, "UI", uid("1.2.3.4"));
        byte[] b = body.toByteArray();
        boolean saved = bigEndian;
        bigEndian = false;
        explicitHeader(0x00020000, "UL", 4).u32(b.length);
        raw(b);
        bigEndian = saved;
        return this;
    }

    /** Preamble and meta header. */
    static DicomBytes part10(String transferSyntax) {
        return new DicomBytes().preamble().meta(transferSyntax).bigEndian(EXPLICIT_BE.equals(transferSyntax));
    }

    static byte[] uid(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        if ((b.length & 1) == 1) {
            byte[] p = new byte[b.length + 1];
            System.arraycopy(b, 0, p, 0, b.length);
            return p;
        }
        return b;
    }

    static byte[] text(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        if ((b.length & 1) == 1) {
            byte[] p = new byte[b.length + 1];
            System.arraycopy(b, 0, p, 0, b.length);
            p[b.length] = ' ';
            return p;
        }
        return b;
    }

    static boolean longHeader(String vr) {
        return switch (vr) {
            case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "UC", "UN", "UR", "UT", "SV", "UV" -> true;
            default -> false;
        };
    }

    /** An explicit VR element header with the given (possibly undefined or bogus) length. */
    DicomBytes explicitHeader(int tag, String vr, long length) {
        tag(tag);
        out.writeBytes(vr.getBytes(StandardCharsets.US_ASCII));
        if (longHeader(vr)) {
            u16(0).u32(length);
        } else {
            u16((int) length);
        }
        return this;
    }

    DicomBytes explicit(int tag, String vr, byte[] value) {
        return explicitHeader(tag, vr, value.length).raw(value);
    }

    DicomBytes explicitText(int tag, String vr, String value) {
        return explicit(tag, vr, "UI".equals(vr) ? uid(value) : text(value));
    }

    DicomBytes explicitUs(int tag, int... values) {
        explicitHeader(tag, "US", 2L * values.length);
        for (int v : values) {
            u16(v);
        }
        return this;
    }

    DicomBytes implicitHeader(int tag, long length) {
        return tag(tag).u32(length);
    }

    DicomBytes implicit(int tag, byte[] value) {
        return implicitHeader(tag, value.length).raw(value);
    }

    DicomBytes item(long length) { return tag(ITEM).u32(length); }

    DicomBytes itemDelimiter() { return tag(ITEM_DELIMITER).u32(0); }

    DicomBytes sequenceDelimiter() { return tag(SEQUENCE_DELIMITER).u32(0); }

    /** Raw deflate (no zlib header), as PS3.5 A.5 requires. */
    static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            d.setInput(data);
            d.finish();
            ByteArrayOutputStream o = new ByteArrayOutputStream(Math.max(64, data.length / 4));
            byte[] buf = new byte[64 * 1024];
            while (!d.finished()) {
                int n = d.deflate(buf);
                o.write(buf, 0, n);
            }
            return o.toByteArray();
        } finally {
            d.end();
        }
    }

    static byte[] inflate(byte[] data, int offset) throws java.util.zip.DataFormatException {
        java.util.zip.Inflater inf = new java.util.zip.Inflater(true);
        try {
            inf.setInput(data, offset, data.length - offset);
            ByteArrayOutputStream o = new ByteArrayOutputStream(data.length * 4);
            byte[] buf = new byte[64 * 1024];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                o.write(buf, 0, n);
            }
            return o.toByteArray();
        } finally {
            inf.end();
        }
    }

    /**
     * A raw deflate stream that inflates to {@code prefix} followed by {@code zeroMiB} MiB of zero bytes, built in
     * milliseconds: one full-flushed compressed block of 1 MiB of zeros is independent of what precedes it, so it can
     * be repeated; a final empty block ends the stream. Compressed size is about 1 KiB per MiB inflated.
     */
    static byte[] deflateBomb(byte[] prefix, int zeroMiB) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        byte[] buf = new byte[4 << 20];
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            d.setInput(prefix);
            int n = d.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH);
            o.write(buf, 0, n);
            d.setInput(new byte[1 << 20]);
            int blockLength = d.deflate(buf, 0, buf.length, Deflater.FULL_FLUSH);
            byte[] block = java.util.Arrays.copyOf(buf, blockLength);
            for (int i = 0; i < zeroMiB; i++) {
                o.writeBytes(block);
            }
            d.finish();
            n = d.deflate(buf);
            o.write(buf, 0, n);
            return o.toByteArray();
        } finally {
            d.end();
        }
    }
}
