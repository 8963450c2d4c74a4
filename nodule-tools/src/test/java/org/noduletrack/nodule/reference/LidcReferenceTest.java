package org.noduletrack.nodule.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.render.geom.Extent;
import org.noduletrack.render.geom.SpacingMm;
import org.noduletrack.render.volume.VolumeGeometry;

/** LIDC readers' outlines as a reference for our segmentation on real CT (LIDC-IDRI-0001). */
class LidcReferenceTest {

    static Path lidcSeriesDir() throws Exception {
        String prop = System.getProperty("noduletrack.shared.data");
        Path root = prop != null ? Path.of(prop) : Path.of("../../shared/data");
        Path p = root.resolve("lidc-idri-0001");
        Assumptions.assumeTrue(Files.isDirectory(p), "LIDC-IDRI-0001 not found at " + p.toAbsolutePath());
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".xml")).findFirst().orElseThrow().getParent();
        }
    }

    @Test
    void outlinePixelsAreOutsideTheNodule() {
        // the ring of a 5×5 pixel square: 16 outline pixels around a 3×3 nodule
        int[] xs = {0, 1, 2, 3, 4, 4, 4, 4, 4, 3, 2, 1, 0, 0, 0, 0};
        int[] ys = {0, 0, 0, 0, 0, 1, 2, 3, 4, 4, 4, 4, 4, 3, 2, 1};
        var roi = new LidcReadMessage.Roi(0, "1.2", true, xs, ys);
        boolean[] inner = new boolean[100], filled = new boolean[100];
        LidcReference.rasterise(roi, 10, 10, inner, filled, true);
        assertThat(count(inner)).isEqualTo(9);
        assertThat(count(filled)).isEqualTo(25);
        // a hole (inclusion FALSE) cuts away what lies strictly inside its outline: here the centre pixel
        var hole = new LidcReadMessage.Roi(0, "1.2", false, new int[] {1, 2, 3, 3, 3, 2, 1, 1}, new int[] {1, 1, 1, 2, 3, 3, 3, 2});
        LidcReference.rasterise(hole, 10, 10, inner, filled, false);
        assertThat(count(inner)).isEqualTo(8);
        assertThat(count(filled)).isEqualTo(24);
    }

    @Test
    void volumeIsPlanimetryAndMarksGroupByCentroid() throws Exception {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <LidcReadMessage xmlns="http://www.nih.gov"><ResponseHeader><SeriesInstanceUid>1.2.3</SeriesInstanceUid></ResponseHeader>
                <readingSession><servicingRadiologistID>A</servicingRadiologistID>
                  <unblindedReadNodule><noduleID>n1</noduleID><characteristics><malignancy>3</malignancy></characteristics>
                    %s %s
                  </unblindedReadNodule>
                  <unblindedReadNodule><noduleID>p</noduleID><roi><imageZposition>5</imageZposition><imageSOP_UID>s2</imageSOP_UID>
                    <inclusion>TRUE</inclusion><edgeMap><xCoord>40</xCoord><yCoord>40</yCoord></edgeMap></roi></unblindedReadNodule>
                  <nonNodule><nonNoduleID>x</nonNoduleID></nonNodule>
                </readingSession>
                <readingSession><servicingRadiologistID>B</servicingRadiologistID>
                  <unblindedReadNodule><noduleID>m</noduleID>%s</unblindedReadNodule>
                </readingSession></LidcReadMessage>
                """.formatted(square("s1", 2.5, 10, 10, 6), square("s2", 5, 10, 10, 6), square("s2", 5, 11, 10, 6));
        LidcReadMessage msg = LidcReadMessage.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(msg.seriesInstanceUid()).isEqualTo("1.2.3");
        assertThat(msg.sessions()).hasSize(2);
        assertThat(msg.sessions().getFirst().nodules()).hasSize(2);
        assertThat(msg.sessions().getFirst().nodules().getFirst().characteristics()).containsEntry("malignancy", 3);
        assertThat(msg.sessions().getFirst().nodules().get(1).small()).isTrue();

        VolumeGeometry g = new VolumeGeometry(new Extent(64, 64, 4), new SpacingMm(0.5, 0.5, 2.5), new Vec3(0, 0, 0),
                new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));
        List<LidcReference.ReaderVolume> marks = LidcReference.measure(msg, g, r -> r.sopInstanceUid().equals("s1") ? 1 : 2, 2.5);
        LidcReference.ReaderVolume a = marks.stream().filter(m -> m.noduleId().equals("n1")).findFirst().orElseThrow();
        // two slices of a 6-pixel outline square: 4×4 inner pixels of 0.25 mm² each, × 2.5 mm
        assertThat(a.volumeMm3()).isEqualTo(2 * 16 * 0.25 * 2.5);
        assertThat(a.filledVolumeMm3()).isEqualTo(2 * 36 * 0.25 * 2.5);
        assertThat(a.slices()).isEqualTo(2);
        // 4×4 inner pixels of 0.5 mm: a 2 mm square edge to edge, its diagonal
        assertThat(a.longAxisMm()).isCloseTo(Math.hypot(2, 2), org.assertj.core.api.Assertions.within(1e-6));
        List<LidcReference.NoduleGroup> groups = LidcReference.group(marks, 10);
        assertThat(groups).hasSize(2); // n1 with B's m; A's point mark alone (same reader as n1, 15 mm away)
        assertThat(groups.stream().filter(x -> !x.small()).findFirst().orElseThrow().marks()).hasSize(2);
    }

    private static String square(String sop, double z, int x0, int y0, int size) {
        StringBuilder b = new StringBuilder("<roi><imageZposition>" + z + "</imageZposition><imageSOP_UID>" + sop
                + "</imageSOP_UID><inclusion>TRUE</inclusion>");
        int s = size - 1;
        for (int i = 0; i < 4 * s; i++) {
            int side = i / s, t = i % s;
            int x = switch (side) { case 0 -> x0 + t; case 1 -> x0 + s; case 2 -> x0 + s - t; default -> x0; };
            int y = switch (side) { case 0 -> y0; case 1 -> y0 + t; case 2 -> y0 + s; default -> y0 + s - t; };
            b.append("<edgeMap><xCoord>").append(x).append("</xCoord><yCoord>").append(y).append("</yCoord></edgeMap>");
        }
        return b.append("</roi>").toString();
    }

    private static int count(boolean[] m) {
        int c = 0;
        for (boolean b : m) if (b) c++;
        return c;
    }

    /**
     * LIDC-IDRI-0001: one nodule ≥ 3 mm outlined by all four readers. Tolerance from the readers' own spread: our volume
     * must lie in [min / 1.3, max × 1.3] of the readers' volumes (LIDC convention), our long axis in the readers' long
     * axis range widened by 30 % the same way. The readers' spread itself is printed.
     */
    @Test
    void segmentationAgreesWithTheLidcReaders() throws Exception {
        LidcComparison.Result r = LidcComparison.run(lidcSeriesDir(), 4);
        assertThat(r.readers()).isEqualTo(4);
        assertThat(r.rows()).isNotEmpty();
        for (LidcComparison.Row row : r.rows()) {
            double[] v = row.readerVolumesMm3(), f = row.readerFilledVolumesMm3(), la = row.readerLongAxesMm();
            double[] ls = row.readerLargestSliceLongAxesMm();
            String what = String.format(Locale.ROOT,
                    "LIDC nodule at %s, %d readers: volume min/median/max %.0f/%.0f/%.0f mm3 (outline included %.0f/%.0f/%.0f),"
                            + " long axis %.1f/%.1f/%.1f mm (on the largest slice %.1f/%.1f/%.1f mm)",
                    row.seedLps(), v.length, v[0], row.medianVolumeMm3(), v[v.length - 1], f[0], LidcReference.median(f),
                    f[f.length - 1], la[0], row.medianLongAxisMm(), la[la.length - 1], ls[0], LidcReference.median(ls), ls[ls.length - 1]);
            assertThat(row.ours()).as(what + ": " + row.error()).isNotNull();
            Measurement m = row.ours().measurement();
            System.out.println(what + String.format(Locale.ROOT, "; ours %.0f mm3 (%+.1f%% vs median), long axis %.1f mm, max 3D %.1f mm, %s",
                    m.volumeMm3(), 100 * (m.volumeMm3() / row.medianVolumeMm3() - 1), m.longAxisMm(), m.max3dDiameterMm(), m.type()));
            System.out.println("  readers: " + Arrays.toString(row.marks().stream().map(x -> String.format(Locale.ROOT,
                    "%s %.0f mm3 %.1f mm %d slices", x.readerId(), x.volumeMm3(), x.longAxisMm(), x.slices())).toArray()));
            if (v.length < 2) continue; // a single reader gives no spread to judge by
            assertThat(m.volumeMm3()).as(what).isBetween(v[0] / 1.3, v[v.length - 1] * 1.3);
            // our long axis is on the slice of largest area: compare with the readers' on theirs
            assertThat(m.longAxisMm()).as(what).isBetween(ls[0] / 1.3, ls[ls.length - 1] * 1.3);
            assertThat(m.centroidLps().distanceTo(row.seedLps())).as(what).isLessThan(5);
        }
        System.out.println("LIDC nodules < 3 mm (point marks, not measured): " + r.smallNodules().size());
    }
}
