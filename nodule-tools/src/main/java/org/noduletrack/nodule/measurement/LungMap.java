package org.noduletrack.nodule.measurement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.geom.Extent;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.VolumeGeometry;

/**
 * A coarse lung mask of one CT (about 3 mm grid) that places points by lung side, craniocaudal third and depth; no lobe
 * map is available, so this is the location a report gives without one.
 *
 * <p>Lung = air (HU &lt; −400) not connected to the air outside the body (flooded from the in-plane border of the
 * grid), in components of at least {@value #MIN_COMPONENT_SHARE} of the largest. The midline is the body's x centroid
 * (LPS +x is the patient's left). A band of ±{@value #MIDLINE_BAND_MM} mm about the midline (trachea, main bronchi) is
 * left out of the extents. Zone: the point's height within its lung's craniocaudal extent, thirds from the apex.
 * Depth: on the point's axial level, its lateral distance from the midline within that lung's medial–lateral extent;
 * the inner third is central, the outer two thirds peripheral.
 */
public final class LungMap {
    public enum Side { RIGHT, LEFT }

    public enum Zone { UPPER, MIDDLE, LOWER }

    public enum Depth { CENTRAL, PERIPHERAL }

    /**
     * @param fromApexFraction   0 at the apex of the lung on that side, 1 at its base
     * @param fromMedialFraction 0 at the lung's medial edge on the point's level, 1 at its lateral edge
     */
    public record Location(Side side, Zone zone, Depth depth, double fromApexFraction, double fromMedialFraction) {
        /** E.g. "left upper zone, peripheral". */
        public String describe() {
            return side.name().toLowerCase(java.util.Locale.ROOT) + " " + zone.name().toLowerCase(java.util.Locale.ROOT)
                    + " zone, " + depth.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static final double MIN_COMPONENT_SHARE = 0.05;
    static final double MIDLINE_BAND_MM = 12;
    private static final double GRID_MM = 3;

    private final double midlineX;
    /** Lung grid points (LPS) outside the midline band, per side: x, z. */
    private final double[][] lungXz;
    private final double[] zMin = new double[2], zMax = new double[2];
    private final double levelMm;

    private LungMap(double midlineX, double[][] lungXz, double levelMm) {
        this.midlineX = midlineX;
        this.lungXz = lungXz;
        this.levelMm = levelMm;
        for (int s = 0; s < 2; s++) {
            zMin[s] = Double.POSITIVE_INFINITY;
            zMax[s] = Double.NEGATIVE_INFINITY;
        }
        for (double[] q : lungXz) {
            int s = q[0] > midlineX ? 1 : 0;
            zMin[s] = Math.min(zMin[s], q[1]);
            zMax[s] = Math.max(zMax[s], q[1]);
        }
    }

    /** Builds the map; reads the volume on a ~3 mm grid (a fraction of a second for a 512×512×300 series). */
    public static LungMap of(ShortVolume v) {
        VolumeGeometry g = v.geometry();
        Extent e = g.extent();
        int si = Math.max(1, (int) Math.round(GRID_MM / g.spacingMm().x()));
        int sj = Math.max(1, (int) Math.round(GRID_MM / g.spacingMm().y()));
        int sk = Math.max(1, (int) Math.round(GRID_MM / g.spacingMm().z()));
        int gx = (e.nx() + si - 1) / si, gy = (e.ny() + sj - 1) / sj, gz = (e.nz() + sk - 1) / sk;
        int n = gx * gy * gz;
        boolean[] air = new boolean[n];
        for (int k = 0; k < gz; k++)
            for (int j = 0; j < gy; j++)
                for (int i = 0; i < gx; i++) air[(k * gy + j) * gx + i] = v.modalityValue(i * si, j * sj, k * sk) < -400;
        // outside air: flooded from the in-plane border (the lungs may reach the first and last slice)
        int[] label = new int[n];
        int[] stack = new int[n];
        int sp = 0;
        for (int k = 0; k < gz; k++)
            for (int j = 0; j < gy; j++)
                for (int i = 0; i < gx; i++) {
                    int q = (k * gy + j) * gx + i;
                    if ((i == 0 || j == 0 || i == gx - 1 || j == gy - 1) && air[q] && label[q] == 0) {
                        label[q] = -1;
                        stack[sp++] = q;
                    }
                }
        sp = flood(air, label, stack, sp, -1, gx, gy, gz);
        // components of the air inside the body
        List<Integer> sizes = new ArrayList<>();
        for (int q = 0; q < n; q++) {
            if (!air[q] || label[q] != 0) continue;
            int id = sizes.size() + 1;
            label[q] = id;
            stack[0] = q;
            sizes.add(flood(air, label, stack, 1, id, gx, gy, gz));
        }
        int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
        // midline: x centroid of the body (everything not outside air)
        double bx = 0;
        long bn = 0;
        for (int k = 0; k < gz; k++)
            for (int j = 0; j < gy; j++)
                for (int i = 0; i < gx; i++) {
                    if (label[(k * gy + j) * gx + i] == -1) continue;
                    bx += g.voxelToLps(i * si, j * sj, k * sk).x();
                    bn++;
                }
        double mid = bn == 0 ? g.centerLps().x() : bx / bn;
        List<double[]> pts = new ArrayList<>();
        for (int k = 0; k < gz; k++)
            for (int j = 0; j < gy; j++)
                for (int i = 0; i < gx; i++) {
                    int l = label[(k * gy + j) * gx + i];
                    if (l <= 0 || sizes.get(l - 1) < MIN_COMPONENT_SHARE * largest) continue;
                    Vec3 p = g.voxelToLps(i * si, j * sj, k * sk);
                    if (Math.abs(p.x() - mid) > MIDLINE_BAND_MM) pts.add(new double[] {p.x(), p.z()});
                }
        return new LungMap(mid, pts.toArray(double[][]::new), sk * g.spacingMm().z());
    }

    /** Flood fill of {@code m} from the stacked voxels with {@code id}; returns the number of voxels labelled. */
    private static int flood(boolean[] m, int[] label, int[] stack, int sp, int id, int gx, int gy, int gz) {
        int count = sp, plane = gx * gy;
        while (sp > 0) {
            int q = stack[--sp];
            int x = q % gx, y = (q / gx) % gy, z = q / plane;
            int[] nb = {x > 0 ? q - 1 : -1, x < gx - 1 ? q + 1 : -1, y > 0 ? q - gx : -1, y < gy - 1 ? q + gx : -1,
                    z > 0 ? q - plane : -1, z < gz - 1 ? q + plane : -1};
            for (int r : nb) {
                if (r >= 0 && m[r] && label[r] == 0) {
                    label[r] = id;
                    stack[sp++] = r;
                    count++;
                }
            }
        }
        return count;
    }

    /** The midline (LPS x) the sides are split at. */
    public double midlineXMm() { return midlineX; }

    /** Location of a point (e.g. a nodule's centroid); empty when no lung was found on its side. */
    public Optional<Location> locate(Vec3 pointLps) {
        int s = pointLps.x() > midlineX ? 1 : 0;
        if (!(zMax[s] > zMin[s])) return Optional.empty();
        double apex = Math.clamp((zMax[s] - pointLps.z()) / (zMax[s] - zMin[s]), 0, 1);
        Zone zone = apex < 1.0 / 3 ? Zone.UPPER : apex < 2.0 / 3 ? Zone.MIDDLE : Zone.LOWER;
        double medial = Double.POSITIVE_INFINITY, lateral = Double.NEGATIVE_INFINITY;
        for (double[] q : lungXz) {
            if ((q[0] > midlineX ? 1 : 0) != s || Math.abs(q[1] - pointLps.z()) > 0.51 * levelMm) continue;
            double d = Math.abs(q[0] - midlineX);
            medial = Math.min(medial, d);
            lateral = Math.max(lateral, d);
        }
        double fromMedial = lateral > medial
                ? Math.clamp((Math.abs(pointLps.x() - midlineX) - medial) / (lateral - medial), 0, 1) : 1;
        return Optional.of(new Location(s == 1 ? Side.LEFT : Side.RIGHT, zone, fromMedial < 1.0 / 3 ? Depth.CENTRAL : Depth.PERIPHERAL,
                apex, fromMedial));
    }
}
