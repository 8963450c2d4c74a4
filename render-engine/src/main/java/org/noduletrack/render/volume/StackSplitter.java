package org.noduletrack.render.volume;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.noduletrack.dicom.geom.SliceGeometry;
import org.noduletrack.dicom.geom.Vec3;

/**
 * Groups slices into stacks: by series, then by orientation (to 1e-3), matrix size and pixel spacing (to 1e-3 mm).
 * Localizers never join a stack. Pure function of its input.
 */
final class StackSplitter {
    private StackSplitter() {}

    private record Key(int rows, int columns, long r0, long r1, long r2, long c0, long c1, long c2, long sr, long sc) {
        static Key of(SliceGeometry g) {
            return new Key(g.rows(), g.columns(), q(g.rowDirection().x()), q(g.rowDirection().y()), q(g.rowDirection().z()),
                    q(g.columnDirection().x()), q(g.columnDirection().y()), q(g.columnDirection().z()), q(g.rowSpacingMm()),
                    q(g.columnSpacingMm()));
        }

        private static long q(double v) { return Math.round(v * 1000); }
    }

    static List<SliceStack> split(List<SourceSlice> slices) {
        Map<String, List<SourceSlice>> bySeries = new LinkedHashMap<>();
        for (SourceSlice s : slices) {
            bySeries.computeIfAbsent(s.seriesUid(), u -> new ArrayList<>()).add(s);
        }
        List<SliceStack> out = new ArrayList<>();
        for (Map.Entry<String, List<SourceSlice>> e : bySeries.entrySet()) {
            int localizers = 0;
            Map<Key, List<SourceSlice>> byKey = new LinkedHashMap<>();
            for (SourceSlice s : e.getValue()) {
                if (s.localizer()) {
                    localizers++;
                } else {
                    byKey.computeIfAbsent(Key.of(s.geometry()), k -> new ArrayList<>()).add(s);
                }
            }
            List<AssemblyIssue> issues = new ArrayList<>();
            if (localizers > 0) {
                issues.add(new AssemblyIssue.LocalizersExcluded(localizers));
            }
            for (List<SourceSlice> group : byKey.values()) {
                SourceSlice first = group.get(0);
                String label = String.format(Locale.ROOT, "%s %dx%d %s, %d images", first.modality(), first.geometry().columns(),
                        first.geometry().rows(), orientationName(first.geometry().normal()), group.size());
                List<AssemblyIssue> stackIssues = new ArrayList<>(issues);
                if (byKey.size() > 1) {
                    stackIssues.add(new AssemblyIssue.SeriesSplit(byKey.size(), label));
                }
                out.add(new SliceStack(e.getKey(), first.modality(), label, group, stackIssues));
            }
        }
        return out;
    }

    /** axial, coronal or sagittal when the normal is within ~18° of an axis, else oblique. */
    static String orientationName(Vec3 normal) {
        double x = Math.abs(normal.x()), y = Math.abs(normal.y()), z = Math.abs(normal.z());
        if (z >= 0.95) {
            return "axial";
        }
        if (y >= 0.95) {
            return "coronal";
        }
        return x >= 0.95 ? "sagittal" : "oblique";
    }
}
