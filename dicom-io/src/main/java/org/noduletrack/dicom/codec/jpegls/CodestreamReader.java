package org.noduletrack.dicom.codec.jpegls;

/**
 * Bounds-checked big-endian reads over the marker segments of a codestream. Every read past the end
 * becomes a {@link JpegLsException} naming what was being read.
 */
final class CodestreamReader {

    private final byte[] data;
    private int pos;

    CodestreamReader(byte[] data) {
        this.data = data;
    }

    int position() {
        return pos;
    }

    void seek(int position) {
        pos = position;
    }

    int readU8(String what) throws JpegLsException {
        if (pos >= data.length) {
            throw new JpegLsException("codestream truncated while reading " + what, pos);
        }
        return data[pos++] & 0xFF;
    }

    int readU16(String what) throws JpegLsException {
        if (pos + 2 > data.length) {
            throw new JpegLsException("codestream truncated while reading " + what, pos);
        }
        int value = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
        pos += 2;
        return value;
    }

    /** Reads an unsigned big-endian integer of 1..4 bytes; values above Integer.MAX_VALUE are rejected. */
    int readUnsigned(int bytes, String what) throws JpegLsException {
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = (value << 8) | readU8(what);
        }
        if (value > Integer.MAX_VALUE) {
            throw new JpegLsException(what + " " + value + " is too large", pos - bytes);
        }
        return (int) value;
    }

    void skip(int count, String what) throws JpegLsException {
        if (count < 0 || count > data.length - pos) {
            throw new JpegLsException("codestream truncated inside " + what, pos);
        }
        pos += count;
    }

    /**
     * Reads a marker: 0xFF, any number of 0xFF fill bytes (T.81 B.1.1.2), then the marker code.
     *
     * @return the marker code, e.g. 0xD8 for SOI
     */
    int readMarker() throws JpegLsException {
        int start = pos;
        int b = readU8("marker");
        if (b != 0xFF) {
            throw new JpegLsException(String.format("expected a marker, found byte 0x%02X", b), start);
        }
        do {
            b = readU8("marker");
        } while (b == 0xFF);
        if (b == 0x00) {
            throw new JpegLsException("expected a marker, found stuffed 0xFF00", start);
        }
        return b;
    }

    /**
     * Reads a segment length field and checks that the segment lies inside the codestream.
     *
     * @return the number of segment bytes after the length field
     */
    int readSegmentLength(String segment) throws JpegLsException {
        int start = pos;
        int length = readU16(segment + " length");
        if (length < 2) {
            throw new JpegLsException(segment + " length " + length + " is invalid", start);
        }
        if (length - 2 > data.length - pos) {
            throw new JpegLsException(segment + " segment of length " + length + " runs past the end of the codestream",
                    start);
        }
        return length - 2;
    }

    /** True when the next {@code bytes.length} bytes equal {@code bytes}. */
    boolean lookingAt(byte[] bytes) {
        if (bytes.length > data.length - pos) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (data[pos + i] != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
