package org.noduletrack.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.noduletrack.app.cli.nodules.CliSupport;
import org.noduletrack.app.cli.nodules.SeriesVolume;
import org.noduletrack.app.cli.nodules.ThreadsOption;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.measurement.LungMap;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.nodule.segmentation.NoduleClick;
import org.noduletrack.nodule.segmentation.NoduleSegmenter;
import org.noduletrack.nodule.segmentation.Segmentation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code noduletrack segment}: segments and measures nodules from seed points. */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = {"Segments the nodule at each seed point (LPS mm) of the CT series under --series and measures it:"
                + " volume, long/short axis on the axial slice of largest extent, mean diameter (0.1 mm, Lung-RADS; whole mm,"
                + " Fleischner), maximal 3D diameter, mean/SD HU, type (SOLID, PART_SOLID, GROUND_GLASS), centroid, location"
                + " (lung side, upper/middle/lower zone, central/peripheral). --threshold re-runs with a user-adjusted boundary."})
public final class SegmentCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--series", required = true, paramLabel = "DIR", description = "folder with the CT series")
    Path series;

    @Option(names = "--seed", required = true, paramLabel = "x,y,z", description = "seed point in LPS mm (repeatable, or ';'-separated)")
    List<String> seeds;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Option(names = "--threshold", paramLabel = "HU", description = "user-adjusted boundary threshold (HU) instead of the automatic one")
    Double threshold;

    @picocli.CommandLine.Mixin
    ThreadsOption threadsOption = new ThreadsOption();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
        try {
            List<Vec3> points = CliSupport.parsePoints(seeds);
            try (SeriesVolume sv = SeriesVolume.load(series, threadsOption.resolve())) {
                NoduleSegmenter seg = new NoduleSegmenter();
                List<Map<String, Object>> results = new ArrayList<>();
                LungMap lungs = null;
                for (Vec3 p : points) {
                    long t0 = System.nanoTime();
                    NoduleClick click = seg.prepare(sv.volume(), sv.ref(), p);
                    Segmentation s = threshold == null ? click.segment() : click.segment(threshold);
                    Measurement m = s.measurement();
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("seed", CliSupport.point(p));
                    r.putAll(CliSupport.measurementJson(m));
                    r.put("threshold_hu", CliSupport.round(s.thresholdHu(), 1));
                    r.put("automatic_threshold_hu", CliSupport.round(click.automaticThresholdHu(), 1));
                    if (lungs == null) lungs = LungMap.of(sv.volume());
                    r.put("location", lungs.locate(m.centroidLps()).map(LungMap.Location::describe).orElse(null));
                    r.put("milliseconds", CliSupport.round((System.nanoTime() - t0) / 1e6, 1));
                    results.add(r);
                }
                if (json) {
                    CliSupport.printJson(out, results.size() == 1 ? results.getFirst() : Map.of("nodules", results));
                } else {
                    for (Map<String, Object> r : results) {
                        out.printf("seed %s: %s, volume %s mm3, mean diameter %s mm (long %s x short %s), max 3D %s mm,"
                                        + " mean %s HU, centroid %s, %s%n", r.get("seed"), r.get("type"), r.get("volume_mm3"),
                                r.get("mean_diameter_mm"), r.get("long_axis_mm"), r.get("short_axis_mm"),
                                r.get("max_3d_diameter_mm"), r.get("mean_hu"), r.get("centroid"), r.get("location"));
                    }
                    out.flush();
                }
            }
            return CliSupport.OK;
        } catch (Exception e) {
            return CliSupport.fail(err, e);
        }
    }
}
