package org.noduletrack.render.volume;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.noduletrack.dicom.codec.ModalityLut;
import org.noduletrack.dicom.geom.SliceGeometry;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.RenderException;
import org.noduletrack.render.geom.Extent;
import org.noduletrack.render.geom.SpacingMm;

/**
 * Turns a stack's headers into an {@link AssemblyPlan}. Slices are sorted by Image Position projected on the slice
 * normal; the output grid is orthogonal (k along the normal) with uniform spacing. Detects and handles duplicated
 * positions (dropped), irregular spacing and gaps (linear resampling to the typical spacing, gaps flagged) and gantry
 * tilt (each slice shifted in-plane so the grid becomes orthogonal, as dcm2niix and Weasis do). Pure: reads no pixels.
 */
final class AssemblyPlanner {
    /** Positions closer than this along the normal are the same position. */
    static final double DUPLICATE_MM = 0.01;
    /** A spacing above this multiple of the typical one is a gap. */
    static final double GAP_FACTOR = 1.5;

    private AssemblyPlanner() {}

    static AssemblyPlan plan(SliceStack stack) throws RenderException {
        List<AssemblyIssue> issues = new ArrayList<>(stack.scanIssues());
        SliceGeometry g0 = stack.slices().get(0).geometry();
        Vec3 r = g0.rowDirection(), c = g0.columnDirection(), n = g0.normal();
        double dx = g0.columnSpacingMm(), dy = g0.rowSpacingMm();

        // 1. sort by position along the normal (Instance Number only breaks ties), drop duplicates
        List<SourceSlice> sorted = new ArrayList<>(stack.slices());
        sorted.sort(Comparator.comparingDouble((SourceSlice s) -> s.geometry().originLps().dot(n))
                .thenComparingInt(SourceSlice::instanceNumber).thenComparingInt(SourceSlice::frame));
        List<SourceSlice> sources = new ArrayList<>();
        int dropped = 0;
        double firstDup = Double.NaN;
        for (SourceSlice s : sorted) {
            if (!sources.isEmpty() && s.geometry().originLps().dot(n) - sources.getLast().geometry().originLps().dot(n) < DUPLICATE_MM) {
                if (dropped++ == 0) {
                    firstDup = s.geometry().originLps().dot(n);
                }
                continue;
            }
            sources.add(s);
        }
        if (dropped > 0) {
            issues.add(new AssemblyIssue.DuplicatePositions(dropped, firstDup));
        }
        int ns = sources.size();
        double[] t = new double[ns];
        for (int s = 0; s < ns; s++) {
            t[s] = sources.get(s).geometry().originLps().dot(n);
        }

        // 2. value scale common to all slices
        ValueScaleChoice vs = chooseScale(sources);
        if (vs.distinct > 1) {
            issues.add(new AssemblyIssue.RescaleVaries(vs.distinct));
        }
        boolean ct = "CT".equalsIgnoreCase(stack.modality());
        short background = vs.scale.toStored(ct ? -1024 : sources.get(0).modalityLut().apply(0));

        // 3. spacing: single slice, uniform, or resampled
        if (ns == 1) {
            double dz = g0.sliceThicknessMm().orElse(1.0);
            VolumeGeometry geom = new VolumeGeometry(new Extent(g0.columns(), g0.rows(), 1), new SpacingMm(dx, dy, dz),
                    g0.originLps(), r, c, n);
            return new AssemblyPlan(stack, sources, geom, vs.scale, background, List.of(SliceRecipe.copy(0)), issues);
        }
        double[] gaps = new double[ns - 1];
        for (int s = 0; s < ns - 1; s++) {
            gaps[s] = t[s + 1] - t[s];
        }
        double median = median(gaps);
        boolean uniform = true;
        double minRegular = Double.POSITIVE_INFINITY, maxRegular = 0;
        List<Integer> gapAfter = new ArrayList<>();
        for (int s = 0; s < ns - 1; s++) {
            if (gaps[s] > GAP_FACTOR * median) {
                gapAfter.add(s);
                uniform = false;
                continue;
            }
            minRegular = Math.min(minRegular, gaps[s]);
            maxRegular = Math.max(maxRegular, gaps[s]);
        }
        boolean irregular = maxRegular - minRegular > 0.02 * median + 0.01;
        uniform &= !irregular;

        // 4. gantry tilt: origins drift perpendicular to the normal
        Vec3 drift = sources.getLast().geometry().originLps().minus(sources.getFirst().geometry().originLps());
        Vec3 perp = drift.minus(n.times(drift.dot(n)));
        boolean tilted = perp.length() > 0.1 * Math.min(dx, dy);
        Vec3 origin;
        if (tilted) {
            double degrees = Math.toDegrees(Math.atan2(perp.length(), Math.abs(drift.dot(n))));
            issues.add(new AssemblyIssue.GantryTilt(degrees));
            Vec3 mid = sources.get(ns / 2).geometry().originLps();
            origin = mid.plus(n.times(t[0] - mid.dot(n))); // middle slice unshifted: the shear loses least at both ends
        } else {
            origin = sources.getFirst().geometry().originLps();
        }
        double[] colShift = new double[ns], rowShift = new double[ns];
        if (tilted) {
            for (int s = 0; s < ns; s++) {
                Vec3 d = origin.minus(sources.get(s).geometry().originLps());
                colShift[s] = d.dot(r) / dx;
                rowShift[s] = d.dot(c) / dy;
            }
        }

        List<SliceRecipe> recipes = new ArrayList<>();
        double dz;
        int nz;
        if (uniform) {
            nz = ns;
            dz = (t[ns - 1] - t[0]) / (ns - 1);
            for (int s = 0; s < ns; s++) {
                recipes.add(new SliceRecipe(s, s, 0, colShift[s], rowShift[s], colShift[s], rowShift[s]));
            }
        } else {
            nz = (int) Math.round((t[ns - 1] - t[0]) / median) + 1;
            dz = (t[ns - 1] - t[0]) / (nz - 1);
            if (irregular) {
                issues.add(new AssemblyIssue.NonUniformSpacing(round3(minRegular), round3(maxRegular), round3(dz)));
            }
            for (int k = 0; k < nz; k++) {
                double tk = t[0] + k * dz;
                int s = Arrays.binarySearch(t, tk);
                s = s >= 0 ? s : Math.max(0, -s - 2);
                if (s >= ns - 1) {
                    recipes.add(new SliceRecipe(ns - 1, ns - 1, 0, colShift[ns - 1], rowShift[ns - 1], colShift[ns - 1], rowShift[ns - 1]));
                    continue;
                }
                double w = (tk - t[s]) / (t[s + 1] - t[s]);
                if (w < 1e-4 || w > 1 - 1e-4) {
                    int src = w < 0.5 ? s : s + 1;
                    recipes.add(new SliceRecipe(src, src, 0, colShift[src], rowShift[src], colShift[src], rowShift[src]));
                } else {
                    recipes.add(new SliceRecipe(s, s + 1, w, colShift[s], rowShift[s], colShift[s + 1], rowShift[s + 1]));
                }
            }
            for (int s : gapAfter) {
                int firstK = (int) Math.floor((t[s] - t[0]) / dz + 1e-6) + 1;
                int lastK = (int) Math.ceil((t[s + 1] - t[0]) / dz - 1e-6) - 1;
                issues.add(new AssemblyIssue.Gap(round3(t[s]), round3(t[s + 1]), firstK, lastK));
            }
        }
        VolumeGeometry geom = new VolumeGeometry(new Extent(g0.columns(), g0.rows(), nz), new SpacingMm(dx, dy, dz), origin, r, c, n);
        return new AssemblyPlan(stack, sources, geom, vs.scale, background, recipes, issues);
    }

    private record ValueScaleChoice(ValueScale scale, int distinct) {}

    /**
     * One slope/intercept for the whole volume. When all slices agree, stored values are kept as they are (shifted by
     * 32768 when unsigned 16-bit, so they fit a signed short); otherwise the finest slope is used and values rounded.
     */
    static ValueScaleChoice chooseScale(List<SourceSlice> sources) {
        Set<List<Double>> pairs = new LinkedHashSet<>();
        double slope = Double.POSITIVE_INFINITY, intercept = Double.POSITIVE_INFINITY;
        boolean unsigned16 = false;
        for (SourceSlice s : sources) {
            ModalityLut lut = s.modalityLut();
            pairs.add(List.of(lut.slope(), lut.intercept()));
            slope = Math.min(slope, lut.slope());
            intercept = Math.min(intercept, lut.intercept());
            unsigned16 |= s.unsigned16();
        }
        double offset = unsigned16 ? 32768 : 0;
        return new ValueScaleChoice(new ValueScale(slope, intercept + offset * slope), pairs.size());
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double round3(double v) { return Math.round(v * 1000) / 1000.0; }
}
