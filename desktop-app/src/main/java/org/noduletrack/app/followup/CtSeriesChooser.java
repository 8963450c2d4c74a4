package org.noduletrack.app.followup;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.noduletrack.archive.index.GeometrySummary;
import org.noduletrack.archive.index.SeriesRecord;

/**
 * Picks the series of a study to measure nodules on: CT only, at least {@value #MIN_SLICES} slices, axial before other
 * orientations, then the most slices (coverage at the finest spacing), then the thinnest slices, then series number.
 */
public final class CtSeriesChooser {
    static final int MIN_SLICES = 10;

    public Optional<SeriesRecord> choose(List<SeriesRecord> seriesOfStudy) {
        return seriesOfStudy.stream()
                .filter(s -> s.modality().equalsIgnoreCase("CT") && s.instances() >= MIN_SLICES)
                .min(Comparator.comparing((SeriesRecord s) -> !isAxial(s.geometry()))
                        .thenComparing(Comparator.comparingInt(SeriesRecord::instances).reversed())
                        .thenComparingDouble(s -> thickness(s.geometry()))
                        .thenComparingInt(s -> s.number().orElse(Integer.MAX_VALUE)));
    }

    static double thickness(GeometrySummary g) {
        return Double.isNaN(g.sliceThicknessMm()) || g.sliceThicknessMm() <= 0 ? Double.MAX_VALUE : g.sliceThicknessMm();
    }

    /** Slice normal within about 10° of the patient's head-foot axis (unknown orientation counts as not axial). */
    static boolean isAxial(GeometrySummary g) {
        String[] p = g.orientation().split("\\\\");
        if (p.length != 6) {
            return false;
        }
        try {
            double[] v = new double[6];
            for (int i = 0; i < 6; i++) {
                v[i] = Double.parseDouble(p[i].strip());
            }
            double nx = v[1] * v[5] - v[2] * v[4], ny = v[2] * v[3] - v[0] * v[5], nz = v[0] * v[4] - v[1] * v[3];
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
            return len > 0 && Math.abs(nz) / len > Math.cos(Math.toRadians(10));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
