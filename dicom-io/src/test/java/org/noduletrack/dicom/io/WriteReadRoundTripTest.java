package org.noduletrack.dicom.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.noduletrack.dicom.data.BinaryValue;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.DicomElement;
import org.noduletrack.dicom.data.FragmentsElement;
import org.noduletrack.dicom.data.SequenceElement;
import org.noduletrack.dicom.data.TagFormat;
import org.noduletrack.dicom.data.ValueElement;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.testing.SharedData;

/** read → write → read keeps every element's value, for every real file, in explicit VR LE and deflated. */
class WriteReadRoundTripTest {
    static Stream<Path> files() {
        return SharedData.allDicomFiles().stream().filter(p -> !p.toString().contains("lidc-idri") || p.toString().endsWith("000022.dcm")
                || p.toString().endsWith("000100.dcm"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void everyElementSurvives(Path file) throws Exception {
        DicomFile original = new DicomReader(ReadOptions.everythingInMemory()).read(file);
        String ts = original.transferSyntax().encapsulated() ? original.transferSyntax().uid() : TransferSyntax.EXPLICIT_VR_LE;
        for (String target : original.transferSyntax().encapsulated() ? List.of(ts) : List.of(ts, TransferSyntax.DEFLATED_EXPLICIT_VR_LE)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new DicomWriter().write(out, original.fileMeta(), original.dataset(), target);
            byte[] written = out.toByteArray();
            DicomFile back = new DicomReader(ReadOptions.everythingInMemory()).read(new ByteArrayInputStream(written), written.length);
            assertThat(back.transferSyntax().uid()).isEqualTo(target);
            assertThat(back.issues()).as("issues reading our own output").isEmpty();
            assertSameContent(original.dataset(), back.dataset(), "");
            assertThat(back.fileMeta().string(Tags.MediaStorageSOPInstanceUID))
                    .isEqualTo(original.dataset().string(Tags.SOPInstanceUID)
                            .or(() -> original.fileMeta().string(Tags.MediaStorageSOPInstanceUID)));
        }
    }

    @Test
    void writesAtomicallyToAFile(@TempDir Path dir) throws Exception {
        Path src = SharedData.file("dicomparser-testimages/CT1_UNC.explicit_big_endian.dcm");
        DicomFile original = new DicomReader(ReadOptions.defaults()).read(src); // pixel data stays a reference
        Path target = dir.resolve("out.dcm");
        new DicomWriter().write(target, original.fileMeta(), original.dataset(), TransferSyntax.EXPLICIT_VR_LE);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.toList()).containsExactly(target); // no temporary file left behind
        }
        DicomFile back = new DicomReader(ReadOptions.everythingInMemory()).read(target);
        DicomFile inMemory = new DicomReader(ReadOptions.everythingInMemory()).read(src);
        assertSameContent(inMemory.dataset(), back.dataset(), "");
    }

    /** Values must match after removing the even-length padding the writer adds. */
    static void assertSameContent(DicomDataset a, DicomDataset b, String path) throws Exception {
        List<Integer> ta = a.elements().stream().map(DicomElement::tag).toList();
        List<Integer> tb = b.elements().stream().map(DicomElement::tag).toList();
        assertThat(tb).as("tags at %s", path).isEqualTo(ta);
        for (DicomElement ea : a.elements()) {
            DicomElement eb = b.get(ea.tag()).orElseThrow();
            String where = path + TagFormat.toString(ea.tag());
            if (!(ea.vr() != Vr.UN && eb.vr() == Vr.UN)) {
                assertThat(eb.vr()).as("VR of %s", where).isEqualTo(ea.vr());
            }
            switch (ea) {
                case ValueElement va -> assertThat(unpad(((ValueElement) eb).bytes(), eb.vr()))
                        .as("value of %s", where).isEqualTo(unpad(va.bytes(), ea.vr()));
                case SequenceElement sa -> {
                    SequenceElement sb = (SequenceElement) eb;
                    assertThat(sb.items()).as("items of %s", where).hasSameSizeAs(sa.items());
                    for (int i = 0; i < sa.items().size(); i++) {
                        assertSameContent(sa.items().get(i), sb.items().get(i), where + "/" + i + "/");
                    }
                }
                case FragmentsElement fa -> {
                    FragmentsElement fb = (FragmentsElement) eb;
                    assertThat(fb.fragments()).hasSameSizeAs(fa.fragments());
                    assertThat(unpad(fb.basicOffsetTable().bytes(), Vr.OB)).isEqualTo(unpad(fa.basicOffsetTable().bytes(), Vr.OB));
                    for (int i = 0; i < fa.fragments().size(); i++) {
                        BinaryValue x = fa.fragments().get(i), y = fb.fragments().get(i);
                        assertThat(unpad(y.bytes(), Vr.OB)).as("fragment %d of %s", i, where).isEqualTo(unpad(x.bytes(), Vr.OB));
                    }
                }
                default -> throw new AssertionError("unexpected element kind at " + where + ": " + ea);
            }
        }
    }

    private static byte[] unpad(byte[] v, Vr vr) {
        if ((v.length & 1) == 0 && v.length > 0 && (v[v.length - 1] == 0 || (vr.isText() && v[v.length - 1] == ' '))) {
            return Arrays.copyOf(v, v.length - 1);
        }
        return v;
    }
}
