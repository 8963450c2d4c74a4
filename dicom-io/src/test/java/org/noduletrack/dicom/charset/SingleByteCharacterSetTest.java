package org.noduletrack.dicom.charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.noduletrack.dicom.charset.Bytes.hex;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Single-byte repertoires (PS3.3 Tables C.12-2 and C.12-3), with and without code extensions.
 *
 * <p>The byte sequences are the patient names of David Clunie's character set test files (chrGerm, chrFren,
 * chrRuss, chrGreek, chrHbrw, chrArab, chrH32) and the code-extension vectors of pydicom's test_charset.py;
 * the expected strings are what pydicom 2.3 ({@code pydicom.charset.decode_element}) decodes them to.
 */
class SingleByteCharacterSetTest {

    static Stream<Arguments> withoutExtensions() {
        return Stream.of(
                Arguments.of("ISO_IR 100", "c4 6e 65 61 73 5e 52 fc 64 69 67 65 72", "Äneas^Rüdiger"),
                Arguments.of("ISO_IR 100", "42 75 63 5e 4a e9 72 f4 6d 65", "Buc^Jérôme"),
                Arguments.of("ISO_IR 101", "57 61 b3 ea 73 61", "Wałęsa"),
                Arguments.of("ISO_IR 109", "61 6e 74 61 fd 6e 6f 6d 6f", "antaŭnomo"),
                Arguments.of("ISO_IR 110", "76 e0 72 64 73", "vārds"),
                // Mixed on purpose in the original file: the "c", "e", "y", "p" are Latin letters.
                Arguments.of("ISO_IR 144", "bb ee da 63 65 dc d1 79 70 d3", "Люкceмбypг"),
                Arguments.of("ISO_IR 127", "e2 c8 c7 e6 ea 5e e4 e6 d2 c7 d1", "قباني^لنزار"),
                Arguments.of("ISO_IR 126", "c4 e9 ef ed f5 f3 e9 ef f2", "Διονυσιος"),
                Arguments.of("ISO_IR 138", "f9 f8 e5 ef 5e e3 e1 e5 f8 e4", "שרון^דבורה"),
                Arguments.of("ISO_IR 148", "c7 61 76 75 fe 6f f0 6c 75", "Çavuşoğlu"),
                Arguments.of("ISO_IR 166", "b9 d2 c1 ca a1 d8 c5", "นามสกุล"),
                Arguments.of("ISO_IR 13", "d4 cf c0 de 5e c0 db b3", "ﾔﾏﾀﾞ^ﾀﾛｳ"),
                // ISO 8859-15 (not in pydicom 2.3): the euro sign is the difference from Latin-1.
                Arguments.of("ISO_IR 203", "a4 31 30 bd", "€10œ"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("withoutExtensions")
    void decodesAndEncodesSingleValuedRepertoires(String term, String bytes, String text) {
        SpecificCharacterSet cs = SpecificCharacterSet.of(term);

        assertThat(cs.decode(hex(bytes), true)).isEqualTo(text);
        assertThat(cs.encode(text, true)).isEqualTo(hex(bytes));
        assertThat(cs.canEncode(text)).isTrue();
        assertThat(cs.isKnown()).isTrue();
    }

    static Stream<Arguments> withExtensions() {
        // pydicom test_charset.py ENCODED_NAMES, decoded after an ASCII prefix with (0008,0005) "\<term>".
        return Stream.of(
                Arguments.of("ISO 2022 IR 13", "1b 29 49 d4 cf c0 de 5e 1b 29 49 c0 db b3", "ﾔﾏﾀﾞ^ﾀﾛｳ"),
                Arguments.of("ISO 2022 IR 100", "1b 2d 41 42 75 63 5e 1b 2d 41 4a e9 72 f4 6d 65", "Buc^Jérôme"),
                Arguments.of("ISO 2022 IR 101", "1b 2d 42 57 61 b3 ea 73 61", "Wałęsa"),
                Arguments.of("ISO 2022 IR 109", "1b 2d 43 61 6e 74 61 fd 6e 6f 6d 6f", "antaŭnomo"),
                Arguments.of("ISO 2022 IR 110", "1b 2d 44 76 e0 72 64 73", "vārds"),
                Arguments.of("ISO 2022 IR 127", "1b 2d 47 e2 c8 c7 e6 ea 5e 1b 2d 47 e4 e6 d2 c7 d1", "قباني^لنزار"),
                Arguments.of("ISO 2022 IR 126", "1b 2d 46 c4 e9 ef ed f5 f3 e9 ef f2", "Διονυσιος"),
                Arguments.of("ISO 2022 IR 138", "1b 2d 48 f9 f8 e5 ef 5e 1b 2d 48 e3 e1 e5 f8 e4", "שרון^דבורה"),
                Arguments.of("ISO 2022 IR 144", "1b 2d 4c bb ee da 63 65 dc d1 79 70 d3", "Люкceмбypг"),
                Arguments.of("ISO 2022 IR 148", "1b 2d 4d c7 61 76 75 fe 6f f0 6c 75", "Çavuşoğlu"),
                Arguments.of("ISO 2022 IR 166", "1b 2d 54 b9 d2 c1 ca a1 d8 c5", "นามสกุล"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("withExtensions")
    void decodesCodeExtensions(String term, String bytes, String text) {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", term);
        byte[] value = Bytes.concat("ASCII+".getBytes(StandardCharsets.US_ASCII), hex(bytes));

        assertThat(cs.decode(value, true)).isEqualTo("ASCII+" + text);
        assertThat(cs.decode(cs.encode("ASCII+" + text, true), true)).isEqualTo("ASCII+" + text);
    }

    @Test
    void encoderDesignatesTheG1SetBeforeItsFirstCharacterInEachComponent() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 127");

        // pydicom's vector for Arabic happens to be exactly what a minimal encoder writes.
        assertThat(cs.encode("قباني^لنزار", true))
                .isEqualTo(hex("1b 2d 47 e2 c8 c7 e6 ea 5e 1b 2d 47 e4 e6 d2 c7 d1"));
    }

    @Test
    void switchesG1WithinAValueAndRestoresValue1BeforeEachDelimiter() {
        // Value 1 designates Latin-1 to G1, so it must be active again before '\' and at the end (PS3.5
        // 6.1.2.5.3). pydicom decodes these bytes to ['Jérôme', 'Люк', 'Jé'].
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 144");
        byte[] written = hex("4a e9 72 f4 6d 65 5c 1b 2d 4c bb ee da 1b 2d 41 5c 4a e9");

        assertThat(cs.encode("Jérôme\\Люк\\Jé", false)).isEqualTo(written);
        assertThat(cs.decode(written, false)).isEqualTo("Jérôme\\Люк\\Jé");
        // A writer that did not restore Latin-1 before '\' is still read as it meant.
        assertThat(cs.decode(hex("4a e9 72 f4 6d 65 5c 1b 2d 4c bb ee da 5c 4a e9"), false))
                .isEqualTo("Jérôme\\Люк\\Jé");
    }

    @Test
    void defaultRepertoireReadsHighBytesAsLatin1ButWritesOnlyAscii() {
        SpecificCharacterSet cs = SpecificCharacterSet.DEFAULT;

        assertThat(cs.decode(hex("4a e9 72 f4 6d 65"), true)).isEqualTo("Jérôme");
        assertThat(cs.canEncode("Jerome")).isTrue();
        assertThat(cs.canEncode("Jérôme")).isFalse();
        assertThat(cs.encode("Jérôme", true)).isEqualTo("J?r?me".getBytes(StandardCharsets.US_ASCII));
        assertThat(cs.terms()).isEmpty();
        assertThat(SpecificCharacterSet.of()).isSameAs(cs);
        assertThat(SpecificCharacterSet.of((String[]) null)).isSameAs(cs);
        assertThat(SpecificCharacterSet.of("")).isSameAs(cs);
        assertThat(SpecificCharacterSet.of("ISO_IR 6").decode(hex("41 42"), false)).isEqualTo("AB");
    }

    @Test
    void aWriterSwitchesToUtf8WhenTheSetCannotHoldTheText() {
        SpecificCharacterSet latin1 = SpecificCharacterSet.of("ISO_IR 100");
        String name = "Müller^Jürgen=李^小龙";

        SpecificCharacterSet chosen = latin1.canEncode(name) ? latin1 : SpecificCharacterSet.UTF_8;

        assertThat(chosen).isEqualTo(SpecificCharacterSet.of("ISO_IR 192"));
        assertThat(chosen.toDicomString()).isEqualTo("ISO_IR 192");
        assertThat(chosen.decode(chosen.encode(name, true), true)).isEqualTo(name);
        assertThat(latin1.encode(name, true)).isEqualTo(
                "Müller^Jürgen=?^??".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void latinCharactersOfOtherRepertoiresAreNotEncodable() {
        assertThat(SpecificCharacterSet.of("ISO_IR 144").canEncode("Люкceмбypг")).isTrue();
        assertThat(SpecificCharacterSet.of("ISO_IR 144").canEncode("Ä")).isFalse();
        assertThat(SpecificCharacterSet.of("ISO_IR 13").canEncode("ｱｲｳ abc")).isTrue();
        assertThat(SpecificCharacterSet.of("ISO_IR 13").canEncode("ア")).isFalse(); // full-width: JIS X 0208 only
        assertThat(SpecificCharacterSet.of("ISO_IR 166").canEncode("ภาษาไทย")).isTrue();
    }

    @Test
    void jisX0201DecodesOnlyTheKatakanaRangeOfG1() {
        // 0xA1-0xDF are Katakana; other high bytes are not part of ISO-IR 13.
        assertThat(SpecificCharacterSet.of("ISO_IR 13").decode(hex("a1 df e0 80"), false))
                .isEqualTo("｡ﾟ\uFFFD\uFFFD");
    }
}
