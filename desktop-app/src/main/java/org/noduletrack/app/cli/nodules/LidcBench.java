package org.noduletrack.app.cli.nodules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.nodule.reference.LidcComparison;
import org.noduletrack.nodule.reference.LidcReference;

/** The {@code lidc} section of {@code bench nodules}: our segmentation against the LIDC readers' outlines. */
public final class LidcBench {
    private LidcBench() {}

    /** {@code dir}: a folder holding (somewhere below) one LIDC series with its XML, e.g. ../shared/data/lidc-idri-0001. */
    public static Map<String, Object> run(Path dir, int threads) throws Exception {
        Map<String, Object> r = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            r.put("skipped", "no LIDC data at " + dir);
            return r;
        }
        Path series;
        try (Stream<Path> s = Files.walk(dir)) {
            series = s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xml")).sorted()
                    .findFirst().map(Path::getParent).orElse(null);
        }
        if (series == null) {
            r.put("skipped", "no LIDC XML under " + dir);
            return r;
        }
        LidcComparison.Result res = LidcComparison.run(series, threads);
        r.put("series_instance_uid", res.seriesUid());
        r.put("readers", res.readers());
        r.put("convention", "reader volume = pixels strictly inside the outline (outline drawn just outside the nodule)"
                + " x pixel area x slice spacing; long axis = largest in-plane caliper diameter between pixel edges on the"
                + " reader's largest slice (the same CaliperDiameters as ours, on our slice of largest area);"
                + " seed = mean of the readers' centroids");
        List<Map<String, Object>> rows = res.rows().stream().map(LidcBench::row).toList();
        r.put("nodules", rows);
        r.put("nodules_below_3mm_not_measured", res.smallNodules().size());
        return r;
    }

    private static Map<String, Object> row(LidcComparison.Row row) {
        Map<String, Object> m = new LinkedHashMap<>();
        Vec3 s = row.seedLps();
        m.put("seed_lps_mm", List.of(CliSupport.round(s.x(), 1), CliSupport.round(s.y(), 1), CliSupport.round(s.z(), 1)));
        m.put("readers_outlining", row.readerVolumesMm3().length);
        m.put("reader_volume_mm3", minMedMax(row.readerVolumesMm3(), 0));
        m.put("reader_volume_outline_included_mm3", minMedMax(row.readerFilledVolumesMm3(), 0));
        m.put("reader_long_axis_mm", minMedMax(row.readerLargestSliceLongAxesMm(), 1));
        if (row.ours() == null) {
            m.put("error", row.error());
            return m;
        }
        Measurement ours = row.ours().measurement();
        m.put("volume_mm3", CliSupport.round(ours.volumeMm3(), 0));
        m.put("volume_vs_reader_median_percent", CliSupport.round(100 * (ours.volumeMm3() / row.medianVolumeMm3() - 1), 1));
        m.put("long_axis_mm", CliSupport.round(ours.longAxisMm(), 1));
        m.put("long_axis_vs_reader_median_percent", CliSupport.round(100 * (ours.longAxisMm()
                / LidcReference.median(row.readerLargestSliceLongAxesMm()) - 1), 1));
        m.put("short_axis_mm", CliSupport.round(ours.shortAxisMm(), 1));
        m.put("max_3d_diameter_mm", CliSupport.round(ours.max3dDiameterMm(), 1));
        m.put("type", ours.type().name());
        return m;
    }

    private static Map<String, Object> minMedMax(double[] sorted, int digits) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (sorted.length == 0) return m;
        m.put("min", CliSupport.round(sorted[0], digits));
        m.put("median", CliSupport.round(LidcReference.median(sorted), digits));
        m.put("max", CliSupport.round(sorted[sorted.length - 1], digits));
        m.put("all", Arrays.stream(sorted).map(v -> CliSupport.round(v, digits)).boxed().toList());
        return m;
    }
}
