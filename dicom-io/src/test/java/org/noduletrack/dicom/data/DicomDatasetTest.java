package org.noduletrack.dicom.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.noduletrack.dicom.charset.SpecificCharacterSet;
import org.noduletrack.dicom.codec.ModalityLut;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.dicom.testing.SharedData;

class DicomDatasetTest {
    @Test
    void privateElementsResolveThroughTheirCreator() throws Exception {
        DicomDataset ds = new DicomReader(ReadOptions.headerOnly())
                .read(SharedData.file("dicomparser-testimages/CT1_UNC.explicit_little_endian.dcm")).dataset();
        // GE's (0043,xx4E) "DurationOfXrayOn" lives in the block reserved by creator "GEMS_PARM_01" (dcmdump: 10.6006098).
        int tag = ds.privateTag(0x0043, "GEMS_PARM_01", 0x4E).orElseThrow();
        assertThat(tag).isEqualTo(0x0043104E);
        assertThat(ds.doubles(tag)[0]).isCloseTo(10.6006098, org.assertj.core.api.Assertions.within(1e-5));
        assertThat(ds.privateTag(0x0043, "NO SUCH CREATOR", 0x4E)).isEmpty();
    }

    @Test
    void elementsStayInUnsignedTagOrder() {
        DicomDataset ds = new DatasetBuilder(SpecificCharacterSet.DEFAULT)
                .putBytes(Tags.DataSetTrailingPadding, Vr.OB, new byte[2])
                .putString(Tags.PatientID, Vr.LO, "X")
                .putBytes(Tags.PixelData, Vr.OW, new byte[2])
                .putString(Tags.SpecificCharacterSet, Vr.CS, "ISO_IR 100").build();
        assertThat(ds.elements()).extracting(DicomElement::tag).containsExactly(Tags.SpecificCharacterSet, Tags.PatientID,
                Tags.PixelData, Tags.DataSetTrailingPadding);
        assertThat(ds.contains(Tags.DataSetTrailingPadding)).isTrue();
    }

    @Test
    void textAccessorsSplitAndTrim() {
        DicomDataset ds = new DatasetBuilder(SpecificCharacterSet.DEFAULT)
                .putString(Tags.ImageOrientationPatient, Vr.DS, " 1", "0 ", "0", "0", "1", "-0.0")
                .putString(Tags.PatientID, Vr.LO, "ID 7").build();
        assertThat(ds.doubles(Tags.ImageOrientationPatient)).containsExactly(1, 0, 0, 0, 1, -0.0);
        assertThat(ds.string(Tags.PatientID)).contains("ID 7");
    }

    @Test
    void builderRefusesTextTheCharacterSetCannotHold() {
        DatasetBuilder b = new DatasetBuilder(SpecificCharacterSet.DEFAULT).putString(Tags.SpecificCharacterSet, Vr.CS, "ISO_IR 100");
        assertThatThrownBy(() -> b.putString(Tags.PatientName, Vr.PN, "王^小東")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ISO_IR 192");
        DicomDataset utf8 = new DatasetBuilder(SpecificCharacterSet.DEFAULT).putString(Tags.SpecificCharacterSet, Vr.CS, "ISO_IR 192")
                .putString(Tags.PatientName, Vr.PN, "Wang^XiaoDong=王^小東").build();
        assertThat(utf8.string(Tags.PatientName)).contains("Wang^XiaoDong=王^小東");
    }

    @Test
    void lidcRescaleGivesHounsfieldUnits() throws Exception {
        DicomDataset ds = new DicomReader(ReadOptions.headerOnly()).read(SharedData.allDicomFiles().stream()
                .filter(p -> p.toString().contains("lidc-idri")).findFirst().orElseThrow()).dataset();
        ModalityLut lut = ModalityLut.of(ds);
        assertThat(lut.slope()).isEqualTo(1); // the shared data README: slope 1, intercept -1024
        assertThat(lut.intercept()).isEqualTo(-1024);
        assertThat(lut.apply(1024)).isEqualTo(0);
    }

    @Test
    void generatedUidsAreValidAndUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String uid = UidGenerator.newUid();
            assertThat(uid).startsWith("2.25.").hasSizeLessThanOrEqualTo(64).matches("[0-9.]+").doesNotContain("..");
            assertThat(uid.substring(5)).doesNotStartWith("0");
            assertThat(seen.add(uid)).isTrue();
        }
        assertThat(UidGenerator.fromName("x")).isEqualTo(UidGenerator.fromName("x")).isNotEqualTo(UidGenerator.fromName("y"));
    }
}
