package org.noduletrack.app.cli.nodules;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.measurement.Rounding;
import org.noduletrack.nodule.model.Measurement;

/** Shared pieces of the nodule commands: point parsing, JSON, exit codes. */
public final class CliSupport {
    private CliSupport() {}

    public static final int OK = 0, FAILURE = 1, USAGE = 2, BAD_INPUT = 3;

    /** "x,y,z" in LPS mm. */
    public static Vec3 parsePoint(String s) {
        String[] p = s.split(",");
        if (p.length != 3) {
            throw new IllegalArgumentException("a point is x,y,z in LPS mm, not '" + s + "'");
        }
        try {
            return new Vec3(Double.parseDouble(p[0].strip()), Double.parseDouble(p[1].strip()), Double.parseDouble(p[2].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a point is x,y,z in LPS mm, not '" + s + "'");
        }
    }

    /** Several points separated by ';' (or given as repeated options). */
    public static List<Vec3> parsePoints(List<String> values) {
        List<Vec3> out = new ArrayList<>();
        for (String v : values) {
            for (String s : v.split(";")) {
                if (!s.isBlank()) out.add(parsePoint(s));
            }
        }
        return out;
    }

    public static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    public static List<Double> point(Vec3 p) {
        return List.of(round(p.x(), 2), round(p.y(), 2), round(p.z(), 2));
    }

    /** The measurement as the segment command prints it. */
    public static Map<String, Object> measurementJson(Measurement m) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("volume_mm3", round(m.volumeMm3(), 1));
        r.put("mean_diameter_mm", Rounding.lungRadsMeanMm(m.longAxisMm(), m.shortAxisMm()));
        r.put("mean_diameter_fleischner_mm", Rounding.fleischnerSizeMm(m.longAxisMm(), m.shortAxisMm()));
        r.put("long_axis_mm", Rounding.tenthMm(m.longAxisMm()));
        r.put("short_axis_mm", Rounding.tenthMm(m.shortAxisMm()));
        r.put("max_3d_diameter_mm", Rounding.tenthMm(m.max3dDiameterMm()));
        r.put("volume_equivalent_diameter_mm", Rounding.tenthMm(m.volumeEquivalentDiameterMm()));
        r.put("mean_hu", round(m.meanHu(), 1));
        r.put("sd_hu", round(m.sdHu(), 1));
        r.put("type", m.type().name());
        r.put("solid_part_mean_diameter_mm", Rounding.tenthMm(m.solidMeanDiameterMm()));
        r.put("solid_volume_mm3", round(m.solidVolumeMm3(), 1));
        r.put("centroid", point(m.centroidLps()));
        r.put("axial_slice_index", m.axialSliceK());
        r.put("series_instance_uid", m.series().seriesUid());
        r.put("frame_of_reference_uid", m.series().frameOfReferenceUid());
        return r;
    }

    public static void printJson(PrintWriter out, Object value) throws java.io.IOException {
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
        out.flush();
    }

    public static String fmt(double v) { return String.format(Locale.ROOT, "%.2f", v); }

    /** One-line error on stderr and the exit code for the failure. */
    public static int fail(PrintWriter err, Exception e) {
        String what = e.getMessage() == null ? e.toString() : e.getMessage();
        err.println("error: " + what);
        err.flush();
        if (e instanceof IllegalArgumentException) return USAGE;
        if (e instanceof java.io.IOException) return BAD_INPUT;
        return FAILURE;
    }
}
