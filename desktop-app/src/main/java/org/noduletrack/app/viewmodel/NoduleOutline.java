package org.noduletrack.app.viewmodel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.mesh.ScalarField;
import org.noduletrack.nodule.mesh.VoxelMask;
import org.noduletrack.nodule.segmentation.Segmentation;
import org.noduletrack.render.geom.Affine3;
import org.noduletrack.render.geom.Extent;
import org.noduletrack.render.volume.ShortVolume;

/**
 * The outline of a segmented nodule on an arbitrary plane (axial, MPR or oblique): the iso-contour at the
 * segmentation's own threshold of the region connected to the nodule, limited to the segmented extent (a sphere of
 * half the maximal 3D diameter plus 1 mm around the centroid, which cuts attached vessels where the segmentation cut
 * them). Sampled trilinearly on a 0.25 mm grid in the plane and traced by marching squares, so the line is sub-voxel.
 * Pure and cheap (a few thousand samples): the view recomputes it for every redraw.
 */
public final class NoduleOutline {
    /** One line piece, in LPS mm on the plane. */
    public record Segment(Vec3 aLps, Vec3 bLps) {}

    private static final double STEP_MM = 0.25;

    private NoduleOutline() {}

    /**
     * @param planePointLps any point of the plane
     * @param row / col     orthonormal in-plane directions
     */
    public static List<Segment> onPlane(ShortVolume volume, Segmentation seg, Vec3 planePointLps, Vec3 row, Vec3 col) {
        Vec3 c = seg.measurement().centroidLps();
        Vec3 n = row.cross(col).normalized();
        double limit = seg.measurement().max3dDiameterMm() / 2 + 1.0;
        double off = c.minus(planePointLps).dot(n);
        if (Math.abs(off) >= limit) {
            return List.of();
        }
        Vec3 origin = c.minus(n.times(off)); // the centroid's projection: grid centre
        double half = Math.sqrt(limit * limit - off * off) + STEP_MM;
        int m = (int) Math.ceil(half / STEP_MM);
        int size = 2 * m + 1;
        double[] f = new double[size * size];
        boolean[] in = new boolean[size * size];
        Affine3 toIjk = volume.geometry().lpsToIjk();
        Extent e = volume.geometry().extent();
        double t = seg.thresholdHu();
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                Vec3 p = origin.plus(row.times((x - m) * STEP_MM)).plus(col.times((y - m) * STEP_MM));
                double v = p.distanceTo(c) <= limit ? sample(volume, toIjk.applyToPoint(p), e) - t : -1;
                f[y * size + x] = v;
                in[y * size + x] = v >= 0;
            }
        }
        boolean[] keep = componentNearCentre(in, size, m);
        for (int i = 0; i < f.length; i++) {
            if (!keep[i]) {
                f[i] = Math.min(f[i], -1e-3);
            }
        }
        List<Segment> out = new ArrayList<>();
        for (int y = 0; y + 1 < size; y++) {
            for (int x = 0; x + 1 < size; x++) {
                march(f, size, x, y, (ax, ay, bx, by) -> out.add(new Segment(
                        origin.plus(row.times((ax - m) * STEP_MM)).plus(col.times((ay - m) * STEP_MM)),
                        origin.plus(row.times((bx - m) * STEP_MM)).plus(col.times((by - m) * STEP_MM)))));
            }
        }
        return out;
    }

    /**
     * A segmentation mask as a smooth occupancy field (the share of mask voxels in each 3×3×3 neighbourhood): its 0.5
     * level is the surface the 3D view draws, so an outline from it is exactly that surface's cut by the plane.
     */
    public static final class MaskField {
        private final int nx, ny, nz;
        private final float[] values;
        private final Affine3 lpsToIjk;
        private final Vec3 centreLps;
        private final double radiusMm;

        private MaskField(VoxelMask mask) {
            ScalarField f = ScalarField.smoothedOccupancy(mask);
            this.nx = f.nx();
            this.ny = f.ny();
            this.nz = f.nz();
            this.values = f.values();
            this.lpsToIjk = f.ijkToLps().inverse();
            Vec3 a = f.ijkToLps().applyToPoint(new Vec3(-1, -1, -1)), b = f.ijkToLps().applyToPoint(new Vec3(nx, ny, nz));
            this.centreLps = a.plus(b).times(0.5);
            this.radiusMm = a.distanceTo(b) / 2;
        }

        public static MaskField of(VoxelMask mask) { return new MaskField(mask); }

        double at(Vec3 lps) {
            Vec3 p = lpsToIjk.applyToPoint(lps);
            double fi = p.x(), fj = p.y(), fk = p.z();
            if (fi < 0 || fj < 0 || fk < 0 || fi > nx - 1 || fj > ny - 1 || fk > nz - 1) {
                return 0;
            }
            int i = Math.min((int) fi, Math.max(0, nx - 2)), j = Math.min((int) fj, Math.max(0, ny - 2));
            int k = Math.min((int) fk, Math.max(0, nz - 2));
            int i1 = Math.min(i + 1, nx - 1), j1 = Math.min(j + 1, ny - 1), k1 = Math.min(k + 1, nz - 1);
            double a = fi - i, b = fj - j, g = fk - k;
            double c00 = v(i, j, k) * (1 - a) + v(i1, j, k) * a, c10 = v(i, j1, k) * (1 - a) + v(i1, j1, k) * a;
            double c01 = v(i, j, k1) * (1 - a) + v(i1, j, k1) * a, c11 = v(i, j1, k1) * (1 - a) + v(i1, j1, k1) * a;
            return (c00 * (1 - b) + c10 * b) * (1 - g) + (c01 * (1 - b) + c11 * b) * g;
        }

        private double v(int i, int j, int k) { return values[(k * ny + j) * nx + i]; }
    }

    /** The cut of a mask's surface (its occupancy field's 0.5 level) by a plane; every loop, not only the central one. */
    public static List<Segment> onPlane(MaskField field, Vec3 planePointLps, Vec3 row, Vec3 col) {
        Vec3 n = row.cross(col).normalized();
        double off = field.centreLps.minus(planePointLps).dot(n);
        if (Math.abs(off) >= field.radiusMm) {
            return List.of();
        }
        Vec3 origin = field.centreLps.minus(n.times(off));
        double half = Math.sqrt(field.radiusMm * field.radiusMm - off * off) + STEP_MM;
        int m = (int) Math.ceil(half / STEP_MM);
        int size = 2 * m + 1;
        double[] f = new double[size * size];
        boolean any = false;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                double v = field.at(origin.plus(row.times((x - m) * STEP_MM)).plus(col.times((y - m) * STEP_MM))) - 0.5;
                f[y * size + x] = v;
                any |= v >= 0;
            }
        }
        if (!any) {
            return List.of();
        }
        List<Segment> out = new ArrayList<>();
        for (int y = 0; y + 1 < size; y++) {
            for (int x = 0; x + 1 < size; x++) {
                march(f, size, x, y, (ax, ay, bx, by) -> out.add(new Segment(
                        origin.plus(row.times((ax - m) * STEP_MM)).plus(col.times((ay - m) * STEP_MM)),
                        origin.plus(row.times((bx - m) * STEP_MM)).plus(col.times((by - m) * STEP_MM)))));
            }
        }
        return out;
    }

    private interface SegmentSink {
        void add(double ax, double ay, double bx, double by);
    }

    /** Marching squares on one cell (corners 0..3: (x,y), (x+1,y), (x+1,y+1), (x,y+1)); saddles split by the mean. */
    private static void march(double[] f, int size, int x, int y, SegmentSink sink) {
        double v0 = f[y * size + x], v1 = f[y * size + x + 1], v2 = f[(y + 1) * size + x + 1], v3 = f[(y + 1) * size + x];
        int code = (v0 >= 0 ? 1 : 0) | (v1 >= 0 ? 2 : 0) | (v2 >= 0 ? 4 : 0) | (v3 >= 0 ? 8 : 0);
        if (code == 0 || code == 15) {
            return;
        }
        // edge crossings: 0 top (0-1), 1 right (1-2), 2 bottom (3-2), 3 left (0-3)
        double[][] p = {
                {x + frac(v0, v1), y}, {x + 1, y + frac(v1, v2)}, {x + frac(v3, v2), y + 1}, {x, y + frac(v0, v3)}};
        int[][] edges = switch (code) {
            case 1, 14 -> new int[][] {{0, 3}};
            case 2, 13 -> new int[][] {{0, 1}};
            case 3, 12 -> new int[][] {{1, 3}};
            case 4, 11 -> new int[][] {{1, 2}};
            case 6, 9 -> new int[][] {{0, 2}};
            case 7, 8 -> new int[][] {{2, 3}};
            case 5 -> (v0 + v1 + v2 + v3) / 4 >= 0 ? new int[][] {{0, 1}, {2, 3}} : new int[][] {{0, 3}, {1, 2}};
            case 10 -> (v0 + v1 + v2 + v3) / 4 >= 0 ? new int[][] {{0, 3}, {1, 2}} : new int[][] {{0, 1}, {2, 3}};
            default -> new int[0][];
        };
        for (int[] ed : edges) {
            sink.add(p[ed[0]][0], p[ed[0]][1], p[ed[1]][0], p[ed[1]][1]);
        }
    }

    private static double frac(double a, double b) {
        double d = a - b;
        return d == 0 ? 0.5 : Math.clamp(a / d, 0, 1);
    }

    /** The 4-connected inside region nearest the grid centre (the centroid's projection). */
    private static boolean[] componentNearCentre(boolean[] in, int size, int m) {
        int start = -1;
        double best = Double.MAX_VALUE;
        for (int i = 0; i < in.length; i++) {
            if (in[i]) {
                double d = Math.hypot(i % size - m, i / size - m);
                if (d < best) {
                    best = d;
                    start = i;
                }
            }
        }
        boolean[] keep = new boolean[in.length];
        if (start < 0) {
            return keep;
        }
        ArrayDeque<Integer> q = new ArrayDeque<>();
        q.add(start);
        keep[start] = true;
        while (!q.isEmpty()) {
            int i = q.poll(), x = i % size, y = i / size;
            int[] nb = {x > 0 ? i - 1 : -1, x + 1 < size ? i + 1 : -1, y > 0 ? i - size : -1, y + 1 < size ? i + size : -1};
            for (int j : nb) {
                if (j >= 0 && in[j] && !keep[j]) {
                    keep[j] = true;
                    q.add(j);
                }
            }
        }
        return keep;
    }

    /** HU at a voxel position by trilinear interpolation; outside the volume reads as air. */
    private static double sample(ShortVolume v, Vec3 ijk, Extent e) {
        double fi = ijk.x(), fj = ijk.y(), fk = ijk.z();
        if (fi < 0 || fj < 0 || fk < 0 || fi > e.nx() - 1 || fj > e.ny() - 1 || fk > e.nz() - 1) {
            return -1000;
        }
        int i = Math.min((int) fi, e.nx() - 2), j = Math.min((int) fj, e.ny() - 2), k = Math.min((int) Math.max(0, fk), Math.max(0, e.nz() - 2));
        double a = fi - i, b = fj - j, g = fk - k;
        int k1 = Math.min(k + 1, e.nz() - 1);
        double c00 = v.modalityValue(i, j, k) * (1 - a) + v.modalityValue(i + 1, j, k) * a;
        double c10 = v.modalityValue(i, j + 1, k) * (1 - a) + v.modalityValue(i + 1, j + 1, k) * a;
        double c01 = v.modalityValue(i, j, k1) * (1 - a) + v.modalityValue(i + 1, j, k1) * a;
        double c11 = v.modalityValue(i, j + 1, k1) * (1 - a) + v.modalityValue(i + 1, j + 1, k1) * a;
        return (c00 * (1 - b) + c10 * b) * (1 - g) + (c01 * (1 - b) + c11 * b) * g;
    }
}
