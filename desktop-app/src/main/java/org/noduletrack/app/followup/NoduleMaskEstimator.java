package org.noduletrack.app.followup;

import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.nodule.mesh.VoxelMask;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.nodule.segmentation.NoduleMask;
import org.noduletrack.nodule.segmentation.Segmentation;
import org.noduletrack.render.geom.Affine3;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.VolumeGeometry;

/**
 * The voxels of a segmented nodule for display (outline, 3D surface, report images): the segmenter's own voxels when it
 * kept them; otherwise reconstructed from its threshold and extent: the voxels at or above the
 * segmentation's threshold, connected to the centroid, within half the maximal 3D diameter (+1.5 mm) of the centroid,
 * taken nearest to the centroid first until they make up the measured volume.
 * The segmenter keeps its own region internal; this reconstruction from its threshold and extent is what the viewers draw
 * (attached vessels are cut at that sphere, where the segmenter cuts them at a neck).
 */
public final class NoduleMaskEstimator {
    static final double MARGIN_MM = 1.5;

    public VoxelMask estimate(ShortVolume volume, Segmentation segmentation) {
        NoduleMask kept = segmentation.mask();
        if (kept.voxelCount() > 0) {
            return fromSegmenter(volume.geometry(), kept);
        }
        return reconstruct(volume, segmentation);
    }

    /** The segmenter's own voxels, as a mask on the same box of the volume grid. */
    static VoxelMask fromSegmenter(VolumeGeometry g, NoduleMask kept) {
        boolean[] voxels = new boolean[kept.nx() * kept.ny() * kept.nz()];
        java.util.BitSet bits = kept.voxels();
        for (int q = bits.nextSetBit(0); q >= 0; q = bits.nextSetBit(q + 1)) voxels[q] = true;
        Affine3 boxToLps = g.ijkToLps().after(Affine3.fromColumns(new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1),
                new Vec3(kept.i0(), kept.j0(), kept.k0())));
        return new VoxelMask(kept.nx(), kept.ny(), kept.nz(), boxToLps, voxels);
    }

    /** Without the segmenter's voxels: from its threshold and extent. */
    VoxelMask reconstruct(ShortVolume volume, Segmentation segmentation) {
        Measurement m = segmentation.measurement();
        VolumeGeometry g = volume.geometry();
        double r = Math.max(m.max3dDiameterMm() / 2 + MARGIN_MM, 2);
        Vec3 c = g.lpsToVoxel(m.centroidLps());
        double sx = g.spacingMm().x(), sy = g.spacingMm().y(), sz = g.spacingMm().z();
        int i0 = Math.max(0, (int) Math.floor(c.x() - r / sx) - 1), i1 = Math.min(g.extent().nx() - 1, (int) Math.ceil(c.x() + r / sx) + 1);
        int j0 = Math.max(0, (int) Math.floor(c.y() - r / sy) - 1), j1 = Math.min(g.extent().ny() - 1, (int) Math.ceil(c.y() + r / sy) + 1);
        int k0 = Math.max(0, (int) Math.floor(c.z() - r / sz) - 1), k1 = Math.min(g.extent().nz() - 1, (int) Math.ceil(c.z() + r / sz) + 1);
        int nx = i1 - i0 + 1, ny = j1 - j0 + 1, nz = k1 - k0 + 1;
        boolean[] candidate = new boolean[nx * ny * nz];
        int start = -1;
        double best = Double.MAX_VALUE;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    Vec3 p = g.voxelToLps(i0 + i, j0 + j, k0 + k);
                    double d = p.distanceTo(m.centroidLps());
                    if (d <= r && volume.modalityValue(i0 + i, j0 + j, k0 + k) >= segmentation.thresholdHu()) {
                        int idx = (k * ny + j) * nx + i;
                        candidate[idx] = true;
                        if (d < best) {
                            best = d;
                            start = idx;
                        }
                    }
                }
            }
        }
        // grow from the centroid through the candidates nearest first, up to the measured volume: what lies beyond
        // (chest wall against a juxtapleural nodule, vessel stubs) is reached last and left out
        boolean[] mask = new boolean[candidate.length];
        long wanted = Math.max(1, Math.round(m.volumeMm3() / (sx * sy * sz)));
        if (start >= 0) {
            java.util.PriorityQueue<double[]> queue = new java.util.PriorityQueue<>(java.util.Comparator.comparingDouble(a -> a[0]));
            boolean[] queued = new boolean[candidate.length];
            queued[start] = true;
            queue.add(new double[] {0, start});
            int[] di = {1, -1, 0, 0, 0, 0}, dj = {0, 0, 1, -1, 0, 0}, dk = {0, 0, 0, 0, 1, -1};
            long taken = 0;
            while (!queue.isEmpty() && taken < wanted) {
                int idx = (int) queue.poll()[1];
                mask[idx] = true;
                taken++;
                int i = idx % nx, j = idx / nx % ny, k = idx / (nx * ny);
                for (int n = 0; n < 6; n++) {
                    int a = i + di[n], b = j + dj[n], e = k + dk[n];
                    if (a < 0 || b < 0 || e < 0 || a >= nx || b >= ny || e >= nz) continue;
                    int q = (e * ny + b) * nx + a;
                    if (candidate[q] && !queued[q]) {
                        queued[q] = true;
                        queue.add(new double[] {g.voxelToLps(i0 + a, j0 + b, k0 + e).distanceTo(m.centroidLps()), q});
                    }
                }
            }
        }
        Affine3 boxToLps = g.ijkToLps().after(Affine3.fromColumns(new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1),
                new Vec3(i0, j0, k0)));
        return new VoxelMask(nx, ny, nz, boxToLps, mask);
    }
}
