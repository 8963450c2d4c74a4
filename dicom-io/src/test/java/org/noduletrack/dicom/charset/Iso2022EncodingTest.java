package org.noduletrack.dicom.charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.noduletrack.dicom.charset.Bytes.hex;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The ISO 2022 writing rules of PS3.5 6.1.2.5.3 beyond the Annex examples, and round trips. */
class Iso2022EncodingTest {

    private static final SpecificCharacterSet JAPANESE = SpecificCharacterSet.of("", "ISO 2022 IR 87");

    @Test
    void switchesBackToAsciiBeforeSpaceAndAtTheEnd() {
        // pydicom 2.3 encode_string writes the same (after a redundant leading ESC ( B).
        assertThat(JAPANESE.encode("Yamada^Tarou 山田 太郎", false)).isEqualTo(hex(
                "59 61 6d 61 64 61 5e 54 61 72 6f 75 20 1b 24 42 3b 33 45 44 1b 28 42 20"
                        + " 1b 24 42 42 40 4f 3a 1b 28 42"));
    }

    @Test
    void restoresTheInitialSetBeforeEveryControlCharacterAndValueDelimiter() {
        byte[] toKanji = hex("1b 24 42");
        byte[] toAscii = hex("1b 28 42");
        byte[] yama = hex("3b 33"); // 山

        for (char delimiter : List.of('\r', '\n', '\f', '\t', '\\')) {
            assertThat(JAPANESE.encode("山" + delimiter + "山", false))
                    .as("delimiter 0x%02X", (int) delimiter)
                    .isEqualTo(Bytes.concat(toKanji, yama, toAscii, new byte[] {(byte) delimiter}, toKanji, yama,
                            toAscii));
        }
    }

    @Test
    void caretAndEqualsAreDelimitersOnlyInPersonNames() {
        // In a PN, KS X 1001 must be designated again after '^' (PS3.5 I.2); in other text '^' is a character.
        SpecificCharacterSet korean = SpecificCharacterSet.of("", "ISO 2022 IR 149");

        assertThat(korean.encode("洪^吉", true)).isEqualTo(hex("1b 24 29 43 fb f3 5e 1b 24 29 43 d1 ce"));
        assertThat(korean.encode("洪^吉", false)).isEqualTo(hex("1b 24 29 43 fb f3 5e d1 ce"));
        assertThat(korean.decode(hex("1b 24 29 43 fb f3 5e 1b 24 29 43 d1 ce"), true)).isEqualTo("洪^吉");
    }

    @Test
    void multiByteCharactersMayContainDelimiterBytes() {
        // ま is 0x24 0x5E: that '^' byte must not end a name component (nor 0x5C a value, in other kanji).
        byte[] bytes = JAPANESE.encode("やまだ=ヤマダ\\山", true);

        assertThat(JAPANESE.decode(bytes, true)).isEqualTo("やまだ=ヤマダ\\山");
        assertThat(PersonName.parse(JAPANESE.decode(bytes, true).split("\\\\")[0]).ideographic()).isEqualTo("ヤマダ");
    }

    @Test
    void usesJisX0212OnlyForCharactersJisX0208Lacks() {
        // pydicom test_charset.py: 鷗 is only in JIS X 0212, 外 only in JIS X 0208.
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 6", "ISO 2022 IR 87", "ISO 2022 IR 159");
        byte[] expected = hex("4d 6f 72 69 5e 4f 67 61 69 3d 1b 24 42 3f 39 1b 28 42 5e 1b 24 28 44 6c 3f 1b 24 42"
                + " 33 30 1b 28 42 3d 1b 24 42 24 62 24 6a 1b 28 42 5e 1b 24 42 24 2a 24 26 24 2c 24 24 1b 28 42");

        assertThat(cs.encode("Mori^Ogai=森^鷗外=もり^おうがい", true)).isEqualTo(expected);
        assertThat(cs.decode(expected, true)).isEqualTo("Mori^Ogai=森^鷗外=もり^おうがい");
        assertThat(JAPANESE.canEncode("鷗")).isFalse();
    }

    @Test
    void mixesKatakanaKanjiAndRomajiUnderJisX0201() {
        // pydicom's test_japanese_multi_byte_encoding input; value 1 is IR 13, so Katakana needs no ESC ) I.
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87", "ISO 2022 IR 159");

        assertThat(cs.encode("あaｱア齩", false)).isEqualTo(hex(
                "1b 24 42 24 22 1b 28 4a 61 b1 1b 24 42 25 22 1b 24 28 44 6d 4e 1b 28 4a"));
        // pydicom writes a redundant ESC ) I before ｱ; both read the same.
        assertThat(cs.decode(hex("1b 24 42 24 22 1b 28 4a 61 1b 29 49 b1 1b 24 42 25 22 1b 24 28 44 6d 4e 1b 28 4a"),
                false)).isEqualTo("あaｱア齩");
    }

    @Test
    void replacesCharactersNoDeclaredSetHasAndReportsIt() {
        assertThat(JAPANESE.canEncode("山田 Tarō")).isFalse();
        assertThat(JAPANESE.encode("山ō", false)).isEqualTo(hex("1b 24 42 3b 33 1b 28 42 3f"));
        assertThat(SpecificCharacterSet.of("", "ISO 2022 IR 149").canEncode("홍길동 😀")).isFalse();
    }

    @Test
    void neverWritesALiteralEscape() {
        assertThat(SpecificCharacterSet.DEFAULT.encode("a\u001bb", false)).isEqualTo(hex("61 3f 62"));
        assertThat(SpecificCharacterSet.DEFAULT.canEncode("a\u001bb")).isFalse();
    }

    @Test
    void roundTripsRandomTextOfEachRepertoire() {
        // Property: whatever canEncode accepts decodes back to the same text.
        record Case(SpecificCharacterSet cs, String alphabet) {}
        List<Case> cases = List.of(
                new Case(SpecificCharacterSet.of("ISO_IR 100"), "AZaz09 ^=\\äöüßÉÑ"),
                new Case(SpecificCharacterSet.of("ISO_IR 144"), "Az ^=ЛюкБЖЩя"),
                new Case(SpecificCharacterSet.of("ISO_IR 126"), "Az ^=ΔιονυσΩ"),
                new Case(SpecificCharacterSet.of("ISO_IR 138"), "Az ^=שרוןדבה"),
                new Case(SpecificCharacterSet.of("ISO_IR 127"), "Az ^=قبانيلزر"),
                new Case(SpecificCharacterSet.of("ISO_IR 166"), "Az ^=นามสกุล"),
                new Case(SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87", "ISO 2022 IR 159"),
                        "Az ^=\\\r\nｱｲｳﾔﾏﾀﾞ山田太郎やまだまを鷗外ー＝"),
                new Case(SpecificCharacterSet.of("", "ISO 2022 IR 87"), "Az ^=\\\r\n山田太郎やまだま＝"),
                new Case(SpecificCharacterSet.of("", "ISO 2022 IR 149"), "Az ^=\\\r\n洪吉洞홍길동한글"),
                new Case(SpecificCharacterSet.of("", "ISO 2022 IR 58"), "Az ^=\\\r\n张小东第一行文字。"),
                new Case(SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 144", "ISO 2022 IR 126",
                        "ISO 2022 IR 87"), "Az ^=\\äöüЛюкΔιο山田"),
                new Case(SpecificCharacterSet.of("GB18030"), "Az ^=\\王小東东中文丂"),
                new Case(SpecificCharacterSet.of("GBK"), "Az ^=\\王小東东中文丂"),
                new Case(SpecificCharacterSet.UTF_8, "Az ^=\\äЛΔש山한王😀"));
        Random random = new Random(20240229L);
        for (Case c : cases) {
            int[] alphabet = c.alphabet().codePoints().toArray();
            for (int n = 0; n < 300; n++) {
                StringBuilder text = new StringBuilder();
                for (int length = random.nextInt(12); length > 0; length--) {
                    text.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
                }
                String value = text.toString();
                boolean personName = random.nextBoolean();
                assertThat(c.cs().canEncode(value)).as("%s can encode %s", c.cs(), value).isTrue();
                assertThat(c.cs().decode(c.cs().encode(value, personName), personName))
                        .as("%s round trip of %s", c.cs(), value)
                        .isEqualTo(value);
            }
        }
    }
}
