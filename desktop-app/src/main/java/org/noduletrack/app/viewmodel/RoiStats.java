package org.noduletrack.app.viewmodel;

import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.VolumeGeometry;

/**
 * Statistics of the voxels inside an ellipse ROI: voxels whose centres lie within half a voxel of the measurement's
 * plane (along its normal) and inside the ellipse in the plane. Values are modality values (HU for CT). The area is the
 * number of those voxels times the in-plane voxel area; {@link Measurement#ellipseAreaMm2()} is the geometric area.
 */
public record RoiStats(int voxels, double mean, double sd, double voxelAreaMm2) {
    public double areaMm2() { return voxels * voxelAreaMm2; }

    public static RoiStats of(ShortVolume volume, Measurement m) {
        VolumeGeometry g = volume.geometry();
        Vec3 n = m.normal(), row = m.rowDirection(), col = m.columnDirection(), c = m.center();
        double rx = m.radiusRowMm(), ry = m.radiusColumnMm();
        // spacing of the voxel axes nearest the normal, row and column
        double half = spacingAlong(g, n) / 2;
        double pixelArea = spacingAlong(g, row) * spacingAlong(g, col);
        if (rx <= 0 || ry <= 0) {
            return new RoiStats(0, Double.NaN, Double.NaN, pixelArea);
        }
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int s = 0; s < 8; s++) {
            Vec3 p = c.plus(row.times((s & 1) == 0 ? -rx : rx)).plus(col.times((s & 2) == 0 ? -ry : ry))
                    .plus(n.times((s & 4) == 0 ? -half : half));
            Vec3 v = g.lpsToVoxel(p);
            double[] a = {v.x(), v.y(), v.z()};
            for (int d = 0; d < 3; d++) {
                lo[d] = Math.min(lo[d], a[d]);
                hi[d] = Math.max(hi[d], a[d]);
            }
        }
        var e = g.extent();
        int i0 = Math.max(0, (int) Math.floor(lo[0])), i1 = Math.min(e.nx() - 1, (int) Math.ceil(hi[0]));
        int j0 = Math.max(0, (int) Math.floor(lo[1])), j1 = Math.min(e.ny() - 1, (int) Math.ceil(hi[1]));
        int k0 = Math.max(0, (int) Math.floor(lo[2])), k1 = Math.min(e.nz() - 1, (int) Math.ceil(hi[2]));
        long count = 0;
        double sum = 0, sumSq = 0;
        for (int k = k0; k <= k1; k++) {
            for (int j = j0; j <= j1; j++) {
                for (int i = i0; i <= i1; i++) {
                    Vec3 d = g.voxelToLps(i, j, k).minus(c);
                    double dn = d.dot(n);
                    if (dn < -half - 1e-6 || dn >= half - 1e-6) {
                        continue;
                    }
                    double u = d.dot(row) / rx, w = d.dot(col) / ry;
                    if (u * u + w * w > 1 + 1e-9) { // centres on the outline count
                        continue;
                    }
                    double hu = volume.modalityValue(i, j, k);
                    count++;
                    sum += hu;
                    sumSq += hu * hu;
                }
            }
        }
        if (count == 0) {
            return new RoiStats(0, Double.NaN, Double.NaN, pixelArea);
        }
        double mean = sum / count;
        double var = count > 1 ? Math.max(0, (sumSq - count * mean * mean) / (count - 1)) : 0;
        return new RoiStats((int) count, mean, Math.sqrt(var), pixelArea);
    }

    private static double spacingAlong(VolumeGeometry g, Vec3 dir) {
        double di = Math.abs(dir.dot(g.iDirection())), dj = Math.abs(dir.dot(g.jDirection())), dk = Math.abs(dir.dot(g.kDirection()));
        if (dk >= di && dk >= dj) {
            return g.spacingMm().z();
        }
        return di >= dj ? g.spacingMm().x() : g.spacingMm().y();
    }
}
