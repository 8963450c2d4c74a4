package org.noduletrack.dicom.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Buffered, position-tracking input with a known end (when the length is known), so declared lengths can be checked
 * against what is left before anything is allocated.
 */
final class ByteSource {
    private static final int CHUNKED_ABOVE = 8 << 20;
    private final InputStream in;
    private final byte[] buf;
    private int bufPos;
    private int bufLen;
    /** Absolute position of buf[0]. */
    private long bufStart;
    /** Total length, or -1 when unknown (a stream). */
    private final long length;

    ByteSource(InputStream in, long length, int bufferSize) {
        this.in = in;
        this.length = length;
        this.buf = new byte[bufferSize];
    }

    long position() { return bufStart + bufPos; }

    /** Bytes left, or Long.MAX_VALUE when the length is unknown. */
    long remaining() { return length < 0 ? Long.MAX_VALUE : length - position(); }

    boolean knownLength() { return length >= 0; }

    /** Ensures n bytes are buffered (n ≤ buffer size); false at end of input. */
    boolean request(int n) throws IOException {
        if (bufLen - bufPos >= n) {
            return true;
        }
        if (bufPos > 0) {
            System.arraycopy(buf, bufPos, buf, 0, bufLen - bufPos);
            bufStart += bufPos;
            bufLen -= bufPos;
            bufPos = 0;
        }
        while (bufLen < n) {
            int r = in.read(buf, bufLen, buf.length - bufLen);
            if (r < 0) {
                return false;
            }
            bufLen += r;
        }
        return true;
    }

    boolean atEnd() throws IOException { return !request(1); }

    /** Byte at offset {@code i} from the current position, which must have been requested. */
    int peek(int i) { return buf[bufPos + i] & 0xFF; }

    int u8() throws IOException {
        need(1);
        return buf[bufPos++] & 0xFF;
    }

    int u16(boolean bigEndian) throws IOException {
        need(2);
        int a = buf[bufPos] & 0xFF, b = buf[bufPos + 1] & 0xFF;
        bufPos += 2;
        return bigEndian ? (a << 8) | b : (b << 8) | a;
    }

    /** Unsigned 32-bit value as a long. */
    long u32(boolean bigEndian) throws IOException {
        need(4);
        long a = buf[bufPos] & 0xFF, b = buf[bufPos + 1] & 0xFF, c = buf[bufPos + 2] & 0xFF, d = buf[bufPos + 3] & 0xFF;
        bufPos += 4;
        return bigEndian ? (a << 24) | (b << 16) | (c << 8) | d : (d << 24) | (c << 16) | (b << 8) | a;
    }

    private void need(int n) throws IOException {
        if (!request(n)) {
            throw new EOFException("input ends at byte " + (bufStart + bufLen) + ", " + n + " more bytes expected");
        }
    }

    /** Reads exactly len bytes; grows the result as data arrives, so a bogus length on a stream fails at EOF without a huge allocation. */
    byte[] bytes(int len) throws IOException {
        // Known lengths can still lie (a stream whose caller overstated it): beyond 8 MiB, grow only as data arrives.
        if (len <= buf.length || (knownLength() && len <= CHUNKED_ABOVE)) {
            byte[] out = new byte[len];
            readFully(out, 0, len);
            return out;
        }
        // Memory grows only with the bytes that actually arrive: a lying length fails at EOF, not at allocation.
        java.util.List<byte[]> chunks = new java.util.ArrayList<>();
        int left = len;
        while (left > 0) {
            byte[] chunk = new byte[Math.min(left, 1 << 20)];
            readFully(chunk, 0, chunk.length);
            chunks.add(chunk);
            left -= chunk.length;
        }
        byte[] out = new byte[len];
        int at = 0;
        for (byte[] c : chunks) {
            System.arraycopy(c, 0, out, at, c.length);
            at += c.length;
        }
        return out;
    }

    void readFully(byte[] dst, int off, int len) throws IOException {
        int avail = bufLen - bufPos;
        int n = Math.min(avail, len);
        System.arraycopy(buf, bufPos, dst, off, n);
        bufPos += n;
        off += n;
        len -= n;
        while (len > 0) {
            int r = in.read(dst, off, len);
            if (r < 0) {
                throw new EOFException("input ends at byte " + position() + ", " + len + " more bytes expected");
            }
            bufStart += r; // bytes bypassed the buffer, which is empty now
            off += r;
            len -= r;
        }
    }

    void skip(long n) throws IOException {
        int avail = bufLen - bufPos;
        if (n <= avail) {
            bufPos += (int) n;
            return;
        }
        n -= avail;
        bufStart += bufLen;
        bufPos = 0;
        bufLen = 0;
        while (n > 0) {
            long s = in.skip(n);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("input ends at byte " + bufStart + " while skipping " + n + " more bytes");
                }
                s = 1;
            }
            bufStart += s;
            n -= s;
        }
    }
}
