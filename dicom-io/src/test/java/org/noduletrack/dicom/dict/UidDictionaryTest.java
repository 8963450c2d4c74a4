package org.noduletrack.dicom.dict;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.Test;

class UidDictionaryTest {
    private final UidDictionary dict = UidDictionary.standard();

    @Test
    void looksUpTransferSyntaxes() {
        UidEntry jpegLs = dict.lookup("1.2.840.10008.1.2.4.80").orElseThrow();
        assertThat(jpegLs.name()).isEqualTo("JPEG-LS Lossless Image Compression");
        assertThat(jpegLs.keyword()).isEqualTo("JPEGLSLossless");
        assertThat(jpegLs.type()).isEqualTo("Transfer Syntax");
        assertThat(jpegLs.isTransferSyntax()).isTrue();
        assertThat(jpegLs.retired()).isFalse();

        assertThat(dict.lookup(Uids.ExplicitVRBigEndian).orElseThrow().retired()).isTrue();
        assertThat(dict.lookup(Uids.JPEGLossless).orElseThrow().name()).contains("Process 14");
    }

    @Test
    void looksUpSopClasses() {
        UidEntry ct = dict.lookup("1.2.840.10008.5.1.4.1.1.2").orElseThrow();
        assertThat(ct.name()).isEqualTo("CT Image Storage");
        assertThat(ct.keyword()).isEqualTo("CTImageStorage");
        assertThat(ct.isSopClass()).isTrue();
        assertThat(dict.lookup(Uids.MediaStorageDirectoryStorage).orElseThrow().name())
                .isEqualTo("Media Storage Directory Storage");
    }

    @Test
    void ignoresUiPadding() {
        assertThat(dict.lookup("1.2.840.10008.1.2\0")).hasValueSatisfying(e ->
                assertThat(e.keyword()).isEqualTo("ImplicitVRLittleEndian"));
        assertThat(dict.lookup("1.2.840.10008.1.2.1 ")).isPresent();
    }

    @Test
    void unknownUidsAreEmpty() {
        assertThat(dict.lookup("1.2.3.4")).isEmpty();
        assertThat(dict.lookup("")).isEmpty();
    }

    @Test
    void constantsHaveTheExpectedValues() {
        assertThat(Uids.ImplicitVRLittleEndian).isEqualTo("1.2.840.10008.1.2");
        assertThat(Uids.ExplicitVRLittleEndian).isEqualTo("1.2.840.10008.1.2.1");
        assertThat(Uids.DeflatedExplicitVRLittleEndian).isEqualTo("1.2.840.10008.1.2.1.99");
        assertThat(Uids.ExplicitVRBigEndian).isEqualTo("1.2.840.10008.1.2.2");
        assertThat(Uids.JPEGBaseline8Bit).isEqualTo("1.2.840.10008.1.2.4.50");
        assertThat(Uids.JPEGLossless).isEqualTo("1.2.840.10008.1.2.4.57");
        assertThat(Uids.JPEGLosslessSV1).isEqualTo("1.2.840.10008.1.2.4.70");
        assertThat(Uids.JPEGLSLossless).isEqualTo("1.2.840.10008.1.2.4.80");
        assertThat(Uids.JPEGLSNearLossless).isEqualTo("1.2.840.10008.1.2.4.81");
        assertThat(Uids.JPEG2000Lossless).isEqualTo("1.2.840.10008.1.2.4.90");
        assertThat(Uids.JPEG2000).isEqualTo("1.2.840.10008.1.2.4.91");
        assertThat(Uids.RLELossless).isEqualTo("1.2.840.10008.1.2.5");
        assertThat(Uids.CTImageStorage).isEqualTo("1.2.840.10008.5.1.4.1.1.2");
        assertThat(Uids.MediaStorageDirectoryStorage).isEqualTo("1.2.840.10008.1.3.10");
    }

    @Test
    void everyUidsConstantIsInTheDictionaryUnderItsOwnName() throws IllegalAccessException {
        int checked = 0;
        for (Field f : Uids.class.getDeclaredFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != String.class) {
                continue;
            }
            String uid = (String) f.get(null);
            UidEntry e = dict.lookup(uid).orElseThrow(() -> new AssertionError(f.getName()));
            assertThat(e.keyword()).isEqualTo(f.getName());
            checked++;
        }
        assertThat(checked).isGreaterThan(400);
        assertThat(dict.entries()).hasSizeGreaterThanOrEqualTo(checked);
    }
}
