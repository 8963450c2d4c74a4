package org.noduletrack.dicom.geom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.noduletrack.dicom.data.DatasetBuilder;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.dicom.testing.SharedData;

class SliceGeometryTest {
    @Test
    void lidcSlicesAreTwoPointFiveMillimetresApartAlongTheNormal() throws Exception {
        Path series;
        try (Stream<Path> s = Files.walk(SharedData.file("lidc-idri-0001"))) {
            series = s.filter(p -> p.toString().endsWith(".dcm")).findFirst().orElseThrow().getParent();
        }
        List<SliceGeometry> slices = new ArrayList<>();
        try (Stream<Path> s = Files.list(series)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".dcm")).toList()) {
                DicomDataset ds = new DicomReader(ReadOptions.headerOnly()).read(p).dataset();
                slices.add(SliceGeometry.of(ds).orElseThrow());
            }
        }
        assertThat(slices).hasSize(133); // the shared data README: 133 axial slices
        slices.sort(Comparator.comparingDouble(SliceGeometry::positionAlongNormal));
        for (int i = 1; i < slices.size(); i++) {
            double gap = slices.get(i).positionAlongNormal() - slices.get(i - 1).positionAlongNormal();
            assertThat(gap).isCloseTo(2.5, within(1e-3));
        }
        SliceGeometry g = slices.get(0);
        assertThat(g.normal().z()).isCloseTo(1, within(1e-6)); // axial: row × column = +z (head)
        assertThat(g.rows()).isEqualTo(512);
    }

    @Test
    void pixelToLpsFollowsTheStandardsFormula() {
        // Coronal image: rows run along +x (left), columns down -z (feet); spacing 0.5 (rows) x 0.8 (columns).
        DicomDataset ds = new DatasetBuilder(org.noduletrack.dicom.charset.SpecificCharacterSet.DEFAULT)
                .putString(Tags.ImagePositionPatient, Vr.DS, "-100", "20", "50")
                .putString(Tags.ImageOrientationPatient, Vr.DS, "1", "0", "0", "0", "0", "-1")
                .putString(Tags.PixelSpacing, Vr.DS, "0.5", "0.8")
                .putInts(Tags.Rows, Vr.US, 10).putInts(Tags.Columns, Vr.US, 20).build();
        SliceGeometry g = SliceGeometry.of(ds).orElseThrow();
        Vec3 p = g.pixelToLps(3, 2); // column 3, row 2
        assertThat(p.x()).isCloseTo(-100 + 3 * 0.8, within(1e-9));
        assertThat(p.y()).isCloseTo(20, within(1e-9));
        assertThat(p.z()).isCloseTo(50 - 2 * 0.5, within(1e-9));
        assertThat(g.normal().distanceTo(new Vec3(0, 1, 0))).isLessThan(1e-12); // x × -z = +y
    }

    @Test
    void nonOrthogonalOrientationIsRejected() {
        DicomDataset ds = new DatasetBuilder(org.noduletrack.dicom.charset.SpecificCharacterSet.DEFAULT)
                .putString(Tags.ImagePositionPatient, Vr.DS, "0", "0", "0")
                .putString(Tags.ImageOrientationPatient, Vr.DS, "1", "0", "0", "0.5", "0.5", "0")
                .putString(Tags.PixelSpacing, Vr.DS, "1", "1")
                .putInts(Tags.Rows, Vr.US, 10).putInts(Tags.Columns, Vr.US, 10).build();
        assertThat(SliceGeometry.of(ds)).isEmpty();
    }
}
