package org.noduletrack.dicom.charset;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharsetEncoder;
import java.util.EnumMap;
import java.util.Map;

/**
 * One pass of the ISO 2022 state machine writing one value. Keeps the current set as long as it can encode
 * the text, designates another declared set only when needed, and restores value 1's sets before every
 * delimiter and at the end, as PS3.5 6.1.2.5.3 requires and the examples of Annexes H, I and K show.
 */
final class Iso2022Encoder {

    private final Iso2022Codec codec;
    private final boolean personName;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<CodeElement, CharsetEncoder> encoders = new EnumMap<>(CodeElement.class);
    private CodeElement g0;
    private CodeElement g1;
    private boolean lossless = true;

    Iso2022Encoder(Iso2022Codec codec, boolean personName) {
        this.codec = codec;
        this.personName = personName;
    }

    TextCodec.Encoded encode(String text) {
        g0 = codec.initialG0();
        g1 = codec.initialG1();
        text.codePoints().forEach(this::append);
        restoreInitial();
        return new TextCodec.Encoded(out.toByteArray(), lossless);
    }

    private void append(int codePoint) {
        if (codePoint == CodeElement.ESC) {
            // A literal ESC would be read back as an escape sequence.
            replace();
        } else if (codePoint < 0x20 || isDelimiter(codePoint)) {
            restoreInitial();
            out.write(codePoint);
            // A G1 set not designated by value 1 must be designated again after the delimiter (PS3.5 I.2).
            g1 = codec.initialG1();
        } else if (codePoint == ' ') {
            // Other readers (and RFC 1554 practice) expect SPACE in a single-byte set.
            if (g0.isDoubleByte()) {
                designate(codec.initialG0());
            }
            out.write(' ');
        } else if (!tryEncode(g0, codePoint) && !tryEncode(g1, codePoint) && !tryCandidates(codePoint)) {
            replace();
        }
    }

    private boolean isDelimiter(int codePoint) {
        return codePoint == '\\' || (personName && (codePoint == '^' || codePoint == '='));
    }

    private boolean tryCandidates(int codePoint) {
        for (CodeElement set : codec.candidates()) {
            if (tryEncode(set, codePoint)) {
                return true;
            }
        }
        return false;
    }

    private boolean tryEncode(CodeElement set, int codePoint) {
        if (set == null) {
            return false;
        }
        byte[] bytes = set.encode(codePoint, encoders.computeIfAbsent(set, CodeElement::newEncoder));
        if (bytes == null) {
            return false;
        }
        designate(set);
        out.writeBytes(bytes);
        return true;
    }

    /** Writes '?' for a character no declared set has; callers learn of it through {@code lossless}. */
    private void replace() {
        lossless = false;
        if (g0.isDoubleByte()) {
            designate(codec.initialG0());
        }
        out.write('?');
    }

    private void designate(CodeElement set) {
        boolean isG0 = set.register() == CodeElement.Register.G0;
        if (set != (isG0 ? g0 : g1)) {
            out.writeBytes(set.escapeSequence());
            if (isG0) {
                g0 = set;
            } else {
                g1 = set;
            }
        }
    }

    /** Makes value 1's sets active again; G1 needs no escape when value 1 designates none. */
    private void restoreInitial() {
        designate(codec.initialG0());
        if (codec.initialG1() != null) {
            designate(codec.initialG1());
        }
    }
}
