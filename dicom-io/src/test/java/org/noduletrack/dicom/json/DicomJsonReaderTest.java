package org.noduletrack.dicom.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.DicomElement;
import org.noduletrack.dicom.data.SequenceElement;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomParseException;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.dicom.testing.SharedData;

class DicomJsonReaderTest {
    private final DicomJsonReader reader = new DicomJsonReader();

    @Test
    void readsWhatTheWriterWroteForARealCtHeader() throws Exception {
        Path f = SharedData.allDicomFiles().stream().filter(p -> p.toString().contains("lidc-idri-0001")).findFirst()
                .orElseThrow();
        DicomDataset original = new DicomReader(ReadOptions.headerOnly()).read(f).dataset();
        DicomDataset back = reader.read(new DicomJsonWriter().toJson(original));
        int compared = 0;
        for (DicomElement e : original.elements()) {
            if (e.tag() == Tags.SpecificCharacterSet || e instanceof SequenceElement || !e.vr().isText()
                    && e.vr().swapUnit() != 2 && e.vr().swapUnit() != 4) {
                continue;
            }
            if (e.vr().isText()) {
                assertThat(back.strings(e.tag())).as("%08X", e.tag()).containsExactly(trimmed(original.strings(e.tag()), e));
            } else {
                assertThat(back.longs(e.tag())).as("%08X", e.tag()).containsExactly(original.longs(e.tag()));
            }
            compared++;
        }
        assertThat(compared).isGreaterThan(40);
        assertThat(back.string(Tags.PatientID)).contains("LIDC-IDRI-0001");
        assertThat(back.ints(Tags.Rows)).containsExactly(512);
    }

    /** IS/DS come back in canonical number form ("-1024.0" stays, "+5" becomes "5"). */
    private static String[] trimmed(String[] values, DicomElement e) {
        if (e.vr() != org.noduletrack.dicom.data.Vr.IS && e.vr() != org.noduletrack.dicom.data.Vr.DS) {
            return values;
        }
        return java.util.Arrays.stream(values).map(v -> v.isEmpty() ? "" : new java.math.BigDecimal(v).toString())
                .toArray(String[]::new);
    }

    @Test
    void qidoAnswerWithPersonNameGroupsSequencesAndNumbers() throws Exception {
        String json = """
                [{"00080005":{"vr":"CS","Value":["ISO_IR 100"]},
                  "00100010":{"vr":"PN","Value":[{"Alphabetic":"Yamada^Tarou","Ideographic":"山田^太郎"}]},
                  "00201208":{"vr":"IS","Value":[133]},
                  "00280030":{"vr":"DS","Value":[0.703125,0.703125]},
                  "00280010":{"vr":"US","Value":[512]},
                  "00081199":{"vr":"SQ","Value":[{"00081155":{"vr":"UI","Value":["1.2.3"]}}]},
                  "00080061":{"vr":"CS","Value":["CT","SEG"]},
                  "00080030":{"vr":"TM"},
                  "7FE00010":{"vr":"OW","BulkDataURI":"http://x/bulk"}}]""";
        List<DicomDataset> l = reader.readArray(json);
        assertThat(l).hasSize(1);
        DicomDataset d = l.getFirst();
        assertThat(d.string(Tags.PatientName)).contains("Yamada^Tarou=山田^太郎");
        assertThat(d.string(Tags.NumberOfStudyRelatedInstances)).contains("133");
        assertThat(d.doubles(Tags.PixelSpacing)).containsExactly(0.703125, 0.703125);
        assertThat(d.ints(Tags.Rows)).containsExactly(512);
        assertThat(d.strings(Tags.ModalitiesInStudy)).containsExactly("CT", "SEG");
        assertThat(d.sequence(Tags.ReferencedSOPSequence).getFirst().string(Tags.ReferencedSOPInstanceUID)).contains("1.2.3");
        assertThat(d.contains(Tags.StudyTime)).isTrue();
        assertThat(d.string(Tags.StudyTime)).isEmpty();
    }

    @Test
    void emptyBodyIsNoResultsAndMalformedJsonNamesTheProblem() throws Exception {
        assertThat(reader.readArray("  ")).isEmpty();
        assertThat(reader.readArray("[]")).isEmpty();
        assertThatThrownBy(() -> reader.readArray("[{\"00100010\":{\"vr\":\"PN\",\"Value\":[")).isInstanceOf(DicomParseException.class)
                .hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> reader.readArray("[{\"0010001\":{\"vr\":\"PN\"}}]")).hasMessageContaining("8 hex digits");
        assertThatThrownBy(() -> reader.readArray("[{\"00100010\":{\"vr\":\"XX\"}}]")).hasMessageContaining("unknown vr");
        assertThatThrownBy(() -> reader.readArray("[".repeat(100_000))).hasMessageContaining("nested deeper");
    }
}
