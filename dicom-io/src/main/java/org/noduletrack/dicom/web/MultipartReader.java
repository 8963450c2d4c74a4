package org.noduletrack.dicom.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Streams the parts of a multipart/related body (RFC 2046 5.1) to a {@link PartSink} in bounded memory: one buffer,
 * whatever the part sizes. A delimiter split across two reads of the underlying stream is found because the buffer
 * always keeps the last {@code delimiter.length - 1} bytes until more arrive. A part's declared Content-Length, when
 * present, must match the bytes between its boundaries.
 */
public final class MultipartReader {
    static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 64;
    /** RFC 2046 allows 70 characters; some servers use longer ones (Orthanc: 73). */
    private static final int MAX_BOUNDARY = 200;

    private final InputStream in;
    private final byte[] delimiter;
    private final BooleanSupplier cancelled;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int lim;
    private boolean eof;
    private long bytesRead;

    public MultipartReader(InputStream in, String boundary, BooleanSupplier cancelled) {
        if (boundary.isEmpty() || boundary.length() > MAX_BOUNDARY) {
            throw new IllegalArgumentException("multipart boundary of " + boundary.length() + " characters");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.cancelled = cancelled;
        // The first boundary has no CRLF before it: pretend there was one so one delimiter search covers both.
        buf[0] = '\r';
        buf[1] = '\n';
        lim = 2;
    }

    /** The boundary of a multipart Content-Type header. */
    public static String boundaryOf(String contentType) throws DicomWebException {
        MediaType t = MediaType.parse(contentType);
        if (!t.type().startsWith("multipart/")) {
            throw new DicomWebException(DicomWebException.Reason.BAD_RESPONSE,
                    "expected a multipart answer, got Content-Type " + t.type());
        }
        return t.parameter("boundary").filter(b -> !b.isEmpty()).orElseThrow(() -> new DicomWebException(
                DicomWebException.Reason.BAD_RESPONSE, "multipart answer without a boundary parameter"));
    }

    /** Bytes consumed from the underlying stream so far. */
    public long bytesRead() { return bytesRead; }

    /** Hands every part to {@code sink} in order; returns how many there were. */
    public int readAll(PartSink sink) throws IOException {
        if (!skipTo(delimiter)) {
            throw bad("no multipart boundary in the answer");
        }
        int index = 0;
        while (true) {
            if (!ensure(2)) {
                throw lost("the answer ended after a boundary", index);
            }
            if (buf[pos] == '-' && buf[pos + 1] == '-') {
                pos += 2;
                return index; // close delimiter; the epilogue is ignored
            }
            while (ensure(1) && (buf[pos] == ' ' || buf[pos] == '\t')) {
                pos++; // transport padding
            }
            if (!ensure(2) || buf[pos] != '\r' || buf[pos + 1] != '\n') {
                throw bad("malformed multipart boundary line before part " + (index + 1));
            }
            pos += 2;
            Part part = new Part(index, readHeaders(index));
            Body body = new Body(part);
            sink.accept(part, body);
            body.skipRest();
            index++;
        }
    }

    private Map<String, String> readHeaders(int index) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (int n = 0; ; n++) {
            String line = readLine(index);
            if (line.isEmpty()) {
                return headers;
            }
            if (n >= MAX_HEADERS) {
                throw bad("more than " + MAX_HEADERS + " headers in part " + (index + 1));
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw bad("malformed header line in part " + (index + 1));
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
    }

    private String readLine(int index) throws IOException {
        int scanned = 0;
        while (true) {
            for (int i = pos + scanned; i + 1 < lim; i++) {
                if (buf[i] == '\r' && buf[i + 1] == '\n') {
                    String line = new String(buf, pos, i - pos, StandardCharsets.ISO_8859_1);
                    pos = i + 2;
                    return line;
                }
            }
            scanned = Math.max(0, lim - pos - 1);
            if (scanned > MAX_HEADER_LINE) {
                throw bad("header line longer than " + MAX_HEADER_LINE + " bytes in part " + (index + 1));
            }
            int before = lim - pos;
            if (!ensure(before + 1)) {
                throw lost("the answer ended inside the headers of part " + (index + 1), index);
            }
        }
    }

    /** Discards bytes up to and including the first occurrence of {@code pattern}; false at end of stream. */
    private boolean skipTo(byte[] pattern) throws IOException {
        while (true) {
            int i = indexOf(pattern, pos, lim);
            if (i >= 0) {
                pos = i + pattern.length;
                return true;
            }
            pos = Math.max(pos, lim - pattern.length + 1);
            if (!ensure(lim - pos + 1)) {
                return false;
            }
        }
    }

    /** Makes at least {@code n} bytes available from {@code pos}; false when the stream ends first. */
    private boolean ensure(int n) throws IOException {
        while (lim - pos < n) {
            if (eof) {
                return false;
            }
            if (cancelled.getAsBoolean()) {
                throw new DicomWebException(DicomWebException.Reason.CANCELLED, "cancelled");
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, lim - pos);
                lim -= pos;
                pos = 0;
            }
            int r;
            try {
                r = in.read(buf, lim, buf.length - lim);
            } catch (DicomWebException e) {
                throw e;
            } catch (IOException e) {
                throw new DicomWebException(DicomWebException.Reason.CONNECTION,
                        "the connection was lost while receiving: " + e.getMessage(), e);
            }
            if (r < 0) {
                eof = true;
            } else {
                lim += r;
                bytesRead += r;
            }
        }
        return true;
    }

    private int indexOf(byte[] p, int from, int to) {
        byte first = p[0];
        int last = to - p.length;
        outer:
        for (int i = from; i <= last; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int k = 1; k < p.length; k++) {
                if (buf[i + k] != p[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static DicomWebException bad(String what) {
        return new DicomWebException(DicomWebException.Reason.BAD_RESPONSE, "malformed multipart answer: " + what);
    }

    private static DicomWebException lost(String what, int index) {
        return new DicomWebException(DicomWebException.Reason.CONNECTION, what + " (" + index + " complete parts received)");
    }

    /** One part's content: ends at the next delimiter. */
    private final class Body extends InputStream {
        private final Part part;
        private long count;
        private boolean done;

        Body(Part part) {
            this.part = part;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            if (!ensure(delimiter.length)) {
                int i = indexOf(delimiter, pos, lim);
                if (i < 0) {
                    throw lost("the answer ended inside part " + (part.index() + 1) + " after " + (count + lim - pos)
                            + " bytes", part.index());
                }
            }
            int i = indexOf(delimiter, pos, lim);
            if (i == pos) {
                pos += delimiter.length;
                done = true;
                if (part.contentLength().isPresent() && part.contentLength().getAsLong() != count) {
                    throw bad("part " + (part.index() + 1) + " has " + count + " bytes, its Content-Length says "
                            + part.contentLength().getAsLong());
                }
                return -1;
            }
            int available = i > pos ? i - pos : lim - pos - delimiter.length + 1;
            int n = Math.min(len, available);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            count += n;
            return n;
        }

        void skipRest() throws IOException {
            byte[] scratch = new byte[8192];
            while (read(scratch, 0, scratch.length) >= 0) {
                // discard
            }
        }
    }
}
