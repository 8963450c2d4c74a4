package org.noduletrack.nodule.segmentation;

import java.util.Arrays;

/**
 * Binary morphology on anisotropic voxel grids through an exact Euclidean distance transform in millimetres
 * (Felzenszwalb-Huttenlocher, separable): dilation by r = distance to the set ≤ r, so balls of any radius cost the same.
 */
final class Morphology {
    private Morphology() {}

    /** Squared distance (mm²) from every voxel to the nearest voxel of {@code set}; +∞ when the set is empty. */
    static float[] squaredDistance(boolean[] set, int nx, int ny, int nz, double sx, double sy, double sz) {
        int n = nx * ny * nz;
        float[] d = new float[n];
        for (int i = 0; i < n; i++) {
            d[i] = set[i] ? 0 : Float.POSITIVE_INFINITY;
        }
        int maxLen = Math.max(nx, Math.max(ny, nz));
        double[] f = new double[maxLen], out = new double[maxLen], zz = new double[maxLen + 1];
        int[] v = new int[maxLen];
        // x lines
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int base = (z * ny + y) * nx;
                for (int x = 0; x < nx; x++) f[x] = d[base + x];
                transform1d(f, nx, sx, out, v, zz);
                for (int x = 0; x < nx; x++) d[base + x] = (float) out[x];
            }
        }
        for (int z = 0; z < nz; z++) {
            for (int x = 0; x < nx; x++) {
                for (int y = 0; y < ny; y++) f[y] = d[(z * ny + y) * nx + x];
                transform1d(f, ny, sy, out, v, zz);
                for (int y = 0; y < ny; y++) d[(z * ny + y) * nx + x] = (float) out[y];
            }
        }
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                for (int z = 0; z < nz; z++) f[z] = d[(z * ny + y) * nx + x];
                transform1d(f, nz, sz, out, v, zz);
                for (int z = 0; z < nz; z++) d[(z * ny + y) * nx + x] = (float) out[z];
            }
        }
        return d;
    }

    /** 1D squared distance transform of sampled function f with sample spacing s (lower envelope of parabolas). */
    private static void transform1d(double[] f, int n, double s, double[] d, int[] v, double[] z) {
        int k = -1;
        for (int q = 0; q < n; q++) {
            if (f[q] == Double.POSITIVE_INFINITY) continue;
            double pq = q * s;
            while (k >= 0) {
                double pv = v[k] * s;
                double sIntersect = ((f[q] + pq * pq) - (f[v[k]] + pv * pv)) / (2 * pq - 2 * pv);
                if (sIntersect <= z[k]) {
                    k--;
                } else {
                    k++;
                    v[k] = q;
                    z[k] = sIntersect;
                    z[k + 1] = Double.POSITIVE_INFINITY;
                    break;
                }
            }
            if (k < 0) {
                k = 0;
                v[0] = q;
                z[0] = Double.NEGATIVE_INFINITY;
                z[1] = Double.POSITIVE_INFINITY;
            }
        }
        if (k < 0) {
            Arrays.fill(d, 0, n, Double.POSITIVE_INFINITY);
            return;
        }
        int j = 0;
        for (int q = 0; q < n; q++) {
            double pq = q * s;
            while (z[j + 1] < pq) j++;
            double dv = pq - v[j] * s;
            d[q] = dv * dv + f[v[j]];
        }
    }

    static boolean[] dilate(boolean[] m, int nx, int ny, int nz, double sx, double sy, double sz, double rMm) {
        float[] d = squaredDistance(m, nx, ny, nz, sx, sy, sz);
        boolean[] out = new boolean[m.length];
        float r2 = (float) (rMm * rMm) + 1e-4f;
        for (int i = 0; i < m.length; i++) out[i] = d[i] <= r2;
        return out;
    }

    /** Erosion; voxels outside the grid count as {@code outsideValue}. */
    static boolean[] erode(boolean[] m, int nx, int ny, int nz, double sx, double sy, double sz, double rMm) {
        boolean[] inv = new boolean[m.length];
        for (int i = 0; i < m.length; i++) inv[i] = !m[i];
        boolean[] d = dilate(inv, nx, ny, nz, sx, sy, sz, rMm);
        for (int i = 0; i < m.length; i++) d[i] = !d[i];
        return d;
    }

    static boolean[] open(boolean[] m, int nx, int ny, int nz, double sx, double sy, double sz, double rMm) {
        return dilate(erode(m, nx, ny, nz, sx, sy, sz, rMm), nx, ny, nz, sx, sy, sz, rMm);
    }

    static boolean[] close(boolean[] m, int nx, int ny, int nz, double sx, double sy, double sz, double rMm) {
        return erode(dilate(m, nx, ny, nz, sx, sy, sz, rMm), nx, ny, nz, sx, sy, sz, rMm);
    }

    /** The 6-connected component of {@code m} containing {@code seed} (empty if the seed is not in m). */
    static boolean[] component(boolean[] m, int nx, int ny, int nz, int seed) {
        boolean[] out = new boolean[m.length];
        if (seed < 0 || !m[seed]) return out;
        int[] stack = new int[m.length];
        int sp = 0;
        stack[sp++] = seed;
        out[seed] = true;
        int plane = nx * ny;
        while (sp > 0) {
            int p = stack[--sp];
            int x = p % nx, y = (p / nx) % ny, z = p / plane;
            if (x > 0 && m[p - 1] && !out[p - 1]) { out[p - 1] = true; stack[sp++] = p - 1; }
            if (x < nx - 1 && m[p + 1] && !out[p + 1]) { out[p + 1] = true; stack[sp++] = p + 1; }
            if (y > 0 && m[p - nx] && !out[p - nx]) { out[p - nx] = true; stack[sp++] = p - nx; }
            if (y < ny - 1 && m[p + nx] && !out[p + nx]) { out[p + nx] = true; stack[sp++] = p + nx; }
            if (z > 0 && m[p - plane] && !out[p - plane]) { out[p - plane] = true; stack[sp++] = p - plane; }
            if (z < nz - 1 && m[p + plane] && !out[p + plane]) { out[p + plane] = true; stack[sp++] = p + plane; }
        }
        return out;
    }

    static int count(boolean[] m) {
        int c = 0;
        for (boolean b : m) if (b) c++;
        return c;
    }
}
