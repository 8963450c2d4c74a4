package org.noduletrack.nodule.measurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Caliper diameters at voxel edges against plane and solid geometry. */
class CaliperDiametersTest {
    private static double[][] pixels(int w, int h, double px, double py) {
        List<double[]> pts = new ArrayList<>();
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) pts.add(new double[] {x * px, y * py});
        return new double[][] {pts.stream().mapToDouble(q -> q[0]).toArray(), pts.stream().mapToDouble(q -> q[1]).toArray()};
    }

    @Test
    void singlePixelSpansItsDiagonal() {
        var a = CaliperDiameters.axial(new double[] {3}, new double[] {7}, 0.7, 0.7);
        assertThat(a.longAxisMm()).isCloseTo(0.7 * Math.sqrt(2), within(1e-9));
        assertThat(a.shortAxisMm()).isCloseTo(0.7 * Math.sqrt(2), within(1e-9)); // the other diagonal
    }

    @Test
    void rectangleOfPixelsIsMeasuredEdgeToEdge() {
        // 10 × 4 pixels of 0.5 × 0.5 mm: a 5 × 2 mm rectangle; its Feret diameter is the diagonal, the width
        // perpendicular to the diagonal is twice the area over the diagonal
        double[][] p = pixels(10, 4, 0.5, 0.5);
        var a = CaliperDiameters.axial(p[0], p[1], 0.5, 0.5);
        double diag = Math.hypot(5, 2);
        assertThat(a.longAxisMm()).isCloseTo(diag, within(1e-6));
        assertThat(a.shortAxisMm()).isCloseTo(2 * 5 * 2 / diag, within(1e-6));
    }

    @Test
    void digitisedDiscMeasuresItsDiameter() {
        // a disc of 20 mm on 0.25 mm pixels: pixels whose centre lies inside; edge-to-edge within a pixel of 20 mm
        double r = 10, s = 0.25;
        List<double[]> pts = new ArrayList<>();
        for (int y = -50; y <= 50; y++) for (int x = -50; x <= 50; x++) if (Math.hypot(x * s, y * s) <= r) pts.add(new double[] {x * s, y * s});
        var a = CaliperDiameters.axial(pts.stream().mapToDouble(q -> q[0]).toArray(), pts.stream().mapToDouble(q -> q[1]).toArray(), s, s);
        assertThat(a.longAxisMm()).isBetween(20.0, 20.0 + s * Math.sqrt(2));
        assertThat(a.shortAxisMm()).isBetween(20.0 - s, a.longAxisMm());
    }

    @Test
    void boxOfVoxelsIsMeasuredFaceToFace() {
        // 6 × 4 × 3 voxels of 0.5 × 0.5 × 2 mm: a 3 × 2 × 6 mm box; along the centres' diagonal (2.5, 1.5, 4) the width is
        // the diagonal plus one voxel's inscribed-ellipsoid extent in that direction
        List<double[]> pts = new ArrayList<>();
        for (int z = 0; z < 3; z++) for (int y = 0; y < 4; y++) for (int x = 0; x < 6; x++) pts.add(new double[] {x * 0.5, y * 0.5, z * 2.0});
        double d = CaliperDiameters.max3d(pts.stream().mapToDouble(q -> q[0]).toArray(), pts.stream().mapToDouble(q -> q[1]).toArray(),
                pts.stream().mapToDouble(q -> q[2]).toArray(), 0.5, 0.5, 2);
        double len = Math.sqrt(2.5 * 2.5 + 1.5 * 1.5 + 4 * 4);
        double ux = 2.5 / len, uy = 1.5 / len, uz = 4 / len;
        double diagonalWidth = len + Math.sqrt(ux * ux * 0.25 + uy * uy * 0.25 + uz * uz * 4);
        assertThat(d).isGreaterThanOrEqualTo(diagonalWidth - 1e-9).isLessThan(Math.sqrt(3 * 3 + 2 * 2 + 6 * 6));
        // along z alone: face to face, 6 mm
        double[] zs = {0, 2, 4};
        assertThat(CaliperDiameters.max3d(new double[3], new double[3], zs, 0.5, 0.5, 2)).isCloseTo(6, within(1e-6));
    }
}
