package org.noduletrack.nodule.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MorphologyTest {
    @Test
    void distanceTransformMatchesBruteForceOnAnisotropicGrid() {
        int nx = 9, ny = 7, nz = 5;
        double sx = 0.7, sy = 0.7, sz = 2.5;
        boolean[] m = new boolean[nx * ny * nz];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < m.length; i++) m[i] = r.nextInt(20) == 0;
        float[] d = Morphology.squaredDistance(m, nx, ny, nz, sx, sy, sz);
        for (int p = 0; p < m.length; p++) {
            double best = Double.POSITIVE_INFINITY;
            for (int q = 0; q < m.length; q++) {
                if (!m[q]) continue;
                double dx = (p % nx - q % nx) * sx, dy = ((p / nx) % ny - (q / nx) % ny) * sy, dz = (p / (nx * ny) - q / (nx * ny)) * sz;
                best = Math.min(best, dx * dx + dy * dy + dz * dz);
            }
            assertThat((double) d[p]).isCloseTo(best, within(1e-3));
        }
    }

    @Test
    void openingRemovesThinLineKeepsBall() {
        int n = 21;
        boolean[] m = new boolean[n * n * n];
        for (int z = 0; z < n; z++)
            for (int y = 0; y < n; y++)
                for (int x = 0; x < n; x++) {
                    boolean ball = (x - 10) * (x - 10) + (y - 10) * (y - 10) + (z - 10) * (z - 10) <= 25;
                    boolean line = y == 10 && z == 10;
                    m[(z * n + y) * n + x] = ball || line;
                }
        boolean[] o = Morphology.open(m, n, n, n, 1, 1, 1, 2);
        assertThat(o[(10 * n + 10) * n + 10]).isTrue();
        assertThat(o[(10 * n + 10) * n + 1]).isFalse();
        assertThat(Morphology.count(Morphology.component(o, n, n, n, (10 * n + 10) * n + 10))).isGreaterThan(400);
    }
}
