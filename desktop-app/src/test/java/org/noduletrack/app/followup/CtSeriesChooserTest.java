package org.noduletrack.app.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.noduletrack.archive.PatientKey;
import org.noduletrack.archive.SeriesUid;
import org.noduletrack.archive.StudyUid;
import org.noduletrack.archive.index.GeometrySummary;
import org.noduletrack.archive.index.SeriesRecord;

class CtSeriesChooserTest {
    static final String AXIAL = "1\\0\\0\\0\\1\\0", CORONAL = "1\\0\\0\\0\\0\\-1";

    static SeriesRecord series(String uid, String modality, int number, String orientation, double thickness, int slices) {
        return new SeriesRecord(new SeriesUid(uid), new StudyUid("1.2"), new PatientKey(1), "P", modality, OptionalInt.of(number),
                "20200101", "", "", "CHEST", "1.2.3", new GeometrySummary(512, 512, 0.7, 0.7, thickness, orientation, 0, 300),
                slices);
    }

    @Test
    void picksTheAxialCtWithMostSlicesThenTheThinnest() {
        CtSeriesChooser c = new CtSeriesChooser();
        SeriesRecord scout = series("scout", "CT", 1, AXIAL, 1, 2);
        SeriesRecord thick = series("thick", "CT", 2, AXIAL, 5, 60);
        SeriesRecord thin = series("thin", "CT", 3, AXIAL, 1.25, 240);
        SeriesRecord thinner = series("thinner", "CT", 5, AXIAL, 0.625, 240);
        SeriesRecord coronal = series("coronal", "CT", 4, CORONAL, 1, 400);
        SeriesRecord pet = series("pet", "PT", 6, AXIAL, 3, 500);
        assertThat(c.choose(List.of(scout, thick, thin, coronal, pet)).orElseThrow().uid().value()).isEqualTo("thin");
        assertThat(c.choose(List.of(thick, thin, thinner)).orElseThrow().uid().value()).isEqualTo("thinner");
        assertThat(c.choose(List.of(coronal, scout)).orElseThrow().uid().value()).isEqualTo("coronal");
        assertThat(c.choose(List.of(scout, pet))).isEmpty();
        // an oblique stack within 10 degrees of axial still counts as axial
        double a = Math.toRadians(8);
        String tilted = "1\\0\\0\\0\\" + Math.cos(a) + "\\" + Math.sin(a);
        assertThat(CtSeriesChooser.isAxial(new GeometrySummary(1, 1, 1, 1, 1, tilted, 0, 1))).isTrue();
        assertThat(CtSeriesChooser.isAxial(new GeometrySummary(1, 1, 1, 1, 1, "", 0, 1))).isFalse();
    }
}
