package org.noduletrack.nodule.mesh;

import java.util.HashMap;
import java.util.Map;

/**
 * A triangle mesh in patient LPS mm: {@code verticesLps} holds x, y, z per vertex, {@code normalsLps} one outward unit
 * normal per vertex, {@code triangles} three vertex indices per triangle, counter-clockwise seen from outside.
 * Immutable: arrays are copied in and out.
 */
public record SurfaceMesh(float[] verticesLps, float[] normalsLps, int[] triangles) {
    public SurfaceMesh {
        if (verticesLps.length % 3 != 0 || normalsLps.length != verticesLps.length || triangles.length % 3 != 0) {
            throw new IllegalArgumentException("inconsistent mesh arrays");
        }
        int n = verticesLps.length / 3;
        for (int t : triangles) {
            if (t < 0 || t >= n) {
                throw new IllegalArgumentException("triangle index " + t + " outside 0.." + (n - 1));
            }
        }
        verticesLps = verticesLps.clone();
        normalsLps = normalsLps.clone();
        triangles = triangles.clone();
    }

    @Override
    public float[] verticesLps() { return verticesLps.clone(); }

    @Override
    public float[] normalsLps() { return normalsLps.clone(); }

    @Override
    public int[] triangles() { return triangles.clone(); }

    public int vertexCount() { return verticesLps.length / 3; }

    public int triangleCount() { return triangles.length / 3; }

    public boolean isEmpty() { return triangles.length == 0; }

    /** Total triangle area in mm². */
    public double areaMm2() {
        double a = 0;
        for (int t = 0; t < triangles.length; t += 3) {
            double[] u = edge(t, 0, 1), v = edge(t, 0, 2);
            double cx = u[1] * v[2] - u[2] * v[1], cy = u[2] * v[0] - u[0] * v[2], cz = u[0] * v[1] - u[1] * v[0];
            a += 0.5 * Math.sqrt(cx * cx + cy * cy + cz * cz);
        }
        return a;
    }

    /** Enclosed volume in mm³ by the divergence theorem (meaningful for a closed, outward-oriented mesh). */
    public double enclosedVolumeMm3() {
        double v = 0;
        for (int t = 0; t < triangles.length; t += 3) {
            int a = 3 * triangles[t], b = 3 * triangles[t + 1], c = 3 * triangles[t + 2];
            double ax = verticesLps[a], ay = verticesLps[a + 1], az = verticesLps[a + 2];
            double bx = verticesLps[b], by = verticesLps[b + 1], bz = verticesLps[b + 2];
            double cx = verticesLps[c], cy = verticesLps[c + 1], cz = verticesLps[c + 2];
            v += ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
        }
        return v / 6;
    }

    /** Every undirected edge is used by exactly two triangles, once in each direction (closed and consistently oriented). */
    public boolean isClosedAndOriented() {
        Map<Long, Integer> directed = new HashMap<>();
        for (int t = 0; t < triangles.length; t += 3) {
            for (int e = 0; e < 3; e++) {
                long a = triangles[t + e], b = triangles[t + (e + 1) % 3];
                if (a == b || directed.merge(a << 32 | b, 1, Integer::sum) > 1) {
                    return false;
                }
            }
        }
        for (long key : directed.keySet()) {
            long reverse = (key & 0xFFFFFFFFL) << 32 | key >>> 32;
            if (!directed.containsKey(reverse)) {
                return false;
            }
        }
        return true;
    }

    private double[] edge(int t, int from, int to) {
        int a = 3 * triangles[t + from], b = 3 * triangles[t + to];
        return new double[] {verticesLps[b] - verticesLps[a], verticesLps[b + 1] - verticesLps[a + 1],
                verticesLps[b + 2] - verticesLps[a + 2]};
    }
}
