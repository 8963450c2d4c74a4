package org.noduletrack.dicom.charset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The graphic character sets (ISO 2022 "code elements") DICOM can designate, with the escape sequence
 * that designates each one (PS3.3 Tables C.12-3 and C.12-4, PS3.5 Annexes H-K).
 *
 * <p>The JDK supplies the code tables; this enum only knows where the bytes of each set live
 * (G0 = GL bytes 0x21-0x7E, G1 = GR bytes 0xA0-0xFF) and how many bytes make one character.
 */
enum CodeElement {
    /** ISO-IR 6, ASCII. */
    IR_6(Register.G0, Kind.ASCII, "(B", null),
    /**
     * ISO-IR 14, JIS X 0201 Romaji. Treated as ASCII: strictly 0x5C is a yen sign and 0x7E an overline,
     * but 0x5C is also DICOM's value delimiter, and readers in practice (pydicom among them) show ASCII.
     */
    IR_14(Register.G0, Kind.ASCII, "(J", null),
    /** ISO-IR 13, JIS X 0201 half-width Katakana; mapped arithmetically to U+FF61..U+FF9F. */
    IR_13(Register.G1, Kind.KATAKANA, ")I", null),
    IR_100(Register.G1, Kind.SINGLE_BYTE_GR, "-A", "ISO-8859-1"),
    IR_101(Register.G1, Kind.SINGLE_BYTE_GR, "-B", "ISO-8859-2"),
    IR_109(Register.G1, Kind.SINGLE_BYTE_GR, "-C", "ISO-8859-3"),
    IR_110(Register.G1, Kind.SINGLE_BYTE_GR, "-D", "ISO-8859-4"),
    IR_144(Register.G1, Kind.SINGLE_BYTE_GR, "-L", "ISO-8859-5"),
    IR_127(Register.G1, Kind.SINGLE_BYTE_GR, "-G", "ISO-8859-6"),
    IR_126(Register.G1, Kind.SINGLE_BYTE_GR, "-F", "ISO-8859-7"),
    IR_138(Register.G1, Kind.SINGLE_BYTE_GR, "-H", "ISO-8859-8"),
    IR_148(Register.G1, Kind.SINGLE_BYTE_GR, "-M", "ISO-8859-9"),
    IR_203(Register.G1, Kind.SINGLE_BYTE_GR, "-b", "ISO-8859-15"),
    IR_166(Register.G1, Kind.SINGLE_BYTE_GR, "-T", "TIS-620"),
    /** JIS X 0208 in G0 (DICOM never puts it in G1); the JDK table takes the 7-bit byte pairs as they are. */
    IR_87(Register.G0, Kind.DOUBLE_BYTE_GL, "$B", "x-JIS0208"),
    IR_159(Register.G0, Kind.DOUBLE_BYTE_GL, "$(D", "JIS_X0212-1990"),
    /** KS X 1001 in G1: the GR byte pairs are exactly EUC-KR's two-byte form. */
    IR_149(Register.G1, Kind.DOUBLE_BYTE_GR, "$)C", "EUC-KR"),
    /** GB 2312 in G1: the GR byte pairs are exactly EUC-CN ("GB2312" in the JDK). */
    IR_58(Register.G1, Kind.DOUBLE_BYTE_GR, "$)A", "GB2312");

    /** Which of the two code elements DICOM uses a set is designated to. */
    enum Register { G0, G1 }

    /** How the bytes of a set are laid out. */
    enum Kind {
        ASCII, KATAKANA, SINGLE_BYTE_GR, DOUBLE_BYTE_GL, DOUBLE_BYTE_GR;

        boolean isDoubleByte() { return this == DOUBLE_BYTE_GL || this == DOUBLE_BYTE_GR; }
    }

    static final byte ESC = 0x1B;
    private static final char REPLACEMENT = '\uFFFD';

    /** Escape-sequence bytes after ESC (as Latin-1 text) to the set they designate. */
    private static final Map<String, CodeElement> BY_ESCAPE;

    static {
        Map<String, CodeElement> byEscape = new HashMap<>();
        for (CodeElement element : values()) {
            byEscape.put(element.escapeTail, element);
        }
        // Tolerated spellings that writers emit for JIS X 0208: the 1978 edition and the long G0 form.
        byEscape.put("$@", IR_87);
        byEscape.put("$(B", IR_87);
        BY_ESCAPE = Map.copyOf(byEscape);
    }

    private final Register register;
    private final Kind kind;
    private final String escapeTail;
    private final Charset charset; // null when the set needs no table or the runtime lacks it

    CodeElement(Register register, Kind kind, String escapeTail, String charsetName) {
        this.register = register;
        this.kind = kind;
        this.escapeTail = escapeTail;
        this.charset = charsetName == null ? null : lookUp(charsetName);
    }

    /**
     * A trimmed runtime (jlink without jdk.charsets) may lack the CJK and some ISO 8859 tables; the set then
     * decodes to replacement characters and encodes nothing instead of failing class initialisation.
     */
    private static Charset lookUp(String name) {
        try {
            return Charset.isSupported(name) ? Charset.forName(name) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The set designated by an escape sequence, given the bytes after ESC; null if DICOM does not use it. */
    static CodeElement byEscape(byte[] bytes, int from, int to) {
        return BY_ESCAPE.get(new String(bytes, from, to - from, StandardCharsets.ISO_8859_1));
    }

    Register register() { return register; }

    Kind kind() { return kind; }

    boolean isDoubleByte() { return kind.isDoubleByte(); }

    /** The full escape sequence (starting with ESC) that designates this set. */
    byte[] escapeSequence() {
        byte[] tail = escapeTail.getBytes(StandardCharsets.ISO_8859_1);
        byte[] sequence = new byte[tail.length + 1];
        sequence[0] = ESC;
        System.arraycopy(tail, 0, sequence, 1, tail.length);
        return sequence;
    }

    /** Appends the characters of {@code len} bytes, all of this set's byte range, to {@code out}. Never throws. */
    void decode(byte[] bytes, int off, int len, StringBuilder out) {
        switch (kind) {
            case ASCII -> {
                for (int i = off; i < off + len; i++) {
                    out.append((char) (bytes[i] & 0x7F));
                }
            }
            case KATAKANA -> {
                for (int i = off; i < off + len; i++) {
                    int b = bytes[i] & 0xFF;
                    out.append(b >= 0xA1 && b <= 0xDF ? (char) (0xFF61 + b - 0xA1) : REPLACEMENT);
                }
            }
            default -> {
                if (charset == null) {
                    out.repeat(REPLACEMENT, kind.isDoubleByte() ? (len + 1) / 2 : len);
                } else {
                    // String's constructor substitutes U+FFFD for malformed or unmapped input.
                    out.append(new String(bytes, off, len, charset));
                }
            }
        }
    }

    /** A fresh strict encoder for this set's table, or null when the set needs none. Encoders are not thread-safe. */
    CharsetEncoder newEncoder() {
        return charset == null || !charset.canEncode() ? null : charset.newEncoder();
    }

    /**
     * The bytes of one code point in this set, or null if the set lacks it.
     *
     * @param encoder from {@link #newEncoder()} of this element (may be null for ASCII and Katakana)
     */
    byte[] encode(int codePoint, CharsetEncoder encoder) {
        return switch (kind) {
            case ASCII -> codePoint >= 0x20 && codePoint <= 0x7E ? new byte[] {(byte) codePoint} : null;
            case KATAKANA -> codePoint >= 0xFF61 && codePoint <= 0xFF9F
                    ? new byte[] {(byte) (codePoint - 0xFF61 + 0xA1)} : null;
            case SINGLE_BYTE_GR -> inRange(encodeWith(encoder, codePoint), 1, 0xA0, 0xFF);
            case DOUBLE_BYTE_GL -> inRange(encodeWith(encoder, codePoint), 2, 0x21, 0x7E);
            case DOUBLE_BYTE_GR -> inRange(encodeWith(encoder, codePoint), 2, 0xA1, 0xFE);
        };
    }

    private static byte[] encodeWith(CharsetEncoder encoder, int codePoint) {
        if (encoder == null) {
            return null;
        }
        encoder.reset();
        CharBuffer in = CharBuffer.wrap(Character.toChars(codePoint));
        ByteBuffer out = ByteBuffer.allocate(8);
        CoderResult result = encoder.encode(in, out, true);
        if (result.isError() || result.isOverflow() || in.hasRemaining() || encoder.flush(out).isError()) {
            return null;
        }
        byte[] bytes = new byte[out.position()];
        out.flip().get(bytes);
        return bytes;
    }

    /**
     * Keeps only encodings of the expected shape: the EUC tables also map ASCII to single bytes, and
     * ISO 8859 maps C1 controls to 0x80-0x9F; neither belongs to the G1 set.
     */
    private static byte[] inRange(byte[] bytes, int length, int min, int max) {
        if (bytes == null || bytes.length != length) {
            return null;
        }
        for (byte b : bytes) {
            int v = b & 0xFF;
            if (v < min || v > max) {
                return null;
            }
        }
        return bytes;
    }
}
