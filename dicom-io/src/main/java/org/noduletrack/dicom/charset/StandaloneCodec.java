package org.noduletrack.dicom.charset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;

/**
 * UTF-8, GB18030 and GBK (PS3.3 Table C.12-5): whole variable-length encodings that allow no code
 * extensions, so escape sequences get no special meaning and the JDK codec does all the work.
 *
 * <p>Their bytes 0x5C and 0x5E can be the second byte of a GB18030/GBK character, which is why callers
 * split values and name components only after decoding.
 */
record StandaloneCodec(Charset charset) implements TextCodec {

    private static final byte[] QUESTION_MARK = {'?'};

    @Override
    public String decode(byte[] value, boolean personName) {
        return new String(value, charset); // substitutes U+FFFD for malformed input
    }

    @Override
    public Encoded encode(String text, boolean personName) {
        CharsetEncoder encoder = charset.newEncoder();
        boolean lossless = encoder.canEncode(text);
        encoder.reset()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(QUESTION_MARK);
        try {
            ByteBuffer buffer = encoder.encode(CharBuffer.wrap(text));
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return new Encoded(bytes, lossless);
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("cannot happen with REPLACE actions", e);
        }
    }
}
