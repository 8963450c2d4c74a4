package org.noduletrack.dicom.charset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.noduletrack.dicom.charset.Bytes.hex;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What the reader does with data sets that do not follow the rules: it shows what it can and never throws. */
class LenientDecodingTest {

    private static final SpecificCharacterSet JAPANESE = SpecificCharacterSet.of("", "ISO 2022 IR 87");

    @Test
    void unknownTermFallsBackToTheDefaultRepertoire() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 999");

        assertThat(cs.isKnown()).isFalse();
        assertThat(cs.unknownTerms()).containsExactly("ISO_IR 999");
        assertThat(cs.terms()).containsExactly("ISO_IR 999");
        assertThat(cs.decode(hex("41 c4"), false)).isEqualTo("AÄ");
        assertThat(cs.encode("AB", false)).isEqualTo(hex("41 42"));
    }

    @Test
    void unknownExtensionTermIsIgnoredButReported() {
        // pydicom's regression case #850: an unknown value 2 must not break value 1.
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 146");

        assertThat(cs.unknownTerms()).containsExactly("ISO 2022 IR 146");
        assertThat(cs.decode(hex("4a e9 72 f4 6d 65"), false)).isEqualTo("Jérôme");
    }

    @Test
    void recognisableMisspellingsAreReportedButDecodedAsMeant() {
        assertThat(SpecificCharacterSet.of("ISO-IR 100").decode(hex("c4 6e 65 61 73"), false)).isEqualTo("Äneas");
        assertThat(SpecificCharacterSet.of("ISO-IR 100").unknownTerms()).containsExactly("ISO-IR 100");
        assertThat(SpecificCharacterSet.of("ISO_IR100").decode(hex("c4"), false)).isEqualTo("Ä");
        assertThat(SpecificCharacterSet.of("UTF-8").decode(hex("e7 8e 8b"), false)).isEqualTo("王");
        assertThat(SpecificCharacterSet.of("ISO_IR 144 ").decode(hex("bb"), false)).isEqualTo("Л");
        assertThat(SpecificCharacterSet.of("ISO_IR 144 ").isKnown()).isTrue(); // padding is not a misspelling
        assertThat(SpecificCharacterSet.of("iso 2022 ir 6", "iso 2022 ir 87").decode(hex("1b 24 42 3b 33"), false))
                .isEqualTo("山");
    }

    @Test
    void anUnsplitMultiValuedStringIsSplit() {
        SpecificCharacterSet cs = SpecificCharacterSet.of("\\ISO 2022 IR 87");

        assertThat(cs.terms()).containsExactly("", "ISO 2022 IR 87");
        assertThat(cs).isEqualTo(JAPANESE);
        assertThat(cs.toDicomString()).isEqualTo("\\ISO 2022 IR 87");
    }

    @Test
    void singleByteTermsWithoutIso2022PrefixStillAllowExtensions() {
        // Common in Japanese data (dcm4che issue #869): "ISO_IR 13\ISO 2022 IR 87" instead of "ISO 2022 IR 13\...".
        SpecificCharacterSet cs = SpecificCharacterSet.of("ISO_IR 13", "ISO 2022 IR 87");

        assertThat(cs.decode(hex("d4 cf c0 de 3d 1b 24 42 3b 33 45 44 1b 28 4a"), true)).isEqualTo("ﾔﾏﾀﾞ=山田");
    }

    @Test
    void standaloneTermsExcludeExtensions() {
        // UTF-8 as value 1 is used alone; after a real value 1 it is ignored, as pydicom does.
        assertThat(SpecificCharacterSet.of("ISO_IR 192", "ISO 2022 IR 87").decode(hex("e7 8e 8b"), false))
                .isEqualTo("王");
        assertThat(SpecificCharacterSet.of("ISO_IR 100", "ISO_IR 192").decode(hex("c4"), false)).isEqualTo("Ä");
        // With no repertoire in value 1, the writer evidently meant UTF-8.
        assertThat(SpecificCharacterSet.of("", "ISO_IR 192").decode(hex("e7 8e 8b"), false)).isEqualTo("王");
    }

    @Test
    void escapeSequencesOfUndeclaredSetsAreHonoured() {
        // Declared only Latin-1, yet the bytes say JIS X 0208: showing kanji beats showing garbage.
        assertThat(SpecificCharacterSet.of("ISO_IR 100").decode(hex("1b 24 42 3b 33 1b 28 42 41"), false))
                .isEqualTo("山A");
    }

    @Test
    void tolerantJisX0208Designations() {
        // ESC $ @ (the 1978 edition) and ESC $ ( B (the long form) are written by some Japanese systems.
        assertThat(JAPANESE.decode(hex("1b 24 40 3b 33 1b 28 42"), false)).isEqualTo("山");
        assertThat(JAPANESE.decode(hex("1b 24 28 42 3b 33 1b 28 42"), false)).isEqualTo("山");
    }

    @Test
    void missingSwitchBackBeforeADelimiterIsTolerated() {
        // pydicom test_unicode_jp_from_bytes_comp_delimiter: no ESC ( B between 太郎 and '='.
        byte[] bytes = hex("59 61 6d 61 64 61 5e 54 61 72 6f 75 3d 1b 24 42 3b 33 45 44 1b 28 42 5e 1b 24 42 42 40 4f 3a"
                + " 3d 1b 24 42 24 64 24 5e 24 40 1b 28 42 5e 1b 24 42 24 3f 24 6d 24 26 1b 28 42");

        assertThat(JAPANESE.decode(bytes, true)).isEqualTo("Yamada^Tarou=山田^太郎=やまだ^たろう");
    }

    @Test
    void koreanWithoutEscapeSequencesUsesTheDeclaredG1Set() {
        // Many Korean writers omit ESC $ ) C; G1 is undefined then, and the declared KS X 1001 is assumed.
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 149");

        assertThat(cs.decode(hex("b1 e8 c8 f1 c1 df"), true)).isEqualTo("김희중"); // pydicom's chrKoreanMulti name
        assertThat(SpecificCharacterSet.of("ISO 2022 IR 149").decode(hex("c8 ab 5e b1 e6 b5 bf"), true))
                .isEqualTo("홍^길동");
    }

    @Test
    void missingKatakanaDesignationAfterADelimiterIsTolerated() {
        // pydicom test_missing_escape_for_single_byte_code_extensions; pydicom shows Latin-1 "ÀÛ³" for the
        // second component, we assume the only declared G1 set.
        SpecificCharacterSet cs = SpecificCharacterSet.of("", "ISO 2022 IR 13");

        assertThat(cs.decode(hex("41 53 43 49 49 2b 1b 29 49 d4 cf c0 de 5e c0 db b3"), true))
                .isEqualTo("ASCII+ﾔﾏﾀﾞ^ﾀﾛｳ");
    }

    @Test
    void malformedEscapeSequencesBecomeReplacementCharacters() {
        assertThat(JAPANESE.decode(hex("61 62 63 1b"), false)).isEqualTo("abc\uFFFD");
        assertThat(JAPANESE.decode(hex("61 62 63 1b 24"), false)).isEqualTo("abc\uFFFD");
        assertThat(JAPANESE.decode(hex("61 1b 0d 0a 62"), false)).isEqualTo("a\uFFFD\r\nb");
        assertThat(JAPANESE.decode(hex("61 1b 24 28 29 2d 44 62"), false)).startsWith("a\uFFFD");
    }

    @Test
    void wellFormedButUnusedEscapeSequencesAreDropped() {
        // ESC % G (UTF-8 "DOCS") and ESC $ ( O (JIS X 0213) are not DICOM code elements.
        assertThat(JAPANESE.decode(hex("61 62 63 1b 25 47 64 65 66"), false)).isEqualTo("abcdef");
        assertThat(JAPANESE.decode(hex("61 1b 24 28 4f 62"), false)).isEqualTo("ab");
    }

    @Test
    void truncatedAndUnmappedMultiByteCharactersBecomeReplacementCharacters() {
        assertThat(JAPANESE.decode(hex("1b 24 42 3b 33 45"), false)).isEqualTo("山\uFFFD");
        assertThat(JAPANESE.decode(hex("1b 24 42 7e 7e 1b 28 42 41"), false)).isEqualTo("\uFFFDA");
        assertThat(SpecificCharacterSet.of("", "ISO 2022 IR 149").decode(hex("1b 24 29 43 fb f3 fb"), false))
                .isEqualTo("洪\uFFFD");
        assertThat(SpecificCharacterSet.UTF_8.decode(hex("41 e7 8e"), false)).isEqualTo("A\uFFFD");
    }

    @Test
    void spaceInsideAKanjiRunIsASpace() {
        // SPACE is the same in every G0 set, so padding after a missing ESC ( B is not half a character.
        assertThat(JAPANESE.decode(hex("1b 24 42 3b 33 45 44 20"), true)).isEqualTo("山田 ");
    }

    @Test
    void nullAndEmptyValues() {
        assertThat(JAPANESE.decode(null, true)).isEmpty();
        assertThat(JAPANESE.decode(new byte[0], true)).isEmpty();
        assertThat(JAPANESE.encode(null, true)).isEmpty();
        assertThat(JAPANESE.canEncode(null)).isTrue();
        assertThat(SpecificCharacterSet.of((String) null)).isSameAs(SpecificCharacterSet.DEFAULT);
        assertThat(SpecificCharacterSet.of(null, "ISO 2022 IR 87")).isEqualTo(JAPANESE);
    }

    @Test
    void randomBytesNeverThrow() {
        List<SpecificCharacterSet> sets = List.of(
                SpecificCharacterSet.DEFAULT,
                SpecificCharacterSet.of("ISO_IR 100"),
                SpecificCharacterSet.of("ISO_IR 13"),
                SpecificCharacterSet.of("ISO_IR 166"),
                SpecificCharacterSet.of("ISO_IR 192"),
                SpecificCharacterSet.of("GB18030"),
                SpecificCharacterSet.of("GBK"),
                SpecificCharacterSet.of("ISO 2022 IR 13", "ISO 2022 IR 87", "ISO 2022 IR 159"),
                SpecificCharacterSet.of("", "ISO 2022 IR 149", "ISO 2022 IR 58"),
                SpecificCharacterSet.of("ISO 2022 IR 100", "ISO 2022 IR 144", "ISO 2022 IR 126"),
                SpecificCharacterSet.of("garbage", "more garbage"));
        // Escape-heavy random input exercises the state machine's corners.
        byte[] interesting = hex("1b 24 28 29 2d 42 41 43 44 49 4a 5c 5e 3d 0d 0a 20 80 a1 df fe ff 21 7e 3b 33");
        Random random = new Random(42);
        for (SpecificCharacterSet cs : sets) {
            for (int n = 0; n < 2000; n++) {
                byte[] value = new byte[random.nextInt(24)];
                for (int i = 0; i < value.length; i++) {
                    value[i] = random.nextBoolean() ? interesting[random.nextInt(interesting.length)]
                            : (byte) random.nextInt(256);
                }
                boolean personName = random.nextBoolean();
                assertThatCode(() -> {
                    String text = cs.decode(value, personName);
                    cs.encode(text, personName);
                    PersonName.parse(text).display();
                }).as("%s on %s", cs, Bytes.toHex(value)).doesNotThrowAnyException();
            }
        }
    }
}
