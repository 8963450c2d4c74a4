package org.noduletrack.nodule.segmentation;

import org.noduletrack.nodule.measurement.CaliperDiameters;
import org.noduletrack.nodule.measurement.Rounding;

import java.util.ArrayList;
import java.util.List;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.nodule.model.NoduleType;
import org.noduletrack.nodule.model.SeriesRef;
import org.noduletrack.render.volume.ShortVolume;

/**
 * Seed-point nodule segmentation and measurement. Deterministic; works on a crop around the seed, so one click costs
 * milliseconds whatever the series size.
 *
 * <ol>
 * <li>Local background = median HU of aerated lung around the seed; first threshold half-way to ground glass.</li>
 * <li>Lung mask (HU &lt; −400) closed with a ball larger than the nodule: the nodule's indentation is filled, the chest
 * wall stays outside, which separates juxtapleural nodules from the pleura.</li>
 * <li>Type from the solid share of the nodule core (SOLID / PART_SOLID / GROUND_GLASS); the body attenuation H sets the
 * final threshold (background + H) / 2 (−400 HU for solid, about −700 HU for ground glass).</li>
 * <li>Region growing (6-connected) from the seed inside the lung mask and a maximal radius; morphological opening cuts
 * attached vessels: its radius is 0.8 × the region's inscribed radius (distance-transform peak near the seed) for
 * nodules clear of the chest wall, 0.7 × the ray estimate for juxtapleural ones; when the opening removes the body it is
 * shrunk. The seed's opened component is kept and reconstructed: pieces the opening removed that stay within the
 * reconstruction zone (surface detail, caps) come back whole, pieces running beyond it (vessels) only to a 0.75 mm
 * neck.</li>
 * <li>Volume from partial-volume fractions (v − background) / (H − background) over the region plus a one-voxel shell
 * (shell voxels capped at one half), so that blur and slice thickness do not bias small nodules; shell voxels nearer to
 * a cut-off vessel than to the nodule are the vessel's partial volume and are left out; the mean partial volume of a
 * ring of lung just beyond the shell (a vessel passing by, denser parenchyma; the chest wall's edge left out) is taken
 * off every shell voxel of nodules clear of the chest wall.</li>
 * <li>Long / short axis (caliper widths at voxel edges, {@link CaliperDiameters}) on the axial slice of largest area,
 * maximal 3D diameter, mean / SD HU, centroid.</li>
 * <li>{@link #prepare} keeps steps 1–3 (and the chest wall distance) per click ({@link NoduleClick}), so a user-adjusted
 * threshold re-runs only the region growing, the vessel cut and the measurement.</li>
 * </ol>
 */
public final class NoduleSegmenter {
    /** Reach of the chest wall's blurred edge into the lung. */
    private static final double WALL_BLUR_MM = 2.5;

    private final SegmentationParams p;

    public NoduleSegmenter(SegmentationParams params) {
        this.p = params;
    }

    public NoduleSegmenter() {
        this(SegmentationParams.DEFAULTS);
    }

    /** Segments the nodule under (or next to) {@code seedLps}; throws IllegalArgumentException when there is none. */
    public Segmentation segment(ShortVolume volume, SeriesRef series, Vec3 seedLps) {
        return prepare(volume, series, seedLps).segment();
    }

    /**
     * Analyses one click (crop, seed, local background, lung mask, nodule type and body attenuation) once; the returned
     * {@link NoduleClick} then segments at the automatic threshold or at a user-adjusted one without repeating that work.
     * Throws IllegalArgumentException when there is no nodule at the seed.
     */
    public NoduleClick prepare(ShortVolume volume, SeriesRef series, Vec3 seedLps) {
        Vec3 sv = volume.geometry().lpsToVoxel(seedLps);
        int ci = (int) Math.round(sv.x()), cj = (int) Math.round(sv.y()), ck = (int) Math.round(sv.z());
        var e = volume.geometry().extent();
        if (ci < 0 || cj < 0 || ck < 0 || ci >= e.nx() || cj >= e.ny() || ck >= e.nz()) {
            throw new IllegalArgumentException("seed " + seedLps + " lies outside the series");
        }
        Crop c = Crop.around(volume, ci, cj, ck, p.maxRadiusMm() + 6);
        int nx = c.nx, ny = c.ny, nz = c.nz, n = c.size();
        int seed = c.hu[c.index(ci - c.i0, cj - c.j0, ck - c.k0)] > p.typicalGroundGlassHu() - 50
                ? c.index(ci - c.i0, cj - c.j0, ck - c.k0) : refineSeed(c, ci - c.i0, cj - c.j0, ck - c.k0);
        int sx0 = seed % nx, sy0 = (seed / nx) % ny, sz0 = seed / (nx * ny);

        boolean[] ball = new boolean[n];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double dx = (x - sx0) * c.sx, dy = (y - sy0) * c.sy, dz = (z - sz0) * c.sz;
                    ball[c.index(x, y, z)] = dx * dx + dy * dy + dz * dz <= p.maxRadiusMm() * p.maxRadiusMm();
                }
            }
        }
        double bg = backgroundHu(c, ball);
        double tLow = (bg + p.typicalGroundGlassHu()) / 2;
        if (c.hu[seed] < tLow) {
            throw new IllegalArgumentException("no nodule at seed " + seedLps + " (" + Math.round(c.hu[seed]) + " HU)");
        }
        double[] rays = rayLengths(c, sx0, sy0, sz0, tLow);
        // a low quantile: rays that escape into the chest wall or along vessels must not inflate the estimate
        double rEst = Math.max(rays[rays.length / 3], 1.0);
        double rMedian = Math.max(rays[rays.length / 2], 1.0);

        boolean[] lung = new boolean[n];
        for (int i = 0; i < n; i++) lung[i] = c.hu[i] < -400;
        boolean[] allowed = Morphology.close(lung, nx, ny, nz, c.sx, c.sy, c.sz, p.pleuraClosingFactor() * rEst + 1);
        boolean[] wall = new boolean[n];
        for (int i = 0; i < n; i++) {
            wall[i] = !allowed[i];
            allowed[i] &= ball[i];
        }
        allowed[seed] = true;

        // type and body attenuation: the deep core (within 0.6 r of the seed) says whether there is a solid centre; a
        // solid-fit partial-volume sum much larger than the solid voxel count reveals a ground-glass body around it
        List<Float> all = new ArrayList<>(), coreSolid = new ArrayList<>(), coreSoft = new ArrayList<>(), deep = new ArrayList<>();
        double coreR = Math.min(Math.max(Math.min(1.5 * rMedian, 1.3 * rEst + c.sx), c.sx), p.maxRadiusMm());
        double deepR = Math.max(0.6 * rEst, c.sx);
        boolean[] low = new boolean[n];
        for (int i = 0; i < n; i++) low[i] = allowed[i] && c.hu[i] >= tLow;
        boolean[] lowComp = Morphology.component(low, nx, ny, nz, seed);
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = c.index(x, y, z);
                    if (!lowComp[i]) continue;
                    double dx = (x - sx0) * c.sx, dy = (y - sy0) * c.sy, dz = (z - sz0) * c.sz;
                    double d2 = dx * dx + dy * dy + dz * dz;
                    if (d2 <= coreR * coreR) {
                        all.add(c.hu[i]);
                        (c.hu[i] > p.solidHu() ? coreSolid : coreSoft).add(c.hu[i]);
                        if (d2 <= deepR * deepR) deep.add(c.hu[i]);
                    }
                }
            }
        }
        double deepMedian = deep.isEmpty() ? c.hu[seed] : median(deep);
        List<Float> deepSolid = deep.stream().filter(v -> v > p.solidHu()).toList();
        double solidH = deepSolid.size() >= 3 ? median(deepSolid) : coreSolid.isEmpty() ? 30 : quantile(coreSolid, 0.75);
        NoduleType type;
        if (deepMedian <= p.solidHu()) {
            double share = coreSolid.size() / (double) Math.max(1, all.size());
            type = share >= p.solidFractionForPartSolid() ? NoduleType.PART_SOLID : NoduleType.GROUND_GLASS;
        } else {
            double fit = 0;
            int solidCount = 0;
            for (float v : all) {
                fit += Math.clamp((v - bg) / (solidH - bg), 0, 1);
                if (v >= (bg + solidH) / 2) solidCount++;
            }
            type = fit / Math.max(1, solidCount) < p.partSolidFitRatio() ? NoduleType.SOLID : NoduleType.PART_SOLID;
            if (type == NoduleType.PART_SOLID && plateauFraction(coreSoft, tLow) < p.groundGlassPlateauFraction()) {
                // the soft voxels are spread evenly (the blurred edge of a solid nodule), not a ground-glass plateau
                type = NoduleType.SOLID;
            }
        }
        double h = type == NoduleType.SOLID ? solidH
                : coreSoft.size() < 5 ? p.typicalGroundGlassHu() : upperMedianOfSoft(coreSoft, tLow);
        // squared distance to the chest wall, for the shell clutter estimate: independent of the threshold, so a
        // correction does not pay for it again
        float[] wallDistance2 = p.shellClutterRingMm() > 0 ? Morphology.squaredDistance(wall, nx, ny, nz, c.sx, c.sy, c.sz) : null;
        return new NoduleClick(this, new ClickState(series, c, seed, bg, tLow, rEst, allowed, wall, wallDistance2, type, solidH, h));
    }

    /** What {@link #prepare} found out about one click. */
    record ClickState(SeriesRef series, Crop c, int seed, double bg, double tLow, double rEst, boolean[] allowed,
                      boolean[] wall, float[] wallDistance2, NoduleType type, double solidH, double h) {}

    /**
     * Region growing at {@code t}, vessel cut, partial-volume volume and measurements. A threshold other than the
     * automatic one, (background + body) / 2, moves the 50 % point of the partial-volume fractions with it: every voxel's
     * fraction shifts by (automatic − t) / contrast, so the boundary and the volume move together, monotonically.
     */
    Segmentation delineate(ClickState s, double t) {
        double h = s.h();
        double pvZero = s.bg() + t - (s.bg() + h) / 2;
        Crop c = s.c();
        int nx = c.nx, ny = c.ny, nz = c.nz, n = c.size();
        int seed = s.seed();
        int sx0 = seed % nx, sy0 = (seed / nx) % ny, sz0 = seed / (nx * ny);
        double bg = s.bg(), rEst = s.rEst(), solidH = s.solidH();
        boolean[] allowed = s.allowed(), wall = s.wall();
        NoduleType type = s.type();
        SeriesRef series = s.series();

        boolean[] region = new boolean[n];
        for (int i = 0; i < n; i++) region[i] = allowed[i] && c.hu[i] >= t;
        region[seed] = true;
        boolean[] comp = Morphology.component(region, nx, ny, nz, seed);
        double rOpen = Math.clamp(p.openingFraction() * rEst, p.minOpeningMm(), p.maxOpeningMm());
        boolean atWall = touches(comp, wall, c);
        if (p.inscribedOpeningFraction() > 0 && !atWall) {
            // clear of the chest wall: the nodule's inscribed radius, the distance-transform peak of the region near
            // the seed (attached vessels do not raise it); an opening a fixed fraction of it keeps the body and cuts
            // what is thinner. Juxtapleural nodules keep the ray estimate the lung-mask closing was tuned with.
            float[] inside = Morphology.squaredDistance(invert(comp), nx, ny, nz, c.sx, c.sy, c.sz);
            double peak2 = 0, reach2 = (rEst + c.sz) * (rEst + c.sz);
            for (int z = 0; z < nz; z++)
                for (int y = 0; y < ny; y++)
                    for (int x = 0; x < nx; x++) {
                        double dx = (x - sx0) * c.sx, dy = (y - sy0) * c.sy, dz = (z - sz0) * c.sz;
                        int i = c.index(x, y, z);
                        if (comp[i] && dx * dx + dy * dy + dz * dz <= reach2) peak2 = Math.max(peak2, inside[i]);
                    }
            rOpen = Math.clamp(p.inscribedOpeningFraction() * Math.sqrt(peak2), p.minOpeningMm(), p.maxOpeningMm());
        }
        boolean[] opened = Morphology.open(comp, nx, ny, nz, c.sx, c.sy, c.sz, rOpen);
        int coreSeed = nearestSet(opened, c, sx0, sy0, sz0, rEst + c.sz);
        // an opening that removed the whole body was too large for it: shrink rather than give up on cutting vessels
        while (coreSeed < 0 && !atWall && rOpen > p.minOpeningMm()) {
            rOpen = Math.max(p.minOpeningMm(), 0.8 * rOpen);
            opened = Morphology.open(comp, nx, ny, nz, c.sx, c.sy, c.sz, rOpen);
            coreSeed = nearestSet(opened, c, sx0, sy0, sz0, rEst + c.sz);
        }
        boolean[] mask, vesselCut = new boolean[n];
        if (coreSeed < 0) {
            mask = comp;
        } else {
            boolean[] core = Morphology.component(opened, nx, ny, nz, coreSeed);
            double rRecon = Math.max(p.reconstructionFraction() * rOpen, c.sx);
            // at least one slice up and down: thick slices must not lose the nodule's caps
            boolean[] recon = Morphology.dilate(core, nx, ny, nz, c.sx, c.sy, Math.min(c.sz, 0.99 * rRecon), rRecon);
            mask = reconstruct(comp, core, recon, wall, vesselCut, c);
            mask = Morphology.component(mask, nx, ny, nz, mask[seed] ? seed : coreSeed);
        }
        boolean[] shell = Morphology.dilate(mask, nx, ny, nz, c.sx, c.sy, Math.min(c.sz, 1.45), 1.5);
        for (int i = 0; i < n; i++) shell[i] &= !mask[i] && allowed[i];
        // partial volume belongs to the nearest object: shell voxels nearer to tissue the segmentation cut off (a
        // vessel beyond the neck) than to the nodule are that tissue's blurred edge, not the nodule's
        boolean anyCut = false;
        for (int i = 0; i < n; i++) anyCut |= vesselCut[i] &= !mask[i];
        if (anyCut && p.shellNearestObject()) {
            float[] dCut = Morphology.squaredDistance(vesselCut, nx, ny, nz, c.sx, c.sy, c.sz);
            float[] dMask = Morphology.squaredDistance(mask, nx, ny, nz, c.sx, c.sy, c.sz);
            for (int i = 0; i < n; i++) if (shell[i] && dCut[i] < dMask[i]) shell[i] = false;
        }

        // partial-volume volume, centroid, statistics
        double contrast = h - bg;
        bg = pvZero; // partial-volume zero: the background, shifted with a user-adjusted threshold
        double fSum = 0, cx = 0, cy = 0, cz = 0, huSum = 0, huSq = 0, solidSum = 0;
        int count = 0;
        double solidContrast = solidH - h;
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = c.index(x, y, z);
                    if (!mask[i] && !shell[i]) continue;
                    double v = c.hu[i];
                    double f = (v - bg) / contrast;
                    if (mask[i]) {
                        f = Math.max(0, type == NoduleType.SOLID ? f : Math.min(1, f));
                        huSum += v;
                        huSq += v * v;
                        count++;
                        if (type == NoduleType.PART_SOLID && solidContrast > 0) {
                            solidSum += Math.clamp((v - h) / solidContrast, 0, 1);
                        }
                    } else {
                        // a shell voxel above half contrast is other tissue (a vessel cut by the opening), not partial volume
                        f = f >= 0.5 ? 0 : Math.max(f, -0.25);
                    }
                    fSum += f;
                    double w = Math.max(0, f);
                    cx += w * x;
                    cy += w * y;
                    cz += w * z;
                }
            }
        }
        double wSum = 0;
        for (int i = 0; i < n; i++) {
            if (mask[i] || shell[i]) {
                double f = (c.hu[i] - bg) / contrast;
                wSum += Math.max(0, mask[i] ? (type == NoduleType.SOLID ? f : Math.min(1, f)) : (f >= 0.5 ? 0 : f));
            }
        }
        // not for juxtapleural nodules: beyond their shell lies the pleura's own blurred edge, whose share the shell
        // does not hold in the same measure (seeds 1 and 7: −10.2 % with the correction, −8.6 % without)
        if (p.shellClutterRingMm() > 0 && !atWall) fSum -= shellClutter(s, mask, shell, vesselCut, bg, contrast);
        double volumeMm3 = Math.max(0, fSum) * c.voxelVolumeMm3();
        Vec3 centroid = wSum > 0 ? c.lpsOf(cx / wSum, cy / wSum, cz / wSum) : c.lpsOf(sx0, sy0, sz0);
        double meanHu = huSum / Math.max(1, count);
        double sdHu = Math.sqrt(Math.max(0, huSq / Math.max(1, count) - meanHu * meanHu));
        double solidVolume = type == NoduleType.SOLID ? volumeMm3 : solidSum * c.voxelVolumeMm3();

        double[] axes = axes(mask, c, (int) Math.round(wSum > 0 ? cz / wSum : sz0));
        double solidMean;
        if (type == NoduleType.SOLID) {
            solidMean = (axes[0] + axes[1]) / 2;
        } else if (type == NoduleType.PART_SOLID) {
            boolean[] solidMask = new boolean[n];
            double ts = (h + solidH) / 2;
            for (int i = 0; i < n; i++) solidMask[i] = mask[i] && c.hu[i] >= ts;
            double[] sa = Morphology.count(solidMask) == 0 ? new double[] {0, 0, 0} : axes(solidMask, c, sz0);
            solidMean = (sa[0] + sa[1]) / 2;
        } else {
            solidMean = 0;
        }
        double max3d = max3dDiameter(mask, c);
        Measurement m = new Measurement(series, centroid, volumeMm3, axes[0], axes[1], Rounding.meanOfAxes(axes[0], axes[1]),
                max3d, solidMean, solidVolume, meanHu, sdHu, type, count, (int) axes[2] + c.k0);
        return new Segmentation(m, s.bg(), h, t, rOpen, rEst, NoduleMask.of(c, mask));
    }

    /**
     * What the partial-volume shell holds that is not the nodule's blurred edge: the mean shell-style fraction of the
     * lung just beyond the shell (a ring {@link SegmentationParams#shellClutterRingMm()} wide, where the nodule's blur has
     * died away) times the shell's voxel count. Clean lung gives about zero; a vessel running past or a locally denser
     * parenchyma lifts the ring and the shell alike, and that share is taken out.
     */
    private double shellClutter(ClickState s, boolean[] mask, boolean[] shell, boolean[] vesselCut, double bg, double contrast) {
        Crop c = s.c();
        int n = c.size();
        float[] d = Morphology.squaredDistance(mask, c.nx, c.ny, c.nz, c.sx, c.sy, c.sz);
        // the chest wall's own blurred edge is no clutter the shell shares: voxels near it are left out on both sides
        float[] dWall = s.wallDistance2();
        double inner = 1.5 + 0.5 * c.sx, outer = inner + p.shellClutterRingMm(), wallGap2 = WALL_BLUR_MM * WALL_BLUR_MM;
        double sum = 0;
        int ring = 0, shellCount = 0;
        for (int i = 0; i < n; i++) {
            if (dWall[i] < wallGap2) continue;
            if (shell[i]) shellCount++;
            if (mask[i] || shell[i] || !s.allowed()[i] || d[i] <= inner * inner || d[i] > outer * outer) continue;
            double f = (c.hu[i] - bg) / contrast;
            sum += f >= 0.5 ? 0 : Math.max(f, -0.25);
            ring++;
        }
        return ring < 10 ? 0 : sum / ring * shellCount;
    }

    /**
     * The core plus the pieces of {@code comp} outside it: a piece that stays inside the reconstruction zone
     * {@code recon} is surface detail the opening removed (a lobe's tip, the caps on thick slices) and is kept whole; a
     * piece that leaves the zone is a vessel (or other tissue) running away from the nodule and is kept only within
     * {@link SegmentationParams#vesselNeckMm()} of the core, so no vessel stub is reconstructed (its voxels beyond the
     * neck go to {@code vesselCut}). Pieces touching {@code wall} (outside the closed lung) keep the plain reconstruction.
     */
    private boolean[] reconstruct(boolean[] comp, boolean[] core, boolean[] recon, boolean[] wall, boolean[] vesselCut, Crop c) {
        int nx = c.nx, ny = c.ny, nz = c.nz, n = c.size(), plane = nx * ny;
        boolean[] mask = core.clone();
        double neck = p.vesselNeckMm();
        boolean[] neckZone = neck > 0 ? Morphology.dilate(core, nx, ny, nz, c.sx, c.sy, Math.min(c.sz, 0.99 * neck), neck) : core;
        boolean[] seen = new boolean[n];
        int[] stack = new int[n], piece = new int[n];
        for (int start = 0; start < n; start++) {
            if (seen[start] || !comp[start] || core[start]) continue;
            int sp = 0, size = 0;
            boolean escapes = false, touchesWall = false;
            stack[sp++] = start;
            seen[start] = true;
            while (sp > 0) {
                int q = stack[--sp];
                piece[size++] = q;
                escapes |= !recon[q];
                int x = q % nx, y = (q / nx) % ny, z = q / plane;
                int[] nb = {x > 0 ? q - 1 : -1, x < nx - 1 ? q + 1 : -1, y > 0 ? q - nx : -1, y < ny - 1 ? q + nx : -1,
                        z > 0 ? q - plane : -1, z < nz - 1 ? q + plane : -1};
                for (int r : nb) {
                    touchesWall |= r >= 0 && wall[r];
                    if (r >= 0 && !seen[r] && comp[r] && !core[r]) {
                        seen[r] = true;
                        stack[sp++] = r;
                    }
                }
            }
            // a piece against the chest wall or mediastinum is the nodule's pleural contact: reconstructed as before
            boolean vessel = escapes && !touchesWall;
            for (int k = 0; k < size; k++) {
                int q = piece[k];
                if (vessel ? neckZone[q] : recon[q]) mask[q] = true;
                else if (vessel) vesselCut[q] = true;
            }
        }
        return mask;
    }

    /** True when some voxel of {@code m} is a 6-neighbour of a voxel of {@code other}. */
    private static boolean touches(boolean[] m, boolean[] other, Crop c) {
        int plane = c.nx * c.ny;
        for (int q = 0; q < m.length; q++) {
            if (!m[q]) continue;
            int x = q % c.nx, y = (q / c.nx) % c.ny, z = q / plane;
            if (x > 0 && other[q - 1] || x < c.nx - 1 && other[q + 1] || y > 0 && other[q - c.nx] || y < c.ny - 1 && other[q + c.nx]
                    || z > 0 && other[q - plane] || z < c.nz - 1 && other[q + plane]) {
                return true;
            }
        }
        return false;
    }

    private static boolean[] invert(boolean[] m) {
        boolean[] out = new boolean[m.length];
        for (int i = 0; i < m.length; i++) out[i] = !m[i];
        return out;
    }

    /** The voxel with the highest 3×3×3 mean within 2 mm of the clicked one. */
    private static int refineSeed(Crop c, int x0, int y0, int z0) {
        int best = c.index(x0, y0, z0);
        double bestV = Double.NEGATIVE_INFINITY;
        int rx = (int) Math.ceil(2 / c.sx), ry = (int) Math.ceil(2 / c.sy), rz = (int) Math.ceil(2 / c.sz);
        for (int z = z0 - rz; z <= z0 + rz; z++) {
            for (int y = y0 - ry; y <= y0 + ry; y++) {
                for (int x = x0 - rx; x <= x0 + rx; x++) {
                    double dx = (x - x0) * c.sx, dy = (y - y0) * c.sy, dz = (z - z0) * c.sz;
                    if (!c.inside(x, y, z) || dx * dx + dy * dy + dz * dz > 4) continue;
                    double s = 0;
                    int m = 0;
                    for (int dz2 = -1; dz2 <= 1; dz2++)
                        for (int dy2 = -1; dy2 <= 1; dy2++)
                            for (int dx2 = -1; dx2 <= 1; dx2++)
                                if (c.inside(x + dx2, y + dy2, z + dz2)) {
                                    s += c.hu[c.index(x + dx2, y + dy2, z + dz2)];
                                    m++;
                                }
                    // prefer the clicked voxel on ties, then the nearest
                    double score = s / m - 1e-6 * (dx * dx + dy * dy + dz * dz);
                    if (score > bestV) {
                        bestV = score;
                        best = c.index(x, y, z);
                    }
                }
            }
        }
        return best;
    }

    private double backgroundHu(Crop c, boolean[] ball) {
        int[] hist = new int[(int) (p.lungMaxHu() - p.lungMinHu()) + 1];
        int total = 0;
        for (int i = 0; i < c.size(); i++) {
            float v = c.hu[i];
            if (ball[i] && v >= p.lungMinHu() && v <= p.lungMaxHu()) {
                hist[(int) (v - p.lungMinHu())]++;
                total++;
            }
        }
        if (total == 0) {
            return -850;
        }
        int acc = 0;
        for (int b = 0; b < hist.length; b++) {
            acc += hist[b];
            if (acc * 2 >= total) return p.lungMinHu() + b;
        }
        return -850;
    }

    /** Sorted ray lengths from the seed (26 directions) until the HU falls below the threshold. */
    private double[] rayLengths(Crop c, int x0, int y0, int z0, double threshold) {
        List<Double> lengths = new ArrayList<>();
        for (int dz = -1; dz <= 1; dz++) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    if (dx == 0 && dy == 0 && dz == 0) continue;
                    double norm = Math.sqrt(dx * dx + dy * dy + dz * dz);
                    double ux = dx / norm, uy = dy / norm, uz = dz / norm;
                    double len = 0;
                    for (double s = 0.2; s <= p.maxRadiusMm(); s += 0.2) {
                        int x = (int) Math.round(x0 + ux * s / c.sx), y = (int) Math.round(y0 + uy * s / c.sy);
                        int z = (int) Math.round(z0 + uz * s / c.sz);
                        if (!c.inside(x, y, z) || c.hu[c.index(x, y, z)] < threshold) break;
                        len = s;
                    }
                    lengths.add(len);
                }
            }
        }
        return lengths.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    private static double median(List<Float> v) {
        return quantile(v, 0.5);
    }

    private static double quantile(List<Float> v, double q) {
        List<Float> s = new ArrayList<>(v);
        s.sort(null);
        return s.get(Math.min(s.size() - 1, (int) (q * s.size())));
    }

    /** Body attenuation of a subsolid nodule: median of the core voxels between the low threshold and solid tissue. */
    private static double upperMedianOfSoft(List<Float> soft, double tLow) {
        // the mode (20-HU bins, smoothed): transition voxels towards a solid core must not pull the body value up
        int lo = (int) Math.floor(tLow), bins = (int) Math.ceil((-300 - tLow) / 20) + 1;
        double[] hist = new double[bins];
        for (float v : soft) hist[Math.clamp((int) ((v - lo) / 20), 0, bins - 1)]++;
        int best = 0;
        double bestV = -1;
        for (int b = 0; b < bins; b++) {
            double sm = hist[b] + 0.5 * ((b > 0 ? hist[b - 1] : 0) + (b < bins - 1 ? hist[b + 1] : 0));
            if (sm > bestV) {
                bestV = sm;
                best = b;
            }
        }
        List<Float> near = new ArrayList<>();
        for (float v : soft) if (Math.abs(v - (lo + 20 * best + 10)) <= 40) near.add(v);
        return near.isEmpty() ? median(soft) : median(near);
    }

    /** Share of the soft voxels within ±50 HU of their mode. */
    private static double plateauFraction(List<Float> soft, double tLow) {
        if (soft.size() < 5) return 0;
        double mode = upperMedianOfSoft(soft, tLow);
        long near = soft.stream().filter(v -> Math.abs(v - mode) <= 50).count();
        return near / (double) soft.size();
    }

    private static int nearestSet(boolean[] m, Crop c, int x0, int y0, int z0, double maxMm) {
        int best = -1;
        double bestD = maxMm * maxMm;
        for (int z = 0; z < c.nz; z++) {
            for (int y = 0; y < c.ny; y++) {
                for (int x = 0; x < c.nx; x++) {
                    int i = c.index(x, y, z);
                    if (!m[i]) continue;
                    double dx = (x - x0) * c.sx, dy = (y - y0) * c.sy, dz = (z - z0) * c.sz;
                    double d = dx * dx + dy * dy + dz * dz;
                    if (d <= bestD) {
                        if (d < bestD || best < 0) best = i;
                        bestD = d;
                    }
                }
            }
        }
        return best;
    }

    /** {long, short, slice z} on the axial slice with the largest area (ties: nearest the centroid slice). */
    private double[] axes(boolean[] mask, Crop c, int centroidZ) {
        int bestZ = -1, bestCount = -1;
        for (int z = 0; z < c.nz; z++) {
            int cnt = 0;
            for (int i = z * c.nx * c.ny; i < (z + 1) * c.nx * c.ny; i++) if (mask[i]) cnt++;
            if (cnt > bestCount || cnt == bestCount && Math.abs(z - centroidZ) < Math.abs(bestZ - centroidZ)) {
                bestCount = cnt;
                bestZ = z;
            }
        }
        int cnt = Math.max(0, bestCount), q = 0;
        double[] xs = new double[cnt], ys = new double[cnt];
        for (int y = 0; y < c.ny; y++) {
            for (int x = 0; x < c.nx; x++) {
                if (mask[c.index(x, y, bestZ)]) {
                    xs[q] = x * c.sx;
                    ys[q++] = y * c.sy;
                }
            }
        }
        CaliperDiameters.Axial a = CaliperDiameters.axial(xs, ys, c.sx, c.sy);
        return new double[] {a.longAxisMm(), a.shortAxisMm(), bestZ};
    }

    private double max3dDiameter(boolean[] mask, Crop c) {
        List<double[]> surface = new ArrayList<>();
        int plane = c.nx * c.ny;
        for (int z = 0; z < c.nz; z++) {
            for (int y = 0; y < c.ny; y++) {
                for (int x = 0; x < c.nx; x++) {
                    int i = c.index(x, y, z);
                    if (!mask[i]) continue;
                    boolean edge = x == 0 || y == 0 || z == 0 || x == c.nx - 1 || y == c.ny - 1 || z == c.nz - 1
                            || !mask[i - 1] || !mask[i + 1] || !mask[i - c.nx] || !mask[i + c.nx] || !mask[i - plane] || !mask[i + plane];
                    if (edge) surface.add(new double[] {x * c.sx, y * c.sy, z * c.sz});
                }
            }
        }
        double[] xs = new double[surface.size()], ys = new double[surface.size()], zs = new double[surface.size()];
        for (int q = 0; q < xs.length; q++) {
            xs[q] = surface.get(q)[0];
            ys[q] = surface.get(q)[1];
            zs[q] = surface.get(q)[2];
        }
        return CaliperDiameters.max3d(xs, ys, zs, c.sx, c.sy, c.sz);
    }
}
