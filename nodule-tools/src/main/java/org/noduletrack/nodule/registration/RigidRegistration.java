package org.noduletrack.nodule.registration;

import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.geom.Affine3;
import org.noduletrack.render.geom.Extent;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.VolumeGeometry;

/**
 * Rigid registration of two CT volumes of one patient: maximises the normalised cross-correlation of HU (clamped to a
 * window) between fixed-image samples inside the body and the trilinearly interpolated moving image, by a deterministic
 * pattern search over the six rigid parameters, coarse to fine (sample spacing 8, 4, 2 mm), after aligning the body
 * centroids. {@link #refineLocal} repeats the search in a small box around a point (e.g. a nodule), which absorbs local
 * breathing deformation. Single-threaded and deterministic: the same inputs give the same matrix.
 */
public final class RigidRegistration {
    /**
     * @param fixedToMoving maps fixed-image LPS to moving-image LPS
     * @param ncc           metric value at the optimum (finest level)
     * @param evaluations   metric evaluations spent
     */
    public record Result(Affine3 fixedToMoving, double ncc, int evaluations) {}

    private final RegistrationParams p;

    public RegistrationParams params() { return p; }

    public RigidRegistration(RegistrationParams params) {
        this.p = params;
    }

    public RigidRegistration() {
        this(RegistrationParams.DEFAULTS);
    }

    private record Samples(double[] x, double[] y, double[] z, double[] v) {
        int size() { return v.length; }
    }

    public Result register(ShortVolume fixed, ShortVolume moving) {
        Vec3 cf = bodyCentroid(fixed), cm = bodyCentroid(moving);
        double[] par = {0, 0, 0, cm.x() - cf.x(), cm.y() - cf.y(), cm.z() - cf.z()};
        double[] levels = p.levelSpacingMm();
        double tStep = p.initialTranslationStepMm(), rStep = Math.toRadians(p.initialRotationStepDeg());
        int evals = 0;
        double best = Double.NaN;
        for (int l = 0; l < levels.length; l++) {
            Samples s = samplesOnGrid(fixed, levels[l]);
            double stopStep = l == levels.length - 1 ? p.finalTranslationStepMm() : levels[l] / 8;
            Search r = patternSearch(s, moving, par, cf, Affine3.IDENTITY, tStep, rStep, stopStep);
            par = r.par;
            best = r.value;
            evals += r.evals;
            tStep = Math.max(stopStep * 4, p.finalTranslationStepMm());
            rStep = Math.toRadians(Math.max(0.25, p.initialRotationStepDeg() * tStep / p.initialTranslationStepMm()));
        }
        return new Result(RigidTransform.of(par, cf).toAffine(), best, evals);
    }

    /** Refines {@code initial} (fixed → moving) in a box around {@code fixedPointLps}. */
    public Result refineLocal(ShortVolume fixed, ShortVolume moving, Vec3 fixedPointLps, Affine3 initial) {
        Samples s = samplesInBox(fixed, fixedPointLps, p.localHalfSizeMm(), 1.0);
        return refineLocal(s, moving, fixedPointLps, initial);
    }

    private Result refineLocal(Samples s, ShortVolume moving, Vec3 fixedPointLps, Affine3 initial) {
        Vec3 centre = initial.applyToPoint(fixedPointLps);
        Search r = patternSearch(s, moving, new double[6], centre, initial, 2, Math.toRadians(2), p.finalTranslationStepMm());
        return new Result(RigidTransform.of(r.par, centre).toAffine().after(initial), r.value, r.evals);
    }

    /**
     * The counterpart of one point after local refinement, with how much to trust it.
     *
     * @param movingPointLps  where {@code fixedPointLps} lies in the moving image
     * @param ncc             normalised cross-correlation of the box at the optimum
     * @param sharpness       mean NCC drop when the optimum is shifted by {@value #SHARPNESS_SHIFT_MM} mm along each
     *                        axis, both ways: about 0 for a featureless box (any position fits as well)
     * @param confidence      in [0, 1]: max(0, ncc) × sharpness / (sharpness + {@value #SHARPNESS_HALF_CONFIDENCE})
     * @param fixedToMovingLocal the refined rigid map valid in the box
     */
    public record LocalMatch(Vec3 fixedPointLps, Vec3 movingPointLps, double ncc, double sharpness, double confidence,
                             Affine3 fixedToMovingLocal) {}

    /** Shift (mm) at which the sharpness of a local optimum is probed. */
    public static final double SHARPNESS_SHIFT_MM = 2.0;
    /** Sharpness at which the confidence is half the NCC. */
    public static final double SHARPNESS_HALF_CONFIDENCE = 0.01;

    /**
     * Local refinement in a box of ±{@link RegistrationParams#localHalfSizeMm()} around {@code fixedPointLps}, starting
     * from {@code initial} (fixed → moving, e.g. {@link #register}'s result). For the other direction (a point on the
     * moving image, e.g. the current scan, to the fixed one) call it with the volumes swapped and {@code initial.inverse()}.
     */
    public LocalMatch locate(ShortVolume fixed, ShortVolume moving, Vec3 fixedPointLps, Affine3 initial) {
        Samples s = samplesInBox(fixed, fixedPointLps, p.localHalfSizeMm(), 1.0);
        Result r = refineLocal(s, moving, fixedPointLps, initial);
        Vec3 target = r.fixedToMoving().applyToPoint(fixedPointLps);
        double drop = 0;
        for (int axis = 0; axis < 3; axis++) {
            for (int sign = -1; sign <= 1; sign += 2) {
                double[] t = new double[12];
                t[0] = t[5] = t[10] = 1;
                t[axis * 4 + 3] = sign * SHARPNESS_SHIFT_MM;
                drop += r.ncc() - ncc(s, moving, new Affine3(t).after(r.fixedToMoving()));
            }
        }
        double sharpness = drop / 6;
        double confidence = Math.max(0, r.ncc()) * Math.max(0, sharpness) / (Math.max(0, sharpness) + SHARPNESS_HALF_CONFIDENCE);
        return new LocalMatch(fixedPointLps, target, r.ncc(), sharpness, confidence, r.fixedToMoving());
    }

    private record Search(double[] par, double value, int evals) {}

    /** Maximises NCC over delta parameters; the map is delta(par about centre) after {@code base}. */
    private Search patternSearch(Samples s, ShortVolume moving, double[] start, Vec3 centre, Affine3 base, double tStep,
                                 double rStep, double stopStep) {
        double[] par = start.clone();
        int evals = 1;
        double best = ncc(s, moving, RigidTransform.of(par, centre).toAffine().after(base));
        while (tStep >= stopStep) {
            boolean improved = false;
            for (int d = 0; d < 6; d++) {
                double step = d < 3 ? rStep : tStep;
                for (int sign = -1; sign <= 1; sign += 2) {
                    double[] trial = par.clone();
                    trial[d] += sign * step;
                    double v = ncc(s, moving, RigidTransform.of(trial, centre).toAffine().after(base));
                    evals++;
                    if (v > best + 1e-9) {
                        best = v;
                        par = trial;
                        improved = true;
                        break;
                    }
                }
            }
            if (!improved) {
                tStep /= 2;
                rStep /= 2;
            }
        }
        return new Search(par, best, evals);
    }

    private double clampHu(double v) { return Math.clamp(v, p.minHu(), p.maxHu()); }

    private double ncc(Samples s, ShortVolume moving, Affine3 fixedToMoving) {
        VolumeGeometry g = moving.geometry();
        Affine3 toIjk = g.lpsToIjk().after(fixedToMoving);
        double[] m = toIjk.rowMajor();
        Extent e = g.extent();
        double slope = moving.valueScale().slope(), icpt = moving.valueScale().intercept();
        double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
        int n = s.size();
        for (int q = 0; q < n; q++) {
            double x = s.x[q], y = s.y[q], z = s.z[q];
            double fi = m[0] * x + m[1] * y + m[2] * z + m[3];
            double fj = m[4] * x + m[5] * y + m[6] * z + m[7];
            double fk = m[8] * x + m[9] * y + m[10] * z + m[11];
            double b = clampHu(trilinear(moving, e, fi, fj, fk, slope, icpt));
            double a = s.v[q];
            sa += a;
            sb += b;
            saa += a * a;
            sbb += b * b;
            sab += a * b;
        }
        double va = saa - sa * sa / n, vb = sbb - sb * sb / n, cov = sab - sa * sb / n;
        return va <= 0 || vb <= 0 ? -1 : cov / Math.sqrt(va * vb);
    }

    private static double trilinear(ShortVolume v, Extent e, double fi, double fj, double fk, double slope, double icpt) {
        int i = (int) Math.floor(fi), j = (int) Math.floor(fj), k = (int) Math.floor(fk);
        if (i < 0 || j < 0 || k < 0 || i >= e.nx() - 1 || j >= e.ny() - 1 || k >= e.nz() - 1) {
            if (fi < -0.5 || fj < -0.5 || fk < -0.5 || fi > e.nx() - 0.5 || fj > e.ny() - 0.5 || fk > e.nz() - 0.5) {
                return -1000;
            }
            int ni = Math.clamp(Math.round(fi), 0, e.nx() - 1), nj = Math.clamp(Math.round(fj), 0, e.ny() - 1);
            int nk = Math.clamp(Math.round(fk), 0, e.nz() - 1);
            return v.voxel(ni, nj, nk) * slope + icpt;
        }
        double dx = fi - i, dy = fj - j, dz = fk - k;
        double c000 = v.voxel(i, j, k), c100 = v.voxel(i + 1, j, k), c010 = v.voxel(i, j + 1, k), c110 = v.voxel(i + 1, j + 1, k);
        double c001 = v.voxel(i, j, k + 1), c101 = v.voxel(i + 1, j, k + 1), c011 = v.voxel(i, j + 1, k + 1);
        double c111 = v.voxel(i + 1, j + 1, k + 1);
        double c00 = c000 + (c100 - c000) * dx, c10 = c010 + (c110 - c010) * dx;
        double c01 = c001 + (c101 - c001) * dx, c11 = c011 + (c111 - c011) * dx;
        double c0 = c00 + (c10 - c00) * dy, c1 = c01 + (c11 - c01) * dy;
        return (c0 + (c1 - c0) * dz) * slope + icpt;
    }

    private Samples samplesOnGrid(ShortVolume f, double spacingMm) {
        VolumeGeometry g = f.geometry();
        int si = Math.max(1, (int) Math.round(spacingMm / g.spacingMm().x()));
        int sj = Math.max(1, (int) Math.round(spacingMm / g.spacingMm().y()));
        int sk = Math.max(1, (int) Math.round(spacingMm / g.spacingMm().z()));
        Extent e = g.extent();
        int cap = (e.nx() / si + 1) * (e.ny() / sj + 1) * (e.nz() / sk + 1);
        double[] xs = new double[cap], ys = new double[cap], zs = new double[cap], vs = new double[cap];
        int n = 0;
        for (int k = 0; k < e.nz(); k += sk) {
            for (int j = 0; j < e.ny(); j += sj) {
                for (int i = 0; i < e.nx(); i += si) {
                    double hu = f.modalityValue(i, j, k);
                    if (hu <= p.bodyHu()) continue;
                    Vec3 q = g.voxelToLps(i, j, k);
                    xs[n] = q.x();
                    ys[n] = q.y();
                    zs[n] = q.z();
                    vs[n] = clampHu(hu);
                    n++;
                }
            }
        }
        return subsample(xs, ys, zs, vs, n);
    }

    private Samples samplesInBox(ShortVolume f, Vec3 centre, double halfMm, double spacingMm) {
        VolumeGeometry g = f.geometry();
        Vec3 c = g.lpsToVoxel(centre);
        int si = Math.max(1, (int) Math.round(spacingMm / g.spacingMm().x()));
        int sj = Math.max(1, (int) Math.round(spacingMm / g.spacingMm().y()));
        int sk = Math.max(1, (int) Math.round(spacingMm / g.spacingMm().z()));
        int hi = (int) Math.ceil(halfMm / g.spacingMm().x()), hj = (int) Math.ceil(halfMm / g.spacingMm().y());
        int hk = (int) Math.ceil(halfMm / g.spacingMm().z());
        Extent e = g.extent();
        int i0 = Math.max(0, (int) Math.round(c.x()) - hi), i1 = Math.min(e.nx() - 1, (int) Math.round(c.x()) + hi);
        int j0 = Math.max(0, (int) Math.round(c.y()) - hj), j1 = Math.min(e.ny() - 1, (int) Math.round(c.y()) + hj);
        int k0 = Math.max(0, (int) Math.round(c.z()) - hk), k1 = Math.min(e.nz() - 1, (int) Math.round(c.z()) + hk);
        if (i0 > i1 || j0 > j1 || k0 > k1) {
            throw new IllegalArgumentException("point " + centre + " lies outside the fixed series");
        }
        int cap = ((i1 - i0) / si + 1) * ((j1 - j0) / sj + 1) * ((k1 - k0) / sk + 1);
        double[] xs = new double[cap], ys = new double[cap], zs = new double[cap], vs = new double[cap];
        int n = 0;
        for (int k = k0; k <= k1; k += sk) {
            for (int j = j0; j <= j1; j += sj) {
                for (int i = i0; i <= i1; i += si) {
                    Vec3 q = g.voxelToLps(i, j, k);
                    xs[n] = q.x();
                    ys[n] = q.y();
                    zs[n] = q.z();
                    vs[n] = clampHu(f.modalityValue(i, j, k));
                    n++;
                }
            }
        }
        return subsample(xs, ys, zs, vs, n);
    }

    private Samples subsample(double[] xs, double[] ys, double[] zs, double[] vs, int n) {
        int m = Math.min(n, p.samplesPerLevel());
        double[] x = new double[m], y = new double[m], z = new double[m], v = new double[m];
        for (int q = 0; q < m; q++) {
            int src = (int) ((long) q * n / m);
            x[q] = xs[src];
            y[q] = ys[src];
            z[q] = zs[src];
            v[q] = vs[src];
        }
        return new Samples(x, y, z, v);
    }

    /** Centroid of soft tissue (HU above −500) on a 4 mm grid. */
    static Vec3 bodyCentroid(ShortVolume f) {
        VolumeGeometry g = f.geometry();
        int si = Math.max(1, (int) Math.round(4 / g.spacingMm().x())), sj = Math.max(1, (int) Math.round(4 / g.spacingMm().y()));
        int sk = Math.max(1, (int) Math.round(4 / g.spacingMm().z()));
        Extent e = g.extent();
        double sx = 0, sy = 0, sz = 0;
        long n = 0;
        for (int k = 0; k < e.nz(); k += sk) {
            for (int j = 0; j < e.ny(); j += sj) {
                for (int i = 0; i < e.nx(); i += si) {
                    if (f.modalityValue(i, j, k) > -500) {
                        sx += i;
                        sy += j;
                        sz += k;
                        n++;
                    }
                }
            }
        }
        return n == 0 ? g.centerLps() : g.voxelToLps(sx / n, sy / n, sz / n);
    }
}
