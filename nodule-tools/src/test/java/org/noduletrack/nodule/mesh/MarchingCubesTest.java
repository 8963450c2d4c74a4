package org.noduletrack.nodule.mesh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.geom.Affine3;

/** Surfaces of shapes whose area, volume and topology are known in closed form. */
class MarchingCubesTest {
    private final MarchingCubes mc = new MarchingCubes();

    /** A CT-like anisotropic grid: 0.7 × 0.7 × 1.25 mm, origin somewhere in the patient. */
    static Affine3 grid(double sx, double sy, double sz) {
        return Affine3.fromColumns(new Vec3(sx, 0, 0), new Vec3(0, sy, 0), new Vec3(0, 0, sz), new Vec3(-120.5, 33.0, -210.25));
    }

    interface Shape { double signedDistanceInside(Vec3 p); }

    static ScalarField field(int nx, int ny, int nz, Affine3 ijkToLps, Shape s) {
        float[] v = new float[nx * ny * nz];
        for (int k = 0; k < nz; k++)
            for (int j = 0; j < ny; j++)
                for (int i = 0; i < nx; i++)
                    v[(k * ny + j) * nx + i] = (float) s.signedDistanceInside(ijkToLps.applyToPoint(new Vec3(i, j, k)));
        return new ScalarField(nx, ny, nz, ijkToLps, v);
    }

    static VoxelMask mask(ScalarField f) {
        float[] v = f.values();
        boolean[] m = new boolean[v.length];
        for (int i = 0; i < v.length; i++) m[i] = v[i] >= 0;
        return new VoxelMask(f.nx(), f.ny(), f.nz(), f.ijkToLps(), m);
    }

    static long eulerCharacteristic(SurfaceMesh m) {
        Set<Long> edges = new HashSet<>();
        int[] t = m.triangles();
        for (int i = 0; i < t.length; i += 3)
            for (int e = 0; e < 3; e++) {
                long a = t[i + e], b = t[i + (e + 1) % 3];
                edges.add(Math.min(a, b) << 32 | Math.max(a, b));
            }
        return (long) m.vertexCount() - edges.size() + m.triangleCount();
    }

    @Test
    void sphereFromADistanceFieldHasTheAreaAndVolumeOfTheSphere() {
        double r = 6;
        Affine3 g = grid(0.7, 0.7, 1.25);
        Vec3 c = g.applyToPoint(new Vec3(15.3, 14.8, 7.2));
        SurfaceMesh m = mc.extract(field(32, 32, 16, g, p -> r - p.distanceTo(c)), 0);
        System.out.printf("sphere r=6 distance field: area %.1f (exact %.1f), volume %.1f (exact %.1f), %d triangles%n",
                m.areaMm2(), 4 * Math.PI * r * r, m.enclosedVolumeMm3(), 4 * Math.PI * r * r * r / 3, m.triangleCount());
        assertThat(m.areaMm2()).isCloseTo(4 * Math.PI * r * r, withPercentage(2));
        assertThat(m.enclosedVolumeMm3()).isCloseTo(4 * Math.PI * r * r * r / 3, withPercentage(2));
        assertThat(m.isClosedAndOriented()).isTrue();
        assertThat(eulerCharacteristic(m)).isEqualTo(2);
        float[] v = m.verticesLps(), n = m.normalsLps();
        for (int i = 0; i < v.length; i += 3) {
            Vec3 radial = new Vec3(v[i], v[i + 1], v[i + 2]).minus(c).normalized();
            // outward, and close to the true normal (the radial direction)
            assertThat(radial.dot(new Vec3(n[i], n[i + 1], n[i + 2]))).isGreaterThan(0.9);
            assertThat(new Vec3(v[i], v[i + 1], v[i + 2]).distanceTo(c)).isCloseTo(r, org.assertj.core.data.Offset.offset(0.15));
        }
    }

    @Test
    void sphereFromAVoxelMaskIsWithinAFewPercent() {
        for (double r : new double[] {3, 5, 10}) {
            Affine3 g = grid(0.7, 0.7, 1.25);
            int n = (int) Math.ceil(2 * r / 0.7) + 6, nz = (int) Math.ceil(2 * r / 1.25) + 6;
            Vec3 c = g.applyToPoint(new Vec3(n / 2.0 + 0.3, n / 2.0 - 0.2, nz / 2.0 + 0.1));
            VoxelMask mask = mask(field(n, n, nz, g, p -> r - p.distanceTo(c)));
            SurfaceMesh m = mc.extract(mask);
            double area = 4 * Math.PI * r * r, vol = 4 * Math.PI * r * r * r / 3;
            System.out.printf("sphere r=%.0f mask (%d voxels = %.1f mm3): area %.1f (exact %.1f, %+.1f%%), volume %.1f (exact %.1f, %+.1f%%)%n",
                    r, mask.count(), mask.count() * mask.voxelVolumeMm3(), m.areaMm2(), area, 100 * (m.areaMm2() / area - 1),
                    m.enclosedVolumeMm3(), vol, 100 * (m.enclosedVolumeMm3() / vol - 1));
            assertThat(m.isClosedAndOriented()).as("r=" + r).isTrue();
            assertThat(eulerCharacteristic(m)).as("r=" + r).isEqualTo(2);
            double tol = r >= 5 ? 5 : 10; // a 3 mm sphere is 8 voxels across in plane and 5 slices deep
            assertThat(m.areaMm2()).as("r=" + r).isCloseTo(area, withPercentage(tol));
            assertThat(m.enclosedVolumeMm3()).as("r=" + r).isCloseTo(vol, withPercentage(tol));
        }
    }

    @Test
    void torusHasGenusOneAndItsClosedFormAreaAndVolume() {
        double big = 8, small = 3;
        Affine3 g = grid(0.5, 0.5, 0.5);
        Vec3 c = g.applyToPoint(new Vec3(25, 25, 10));
        SurfaceMesh m = mc.extract(field(50, 50, 20, g, p -> {
            Vec3 d = p.minus(c);
            double q = Math.hypot(d.x(), d.y()) - big;
            return small - Math.hypot(q, d.z());
        }), 0);
        assertThat(m.isClosedAndOriented()).isTrue();
        assertThat(eulerCharacteristic(m)).isEqualTo(0);
        assertThat(m.areaMm2()).isCloseTo(4 * Math.PI * Math.PI * big * small, withPercentage(2));
        assertThat(m.enclosedVolumeMm3()).isCloseTo(2 * Math.PI * Math.PI * big * small * small, withPercentage(2));
    }

    @Test
    void maskTouchingTheBoxAndMirroredGridsStillGiveAClosedOutwardSurface() {
        // a full 4×4×4 block: planar walls half a voxel outside the centres; the Kuhn split chamfers 6 of the 12 block
        // edges (right-triangle cross-section of legs 1/2, area 1/8): 64 - 6·4/8 plus a little at the corners
        boolean[] all = new boolean[64];
        java.util.Arrays.fill(all, true);
        Affine3 mirrored = Affine3.fromColumns(new Vec3(-1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 2), new Vec3(5, 5, 5));
        SurfaceMesh m = mc.extract(new ScalarField(4, 4, 4, mirrored, toFloats(all)), 0.5);
        assertThat(m.isClosedAndOriented()).isTrue();
        assertThat(m.enclosedVolumeMm3() / 2).isBetween(64 - 3.0, 64 - 2.5);
        assertThat(eulerCharacteristic(m)).isEqualTo(2);
        float[] v = m.verticesLps(), n = m.normalsLps();
        Vec3 centre = mirrored.applyToPoint(new Vec3(1.5, 1.5, 1.5));
        for (int i = 0; i < v.length; i += 3) {
            assertThat(new Vec3(v[i], v[i + 1], v[i + 2]).minus(centre).dot(new Vec3(n[i], n[i + 1], n[i + 2]))).isPositive();
        }
        assertThat(mc.extract(new VoxelMask(2, 2, 2, mirrored, new boolean[8])).isEmpty()).isTrue();
    }

    @Test
    void twoSeparateBlobsGiveTwoClosedShells() {
        Affine3 g = grid(0.5, 0.5, 0.5);
        Vec3 a = new Vec3(-110, 43, -200), b = new Vec3(-100, 43, -200);
        SurfaceMesh m = mc.extract(field(56, 40, 40, g, p -> Math.max(3 - p.distanceTo(a), 3 - p.distanceTo(b))), 0);
        assertThat(m.isClosedAndOriented()).isTrue();
        assertThat(eulerCharacteristic(m)).isEqualTo(4);
        assertThat(m.enclosedVolumeMm3()).isCloseTo(2 * 4 * Math.PI * 27 / 3, withPercentage(3));
    }

    static float[] toFloats(boolean[] b) {
        float[] f = new float[b.length];
        for (int i = 0; i < b.length; i++) f[i] = b[i] ? 1 : 0;
        return f;
    }
}
