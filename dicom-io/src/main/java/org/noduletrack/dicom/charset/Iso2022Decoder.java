package org.noduletrack.dicom.charset;

/**
 * One pass of the ISO 2022 state machine over one value. Short-lived and single-threaded: it holds the
 * current G0/G1 designation while {@link Iso2022Codec} stays immutable.
 */
final class Iso2022Decoder {

    private static final char REPLACEMENT = '\uFFFD';
    /** DICOM's escape sequences have at most three intermediate bytes; more means garbage, not a sequence. */
    private static final int MAX_INTERMEDIATES = 3;

    private final Iso2022Codec codec;
    private final byte[] in;
    private final boolean personName;
    private final StringBuilder out;
    private CodeElement g0;
    private CodeElement g1;

    Iso2022Decoder(Iso2022Codec codec, byte[] in, boolean personName) {
        this.codec = codec;
        this.in = in;
        this.personName = personName;
        this.out = new StringBuilder(in.length);
    }

    String decode() {
        reset();
        int i = 0;
        while (i < in.length) {
            int b = in[i] & 0xFF;
            if (b == CodeElement.ESC) {
                i = designate(i);
            } else if (b < 0x20 || (isDelimiter(b) && !g0.isDoubleByte())) {
                // Controls and delimiters: value 1's sets are active again after them (PS3.5 6.1.2.5.3).
                reset();
                out.append((char) b);
                i++;
            } else if (b == 0x20 || b == 0x7F) {
                // SPACE is the same in every 94-character G0 set, so padding survives a missing switch back.
                out.append((char) b);
                i++;
            } else if (b < 0x80) {
                i = decodeGl(i);
            } else {
                i = decodeGr(i);
            }
        }
        return out.toString();
    }

    private void reset() {
        g0 = codec.initialG0();
        g1 = codec.initialG1();
    }

    private boolean isDelimiter(int b) {
        return b == '\\' || (personName && (b == '^' || b == '='));
    }

    /** Decodes bytes 0x21-0x7E from {@code start}; returns the index after them. */
    private int decodeGl(int start) {
        if (!g0.isDoubleByte()) {
            g0.decode(in, start, 1, out);
            return start + 1;
        }
        // In a two-byte set '\', '^' and '=' are ordinary second bytes (e.g. JIS 0x245E), so only byte pairs
        // count here. An odd byte left before a switch is what a writer that forgot ESC ( B before a
        // delimiter produces; read it as that delimiter rather than as half a character.
        int end = start;
        while (end < in.length && (in[end] & 0xFF) >= 0x21 && (in[end] & 0xFF) <= 0x7E) {
            end++;
        }
        int length = end - start;
        int last = in[end - 1] & 0xFF;
        if (length % 2 == 1 && isDelimiter(last)) {
            g0.decode(in, start, length - 1, out);
            reset();
            out.append((char) last);
        } else {
            g0.decode(in, start, length, out); // an odd byte decodes to U+FFFD
        }
        return end;
    }

    /** Decodes bytes 0x80-0xFF from {@code start} with the G1 set; returns the index after them. */
    private int decodeGr(int start) {
        int end = start;
        while (end < in.length && (in[end] & 0xFF) >= 0x80) {
            end++;
        }
        (g1 != null ? g1 : codec.implicitG1()).decode(in, start, end - start, out);
        return end;
    }

    /** Reads the escape sequence at {@code start} and designates its set; returns the index after it. */
    private int designate(int start) {
        int end = start + 1;
        while (end < in.length && isIntermediate(in[end]) && end - start <= MAX_INTERMEDIATES) {
            end++;
        }
        if (end >= in.length || !isFinal(in[end])) {
            out.append(REPLACEMENT); // truncated or malformed: mark it, keep the current sets
            return end;
        }
        CodeElement set = CodeElement.byEscape(in, start + 1, end + 1);
        if (set != null && set.register() == CodeElement.Register.G0) {
            g0 = set;
        } else if (set != null) {
            g1 = set;
        }
        // A well-formed sequence DICOM does not use (set == null) is dropped: it carries no text.
        return end + 1;
    }

    private static boolean isIntermediate(byte b) {
        return b >= 0x20 && b <= 0x2F;
    }

    private static boolean isFinal(byte b) {
        return b >= 0x30 && b <= 0x7E;
    }
}
