package org.noduletrack.dicom.charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.noduletrack.dicom.charset.Bytes.columnRow;
import static org.noduletrack.dicom.charset.Bytes.hex;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The worked examples of PS3.5 Annexes H (Japanese), I (Korean), J (Chinese, no code extensions) and
 * K (Chinese, ISO 2022 IR 58). Byte sequences are copied from the standard's "Encoded representation"
 * (H and I in its column/row notation). Each one must decode to the standard's character string and, where
 * the standard shows how a writer encodes it, our encoder must produce exactly the same bytes.
 *
 * <p>Expected strings were cross-checked with pydicom 2.3 ({@code pydicom.charset.decode_element}) for H, I and
 * J; pydicom 2.3 leaves the ESC $ ) A sequences of Annex K in its output, so K was checked against the
 * standard text and DCMTK's test (ofstd tests, "example taken from DICOM PS 3.5 Annex K.2") instead.
 */
class AnnexExamplesTest {

    // PS3.5 H.3.1: value 1 empty (ISO-IR 6), JIS X 0208 in G0, ESC ( B before each delimiter and at the end.
    private static final byte[] H_3_1 = columnRow("""
            05/09 06/01 06/13 06/01 06/04 06/01 05/14 05/04 06/01 07/02 06/15 07/05 03/13 01/11 02/04 04/02
            03/11 03/03 04/05 04/04 01/11 02/08 04/02 05/14 01/11 02/04 04/02 04/02 04/00 04/15 03/10 01/11
            02/08 04/02 03/13 01/11 02/04 04/02 02/04 06/04 02/04 05/14 02/04 04/00 01/11 02/08 04/02 05/14
            01/11 02/04 04/02 02/04 03/15 02/04 06/13 02/04 02/06 01/11 02/08 04/02""");

    // PS3.5 H.3.2: value 1 ISO 2022 IR 13 (Romaji G0, Katakana G1), switch back with ESC ( J.
    private static final byte[] H_3_2 = columnRow("""
            13/04 12/15 12/00 13/14 05/14 12/00 13/11 11/03 03/13 01/11 02/04 04/02 03/11 03/03 04/05 04/04
            01/11 02/08 04/10 05/14 01/11 02/04 04/02 04/02 04/00 04/15 03/10 01/11 02/08 04/10 03/13 01/11
            02/04 04/02 02/04 06/04 02/04 05/14 02/04 04/00 01/11 02/08 04/10 05/14 01/11 02/04 04/02 02/04
            03/15 02/04 06/13 02/04 02/06 01/11 02/08 04/10""");

    // PS3.5 I.2: KS X 1001 designated to G1 again after every delimiter; no switch back needed at the end.
    private static final byte[] I_2 = columnRow("""
            04/08 06/15 06/14 06/07 05/14 04/07 06/09 06/12 06/04 06/15 06/14 06/07 03/13 01/11 02/04 02/09
            04/03 15/11 15/03 05/14 01/11 02/04 02/09 04/03 13/01 12/14 13/04 13/07 03/13 01/11 02/04 02/09
            04/03 12/08 10/11 05/14 01/11 02/04 02/09 04/03 11/01 14/06 11/05 11/15""");

    private static final String YAMADA = "Yamada^Tarou=山田^太郎=やまだ^たろう";
    private static final String YAMADA_KATAKANA = "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう";
    private static final String HONG = "Hong^Gildong=洪^吉洞=홍^길동";

    @Test
    void annexH31JapaneseWithDefaultFirstValue() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 87");

        assertThat(cs.decode(H_3_1, true)).isEqualTo(YAMADA);
        assertThat(cs.encode(YAMADA, true)).isEqualTo(H_3_1);
        assertThat(cs.canEncode(YAMADA)).isTrue();
    }

    @Test
    void annexH31PrintedFormMatchesTheEncodedRepresentation() {
        // The standard also prints the value as "an ASCII based machine" shows it, with \033 for ESC.
        byte[] printed = "Yamada^Tarou=\033$B;3ED\033(B^\033$BB@O:\033(B=\033$B$d$^$@\033(B^\033$B$?$m$&\033(B"
                .getBytes(StandardCharsets.US_ASCII);
        assertThat(printed).isEqualTo(H_3_1);
    }

    @Test
    void annexH32JapaneseWithJisX0201FirstValue() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87");

        assertThat(cs.decode(H_3_2, true)).isEqualTo(YAMADA_KATAKANA);
        assertThat(cs.encode(YAMADA_KATAKANA, true)).isEqualTo(H_3_2);
    }

    @Test
    void annexHNamesSplitIntoGroupsAndComponents() {
        PersonName name = PersonName.parse(SpecificCharacterSet.of("", "ISO 2022 IR 87").decode(H_3_1, true));

        assertThat(name.components(PersonName.Group.ALPHABETIC)).startsWith("Yamada", "Tarou");
        assertThat(name.components(PersonName.Group.IDEOGRAPHIC)).startsWith("山田", "太郎");
        assertThat(name.components(PersonName.Group.PHONETIC)).startsWith("やまだ", "たろう");
    }

    @Test
    void annexI2Korean() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 149");

        assertThat(cs.decode(I_2, true)).isEqualTo(HONG);
        assertThat(cs.encode(HONG, true)).isEqualTo(I_2);
        assertThat(I_2).isEqualTo(hex("48 6F 6E 67 5E 47 69 6C 64 6F 6E 67 3D 1B 24 29 43 FB F3 5E 1B 24 29 43"
                + " D1 CE D4 D7 3D 1B 24 29 43 C8 AB 5E 1B 24 29 43 B1 E6 B5 BF"));
    }

    @Test
    void annexI3KoreanLongTextDesignatesOncePerLine() {
        // PS3.5 I.3: ESC $ ) C at the head of each line, Hangul and ASCII intermixed after it.
        String text = "The first line includes 한글.\r\nThe second line includes 한글, too.\r\nThe third line";
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 149");
        byte[] hangul = hex("C7 D1 B1 DB"); // 한글 in KS X 1001 (EUC-KR), as the JDK's table and pydicom agree
        byte[] esc = hex("1B 24 29 43");

        byte[] expected = Bytes.concat(
                ascii("The first line includes "), esc, hangul, ascii(".\r\n"),
                ascii("The second line includes "), esc, hangul, ascii(", too.\r\nThe third line"));
        assertThat(cs.encode(text, false)).isEqualTo(expected);
        assertThat(cs.decode(expected, false)).isEqualTo(text);
    }

    @Test
    void annexJ1ChineseUtf8() {
        byte[] bytes = hex("57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d e7 8e 8b 5e e5 b0 8f e6 9d b1 3d");
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 192");

        assertThat(cs.decode(bytes, true)).isEqualTo("Wang^XiaoDong=王^小東=");
        assertThat(cs.encode("Wang^XiaoDong=王^小東=", true)).isEqualTo(bytes);
    }

    @Test
    void annexJ2ChineseUtf8LongText() {
        byte[] bytes = hex("""
                54 68 65 20 66 69 72 73 74 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73 e4 b8 ad e6 96 87 2e 0d 0a
                54 68 65 20 73 65 63 6f 6e 64 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73 e4 b8 ad e6 96 87 2c 20
                74 6f 6f 2e 0d 0a 54 68 65 20 74 68 69 72 64 20 6c 69 6e 65 2e 0d 0a""".replace("\n", " "));

        assertThat(SpecificCharacterSet.of("ISO_IR 192").decode(bytes, false)).isEqualTo(
                "The first line includes中文.\r\nThe second line includes中文, too.\r\nThe third line.\r\n");
    }

    @Test
    void annexJ3ChineseGb18030() {
        byte[] bytes = hex("57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d cd f5 5e d0 a1 b6 ab 3d");
        SpecificCharacterSet cs = SpecificCharacterSet.of("GB18030");

        assertThat(cs.decode(bytes, true)).isEqualTo("Wang^XiaoDong=王^小东=");
        assertThat(cs.encode("Wang^XiaoDong=王^小东=", true)).isEqualTo(bytes);
    }

    @Test
    void annexJ4ChineseGb18030LongText() {
        byte[] bytes = hex("""
                54 68 65 20 66 69 72 73 74 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73 d6 d0 ce c4 2e 0d 0a 54 68
                65 20 73 65 63 6f 6e 64 20 6c 69 6e 65 20 69 6e 63 6c 75 64 65 73 d6 d0 ce c4 2c 20 74 6f 6f 2e
                0d 0a 54 68 65 20 74 68 69 72 64 20 6c 69 6e 65 2e 0d 0a""".replace("\n", " "));
        String text = "The first line includes中文.\r\nThe second line includes中文, too.\r\nThe third line.\r\n";

        assertThat(SpecificCharacterSet.of("GB18030").decode(bytes, false)).isEqualTo(text);
        assertThat(SpecificCharacterSet.of("GBK").decode(bytes, false)).isEqualTo(text);
        assertThat(SpecificCharacterSet.of("GB18030").encode(text, false)).isEqualTo(bytes);
    }

    @Test
    void annexK2ChineseGb2312WithCodeExtensions() {
        // The standard's value ends with the SPACE that pads it to even length.
        byte[] padded = hex("5A 68 61 6E 67 5E 58 69 61 6F 44 6F 6E 67 3D 1B 24 29 41 D5 C5 5E 1B 24 29 41"
                + " D0 A1 B6 AB 3D 20");
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 58");

        assertThat(cs.decode(padded, true)).isEqualTo("Zhang^XiaoDong=张^小东= ");
        assertThat(cs.encode("Zhang^XiaoDong=张^小东=", true))
                .isEqualTo(Arrays.copyOf(padded, padded.length - 1));
    }

    @Test
    void annexK3ChineseGb2312LongTextDesignatesAfterEachLine() {
        byte[] bytes = hex("""
                31 2e 1B 24 29 41 B5 DA D2 BB D0 D0 CE C4 D7 D6 A1 A3 0D 0A
                32 2e 1B 24 29 41 B5 DA B6 FE D0 D0 CE C4 D7 D6 A1 A3 0D 0A
                33 2e 1B 24 29 41 B5 DA C8 FD D0 D0 CE C4 D7 D6 A1 A3 0D 0A""".replace("\n", " "));
        String text = "1.第一行文字。\r\n2.第二行文字。\r\n3.第三行文字。\r\n";
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 58");

        assertThat(cs.decode(bytes, false)).isEqualTo(text);
        assertThat(cs.encode(text, false)).isEqualTo(bytes);
    }

    @Test
    void encodingsAgreeWithTheJdkIso2022Codecs() {
        // Independent check of the code tables: the JDK's own ISO-2022-JP and EUC-KR/GB2312 give the same
        // character bytes (ISO-2022-JP needs no G1, so its whole output matches H.3.1's ideographic group).
        assertThat("山田".getBytes(Charset.forName("ISO-2022-JP")))
                .isEqualTo(hex("1B 24 42 3B 33 45 44 1B 28 42"));
        assertThat(SpecificCharacterSet.of("", "ISO 2022 IR 87").encode("山田", true))
                .isEqualTo(hex("1B 24 42 3B 33 45 44 1B 28 42"));
        assertThat("洪".getBytes(Charset.forName("EUC-KR"))).isEqualTo(hex("FB F3"));
        assertThat("张".getBytes(Charset.forName("GB2312"))).isEqualTo(hex("D5 C5"));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
