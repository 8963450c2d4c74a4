package org.noduletrack.nodule.mesh;

import java.util.HashMap;
import java.util.Map;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.geom.Affine3;

/**
 * Iso-surface extraction by marching cubes, each cube split into the six tetrahedra of the Kuhn (Freudenthal)
 * decomposition along its main diagonal. Neighbouring cubes then cut their shared faces along the same diagonal, so the
 * surface has no cracks and no ambiguous cases (the classic 256-case table has face ambiguities that can leave holes).
 * The grid is padded with "outside", so the surface is always closed: every edge belongs to exactly two triangles.
 * Vertices lie on grid edges by linear interpolation, normals come from the field's gradient; all in LPS mm.
 * Inside is {@code value > iso}. Pure and deterministic.
 */
public final class MarchingCubes {
    /** The six tetrahedra of a cube: corner bits x=1, y=2, z=4, from corner 0 to corner 7 through one axis order each. */
    private static final int[][] TETRAHEDRA = {
            {0, 1, 3, 7}, {0, 1, 5, 7}, {0, 2, 3, 7}, {0, 2, 6, 7}, {0, 4, 5, 7}, {0, 4, 6, 7}};

    /**
     * The surface of a mask: a level set of its smoothed occupancy ({@link ScalarField#smoothedOccupancy}), the level
     * chosen (bisection) so that the surface encloses the mask's volume (smoothing alone would shrink small convex
     * shapes). Empty when the mask is empty.
     */
    public SurfaceMesh extract(VoxelMask mask) {
        ScalarField f = ScalarField.smoothedOccupancy(mask);
        double target = mask.count() * mask.voxelVolumeMm3();
        if (target == 0) {
            return extract(f, 0.5);
        }
        double lo = 0.05, hi = 0.95;
        for (int i = 0; i < 14; i++) {
            double mid = (lo + hi) / 2;
            if (Math.abs(extract(f, mid).enclosedVolumeMm3()) > target) lo = mid;
            else hi = mid;
        }
        return extract(f, (lo + hi) / 2);
    }

    public SurfaceMesh extract(ScalarField field, double iso) {
        return new Extraction(field, iso).run();
    }

    private static final class Extraction {
        final int nx, ny, nz, px, py, pz;
        final float[] v;
        final double iso;
        final Affine3 ijkToLps;
        final double[] normalMatrix; // inverse transpose of the linear part, row-major 3×3
        final Map<Long, Integer> vertexOfEdge = new HashMap<>();
        final FloatList vertices = new FloatList(), normals = new FloatList();
        /** Per vertex, the midpoint of its grid edge: orientation is decided there, where no triangle is degenerate. */
        final FloatList midpoints = new FloatList();
        final IntList triangles = new IntList();

        Extraction(ScalarField f, double iso) {
            nx = f.nx();
            ny = f.ny();
            nz = f.nz();
            px = nx + 2;
            py = ny + 2;
            pz = nz + 2;
            v = f.values();
            this.iso = iso;
            ijkToLps = f.ijkToLps();
            Affine3 inv = ijkToLps.inverse();
            normalMatrix = new double[9];
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    normalMatrix[r * 3 + c] = inv.get(c, r);
                }
            }
        }

        /** Value at padded grid point (i, j, k), i in -1..nx; outside the grid it is below any iso level. */
        double value(int i, int j, int k) {
            if (i < 0 || j < 0 || k < 0 || i >= nx || j >= ny || k >= nz) {
                return Double.NEGATIVE_INFINITY;
            }
            return v[(k * ny + j) * nx + i];
        }

        long id(int i, int j, int k) { return ((long) (k + 1) * py + (j + 1)) * px + (i + 1); }

        SurfaceMesh run() {
            int[] ci = new int[8], cj = new int[8], ck = new int[8];
            double[] cv = new double[8];
            for (int k = -1; k < nz; k++) {
                for (int j = -1; j < ny; j++) {
                    for (int i = -1; i < nx; i++) {
                        int inside = 0;
                        for (int c = 0; c < 8; c++) {
                            ci[c] = i + (c & 1);
                            cj[c] = j + (c >> 1 & 1);
                            ck[c] = k + (c >> 2 & 1);
                            cv[c] = value(ci[c], cj[c], ck[c]);
                            if (cv[c] > iso) inside++;
                        }
                        if (inside == 0 || inside == 8) continue;
                        for (int[] t : TETRAHEDRA) {
                            tetrahedron(t, ci, cj, ck, cv);
                        }
                    }
                }
            }
            float[] vs = vertices.toArray(), ns = normals.toArray();
            int[] ts = triangles.toArray();
            if (ijkToLps.determinant() < 0) {
                // a mirroring grid turns index-space orientation inside out
                for (int t = 0; t < ts.length; t += 3) {
                    int x = ts[t + 1];
                    ts[t + 1] = ts[t + 2];
                    ts[t + 2] = x;
                }
            }
            // orientation was fixed in index space; vertices go to LPS now
            for (int p = 0; p < vs.length; p += 3) {
                Vec3 q = ijkToLps.applyToPoint(new Vec3(vs[p], vs[p + 1], vs[p + 2]));
                vs[p] = (float) q.x();
                vs[p + 1] = (float) q.y();
                vs[p + 2] = (float) q.z();
            }
            return new SurfaceMesh(vs, ns, ts);
        }

        private void tetrahedron(int[] t, int[] ci, int[] cj, int[] ck, double[] cv) {
            int[] in = new int[4], out = new int[4];
            int nIn = 0, nOut = 0;
            for (int c : t) {
                if (cv[c] > iso) in[nIn++] = c;
                else out[nOut++] = c;
            }
            if (nIn == 0 || nOut == 0) return;
            double[] dir = direction(in, nIn, out, nOut, ci, cj, ck);
            if (nIn == 1) {
                triangle(edge(in[0], out[0], ci, cj, ck, cv), edge(in[0], out[1], ci, cj, ck, cv),
                        edge(in[0], out[2], ci, cj, ck, cv), dir);
            } else if (nIn == 3) {
                triangle(edge(in[0], out[0], ci, cj, ck, cv), edge(in[1], out[0], ci, cj, ck, cv),
                        edge(in[2], out[0], ci, cj, ck, cv), dir);
            } else {
                int ac = edge(in[0], out[0], ci, cj, ck, cv), ad = edge(in[0], out[1], ci, cj, ck, cv);
                int bd = edge(in[1], out[1], ci, cj, ck, cv), bc = edge(in[1], out[0], ci, cj, ck, cv);
                triangle(ac, ad, bd, dir);
                triangle(ac, bd, bc, dir);
            }
        }

        /** From the inside corners' centroid to the outside corners' centroid (index space). */
        private static double[] direction(int[] in, int nIn, int[] out, int nOut, int[] ci, int[] cj, int[] ck) {
            double[] d = new double[3];
            for (int a = 0; a < nOut; a++) {
                d[0] += ci[out[a]] / (double) nOut;
                d[1] += cj[out[a]] / (double) nOut;
                d[2] += ck[out[a]] / (double) nOut;
            }
            for (int a = 0; a < nIn; a++) {
                d[0] -= ci[in[a]] / (double) nIn;
                d[1] -= cj[in[a]] / (double) nIn;
                d[2] -= ck[in[a]] / (double) nIn;
            }
            return d;
        }

        /**
         * Emits a triangle facing {@code outward}. The facing is judged on the edge midpoints (half-integers, exact):
         * the interpolated vertices can make slivers whose computed normal has no reliable sign, while the midpoint
         * triangle has the same combinatorial orientation and is never degenerate.
         */
        private void triangle(int a, int b, int c, double[] outward) {
            float[] p = midpoints.data;
            double ux = p[3 * b] - p[3 * a], uy = p[3 * b + 1] - p[3 * a + 1], uz = p[3 * b + 2] - p[3 * a + 2];
            double vx = p[3 * c] - p[3 * a], vy = p[3 * c + 1] - p[3 * a + 1], vz = p[3 * c + 2] - p[3 * a + 2];
            double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            if (nx * outward[0] + ny * outward[1] + nz * outward[2] < 0) {
                triangles.add(a);
                triangles.add(c);
                triangles.add(b);
            } else {
                triangles.add(a);
                triangles.add(b);
                triangles.add(c);
            }
        }

        /** The vertex on the grid edge between an inside and an outside corner, shared by every cell using that edge. */
        private int edge(int inCorner, int outCorner, int[] ci, int[] cj, int[] ck, double[] cv) {
            long a = id(ci[inCorner], cj[inCorner], ck[inCorner]), b = id(ci[outCorner], cj[outCorner], ck[outCorner]);
            long key = Math.min(a, b) * ((long) px * py * pz) + Math.max(a, b);
            Integer known = vertexOfEdge.get(key);
            if (known != null) return known;
            double va = cv[inCorner], vb = cv[outCorner];
            double t = Double.isInfinite(vb) ? 1 : Math.clamp((va - iso) / (va - vb), 0, 1);
            double x = ci[inCorner] + t * (ci[outCorner] - ci[inCorner]);
            double y = cj[inCorner] + t * (cj[outCorner] - cj[inCorner]);
            double z = ck[inCorner] + t * (ck[outCorner] - ck[inCorner]);
            if (Double.isInfinite(vb)) {
                // the padding: put the wall half-way so the box boundary closes the surface
                x = ci[inCorner] + 0.5 * (ci[outCorner] - ci[inCorner]);
                y = cj[inCorner] + 0.5 * (cj[outCorner] - cj[inCorner]);
                z = ck[inCorner] + 0.5 * (ck[outCorner] - ck[inCorner]);
            }
            int index = vertices.size() / 3;
            midpoints.add((ci[inCorner] + ci[outCorner]) / 2f);
            midpoints.add((cj[inCorner] + cj[outCorner]) / 2f);
            midpoints.add((ck[inCorner] + ck[outCorner]) / 2f);
            vertices.add((float) x);
            vertices.add((float) y);
            vertices.add((float) z);
            double[] g = gradient(x, y, z);
            double gx = -g[0], gy = -g[1], gz = -g[2];
            if (gx == 0 && gy == 0 && gz == 0) {
                gx = ci[outCorner] - ci[inCorner];
                gy = cj[outCorner] - cj[inCorner];
                gz = ck[outCorner] - ck[inCorner];
            }
            double lx = normalMatrix[0] * gx + normalMatrix[1] * gy + normalMatrix[2] * gz;
            double ly = normalMatrix[3] * gx + normalMatrix[4] * gy + normalMatrix[5] * gz;
            double lz = normalMatrix[6] * gx + normalMatrix[7] * gy + normalMatrix[8] * gz;
            double len = Math.sqrt(lx * lx + ly * ly + lz * lz);
            normals.add((float) (lx / len));
            normals.add((float) (ly / len));
            normals.add((float) (lz / len));
            vertexOfEdge.put(key, index);
            return index;
        }

        /** Field gradient (index space) at a point on a grid edge: central differences at the nearest grid point. */
        private double[] gradient(double x, double y, double z) {
            int i = (int) Math.round(x), j = (int) Math.round(y), k = (int) Math.round(z);
            return new double[] {diff(i + 1, j, k, i - 1, j, k), diff(i, j + 1, k, i, j - 1, k), diff(i, j, k + 1, i, j, k - 1)};
        }

        private double diff(int i1, int j1, int k1, int i0, int j0, int k0) {
            double a = finite(i1, j1, k1), b = finite(i0, j0, k0);
            return (a - b) / 2;
        }

        private double finite(int i, int j, int k) {
            double x = value(i, j, k);
            return Double.isInfinite(x) ? Math.min(0, iso) - 1 : x;
        }
    }

    private static final class FloatList {
        float[] data = new float[1024];
        int n;

        void add(float x) {
            if (n == data.length) data = java.util.Arrays.copyOf(data, n * 2);
            data[n++] = x;
        }

        int size() { return n; }

        float[] toArray() { return java.util.Arrays.copyOf(data, n); }
    }

    private static final class IntList {
        int[] data = new int[1024];
        int n;

        void add(int x) {
            if (n == data.length) data = java.util.Arrays.copyOf(data, n * 2);
            data[n++] = x;
        }

        int[] toArray() { return java.util.Arrays.copyOf(data, n); }
    }
}
