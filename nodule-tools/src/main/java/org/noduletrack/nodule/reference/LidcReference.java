package org.noduletrack.nodule.reference;

import java.util.ArrayList;
import org.noduletrack.nodule.measurement.CaliperDiameters;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToIntFunction;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.volume.VolumeGeometry;

/**
 * Reference volumes from LIDC readers' outlines, and readers' marks grouped into nodules.
 *
 * <p>Convention: LIDC readers were told to draw the outline just outside the nodule, so the outline pixels do not
 * overlap it. A reader's nodule on one slice is therefore the pixels whose centres lie inside the outline polygon (the
 * polygon through the outline pixel centres, even-odd rule), minus the outline pixels themselves
 * ({@link ReaderVolume#volumeMm3()}). The same plus the outline pixels is reported as an upper bound
 * ({@link ReaderVolume#filledVolumeMm3()}). Volume = Σ slices (pixel count × pixel area) × slice spacing (planimetry;
 * 2.5 mm for LIDC-IDRI-0001); ROIs with inclusion FALSE are holes and are subtracted. The long axis is the largest
 * in-plane Feret diameter over the reader's slices, between pixel centres of the nodule pixels plus one pixel.
 */
public final class LidcReference {
    private LidcReference() {}

    /**
     * One reader's mark measured on the series grid.
     *
     * @param small          a nodule &lt; 3 mm (a point): volume, long axis and slices are 0
     * @param longAxisMm     largest in-plane Feret diameter over all the reader's slices (the LIDC habit)
     * @param largestSliceLongAxisMm the same on the slice of largest area only (how {@code NoduleSegmenter} measures)
     * @param centroidLps    centroid of the nodule pixels (the point for small nodules)
     */
    public record ReaderVolume(String readerId, String noduleId, boolean small, double volumeMm3, double filledVolumeMm3,
                               double longAxisMm, double largestSliceLongAxisMm, int slices, Vec3 centroidLps) {}

    /** Readers' marks of the same nodule (at most one per reader). */
    public record NoduleGroup(List<ReaderVolume> marks) {
        public NoduleGroup {
            marks = List.copyOf(marks);
        }

        /** Mean of the readers' centroids. */
        public Vec3 centroidLps() {
            double x = 0, y = 0, z = 0;
            for (ReaderVolume m : marks) {
                x += m.centroidLps().x();
                y += m.centroidLps().y();
                z += m.centroidLps().z();
            }
            return new Vec3(x / marks.size(), y / marks.size(), z / marks.size());
        }

        /** True when every reader called it a nodule &lt; 3 mm. */
        public boolean small() { return marks.stream().allMatch(ReaderVolume::small); }

        /** Volumes of the readers who outlined it (nodules ≥ 3 mm). */
        public double[] volumes() { return marks.stream().filter(m -> !m.small()).mapToDouble(ReaderVolume::volumeMm3).sorted().toArray(); }

        public double[] longAxes() { return marks.stream().filter(m -> !m.small()).mapToDouble(ReaderVolume::longAxisMm).sorted().toArray(); }

        public double[] largestSliceLongAxes() {
            return marks.stream().filter(m -> !m.small()).mapToDouble(ReaderVolume::largestSliceLongAxisMm).sorted().toArray();
        }
    }

    /** Median of sorted values (mean of the middle two for an even count). */
    public static double median(double[] sorted) {
        int n = sorted.length;
        if (n == 0) return Double.NaN;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /**
     * Measures every reader's every nodule.
     *
     * @param geometry      the assembled series (in-plane grid = the images' pixel grid, axial)
     * @param sliceIndex    ROI → k index in {@code geometry} (from its SOP Instance UID), or −1 when not in the series
     * @param sliceSpacingMm planimetry slice spacing
     */
    public static List<ReaderVolume> measure(LidcReadMessage msg, VolumeGeometry geometry, ToIntFunction<LidcReadMessage.Roi> sliceIndex,
                                             double sliceSpacingMm) {
        double sx = geometry.spacingMm().x(), sy = geometry.spacingMm().y();
        int nx = geometry.extent().nx(), ny = geometry.extent().ny();
        List<ReaderVolume> out = new ArrayList<>();
        for (LidcReadMessage.ReadingSession s : msg.sessions()) {
            for (LidcReadMessage.NoduleMark n : s.nodules()) {
                if (n.rois().isEmpty()) continue;
                if (n.small()) {
                    LidcReadMessage.Roi r = n.rois().getFirst();
                    int k = sliceIndex.applyAsInt(r);
                    if (k < 0 || r.xs().length == 0) continue;
                    out.add(new ReaderVolume(s.readerId(), n.noduleId(), true, 0, 0, 0, 0, 0, geometry.voxelToLps(r.xs()[0], r.ys()[0], k)));
                    continue;
                }
                // per slice: net pixel masks (inclusions minus exclusions)
                Map<Integer, boolean[]> inner = new HashMap<>(), filled = new HashMap<>();
                for (LidcReadMessage.Roi r : n.rois()) {
                    int k = sliceIndex.applyAsInt(r);
                    if (k < 0) throw new IllegalArgumentException("ROI on an image not in the series: " + r.sopInstanceUid());
                    boolean[] in = inner.computeIfAbsent(k, q -> new boolean[nx * ny]);
                    boolean[] fi = filled.computeIfAbsent(k, q -> new boolean[nx * ny]);
                    rasterise(r, nx, ny, in, fi, r.inclusion());
                }
                double area = 0, filledArea = 0, cx = 0, cy = 0, cz = 0, longAxis = 0, largestSliceLongAxis = 0;
                long count = 0;
                int largest = -1;
                for (var e : inner.entrySet()) {
                    int k = e.getKey();
                    boolean[] in = e.getValue(), fi = filled.get(k);
                    List<double[]> pts = new ArrayList<>();
                    for (int y = 0; y < ny; y++) {
                        for (int x = 0; x < nx; x++) {
                            if (fi[y * nx + x]) filledArea += sx * sy;
                            if (!in[y * nx + x]) continue;
                            area += sx * sy;
                            Vec3 p = geometry.voxelToLps(x, y, k);
                            cx += p.x();
                            cy += p.y();
                            cz += p.z();
                            count++;
                            pts.add(new double[] {x * sx, y * sy});
                        }
                    }
                    // the same caliper as ours: pixel boxes, boundary at pixel edges
                    double la = CaliperDiameters.axial(pts.stream().mapToDouble(q -> q[0]).toArray(),
                            pts.stream().mapToDouble(q -> q[1]).toArray(), sx, sy).longAxisMm();
                    longAxis = Math.max(longAxis, la);
                    if (pts.size() > largest) {
                        largest = pts.size();
                        largestSliceLongAxis = la;
                    }
                }
                if (count == 0) continue;
                out.add(new ReaderVolume(s.readerId(), n.noduleId(), false, area * sliceSpacingMm, filledArea * sliceSpacingMm,
                        longAxis, largestSliceLongAxis, inner.size(), new Vec3(cx / count, cy / count, cz / count)));
            }
        }
        return out;
    }

    /** Groups marks whose centroids lie within {@code maxDistanceMm} of a group's mean centroid; one mark per reader. */
    public static List<NoduleGroup> group(List<ReaderVolume> marks, double maxDistanceMm) {
        List<List<ReaderVolume>> groups = new ArrayList<>();
        // outlined nodules first, so that a point mark joins the outlined nodule it belongs to
        List<ReaderVolume> ordered = new ArrayList<>(marks);
        ordered.sort((a, b) -> Boolean.compare(a.small(), b.small()));
        for (ReaderVolume m : ordered) {
            List<ReaderVolume> best = null;
            double bestD = maxDistanceMm;
            for (List<ReaderVolume> g : groups) {
                Set<String> readers = new HashSet<>();
                g.forEach(x -> readers.add(x.readerId()));
                if (readers.contains(m.readerId())) continue;
                double d = new NoduleGroup(g).centroidLps().distanceTo(m.centroidLps());
                if (d <= bestD) {
                    bestD = d;
                    best = g;
                }
            }
            if (best == null) {
                best = new ArrayList<>();
                groups.add(best);
            }
            best.add(m);
        }
        return groups.stream().map(NoduleGroup::new).toList();
    }

    /**
     * Marks the pixels of one outline: {@code inner} gets the pixels strictly inside (centres inside the polygon, not
     * outline pixels), {@code filled} those plus the outline; set when {@code add}, otherwise (a hole) the pixels strictly
     * inside are cleared.
     */
    static void rasterise(LidcReadMessage.Roi r, int nx, int ny, boolean[] inner, boolean[] filled, boolean add) {
        int[] xs = r.xs(), ys = r.ys();
        int n = xs.length;
        int x0 = Arrays.stream(xs).min().orElse(0), x1 = Arrays.stream(xs).max().orElse(-1);
        int y0 = Arrays.stream(ys).min().orElse(0), y1 = Arrays.stream(ys).max().orElse(-1);
        Set<Integer> outline = new HashSet<>();
        for (int i = 0; i < n; i++) outline.add(ys[i] * nx + xs[i]);
        for (int y = Math.max(0, y0); y <= Math.min(ny - 1, y1); y++) {
            for (int x = Math.max(0, x0); x <= Math.min(nx - 1, x1); x++) {
                int idx = y * nx + x;
                boolean on = outline.contains(idx);
                boolean inside = on || contains(xs, ys, x, y);
                if (!inside) continue;
                if (add) {
                    filled[idx] = true;
                    if (!on) inner[idx] = true;
                } else if (!on) {
                    // a hole's outline is drawn just outside the hole, i.e. on nodule tissue: only its inside goes
                    inner[idx] = false;
                    filled[idx] = false;
                }
            }
        }
    }

    /** Even-odd point-in-polygon test (half-open in y, so vertices are counted once). */
    static boolean contains(int[] xs, int[] ys, double px, double py) {
        boolean in = false;
        for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
            if ((ys[i] > py) != (ys[j] > py)) {
                double xCross = xs[j] + (py - ys[j]) * (double) (xs[i] - xs[j]) / (ys[i] - ys[j]);
                if (px < xCross) in = !in;
            }
        }
        return in;
    }
}
