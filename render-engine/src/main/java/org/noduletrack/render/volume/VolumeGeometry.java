package org.noduletrack.render.volume;

import java.util.ArrayList;
import java.util.List;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.geom.Affine3;
import org.noduletrack.render.geom.Extent;
import org.noduletrack.render.geom.PlaneLps;
import org.noduletrack.render.geom.SpacingMm;
import org.noduletrack.render.geom.ViewOrientation;

/**
 * Where a voxel grid lies in patient space: voxel (i, j, k) has its centre at
 * {@code originLps + i·sx·iDirection + j·sy·jDirection + k·sz·kDirection}. The directions are orthonormal (assembly
 * resamples tilted or irregular stacks onto such a grid); i runs along image rows, j down columns, k along the slice
 * normal in increasing position.
 */
public record VolumeGeometry(Extent extent, SpacingMm spacingMm, Vec3 originLps, Vec3 iDirection, Vec3 jDirection,
                             Vec3 kDirection) {
    public VolumeGeometry {
        iDirection = iDirection.normalized();
        jDirection = jDirection.normalized();
        kDirection = kDirection.normalized();
        if (Math.abs(iDirection.dot(jDirection)) > 1e-3 || Math.abs(iDirection.dot(kDirection)) > 1e-3
                || Math.abs(jDirection.dot(kDirection)) > 1e-3) {
            throw new IllegalArgumentException("voxel axes are not orthogonal: " + iDirection + ", " + jDirection + ", " + kDirection);
        }
        // Orientation from DS strings is orthonormal to ~1e-6 only: make it exact (Gram-Schmidt, keeping the handedness),
        // so that lpsToVoxel (projections) and lpsToIjk (matrix inverse) agree to rounding.
        jDirection = jDirection.minus(iDirection.times(iDirection.dot(jDirection))).normalized();
        Vec3 k = iDirection.cross(jDirection).normalized();
        kDirection = k.dot(kDirection) >= 0 ? k : k.times(-1);
    }

    public Affine3 ijkToLps() {
        return Affine3.fromColumns(iDirection.times(spacingMm.x()), jDirection.times(spacingMm.y()),
                kDirection.times(spacingMm.z()), originLps);
    }

    public Affine3 lpsToIjk() { return ijkToLps().inverse(); }

    /** Centre of voxel (i, j, k); fractional indexes allowed. */
    public Vec3 voxelToLps(double i, double j, double k) {
        return originLps.plus(iDirection.times(i * spacingMm.x())).plus(jDirection.times(j * spacingMm.y()))
                .plus(kDirection.times(k * spacingMm.z()));
    }

    /** Continuous voxel coordinates (x = i, y = j, z = k) of a patient point. */
    public Vec3 lpsToVoxel(Vec3 p) {
        Vec3 d = p.minus(originLps);
        return new Vec3(d.dot(iDirection) / spacingMm.x(), d.dot(jDirection) / spacingMm.y(), d.dot(kDirection) / spacingMm.z());
    }

    public Vec3 centerLps() {
        return voxelToLps((extent.nx() - 1) / 2.0, (extent.ny() - 1) / 2.0, (extent.nz() - 1) / 2.0);
    }

    /** The eight corner voxel centres. */
    public List<Vec3> cornersLps() {
        List<Vec3> c = new ArrayList<>(8);
        for (int b = 0; b < 8; b++) {
            c.add(voxelToLps((b & 1) == 0 ? 0 : extent.nx() - 1, (b & 2) == 0 ? 0 : extent.ny() - 1, (b & 4) == 0 ? 0 : extent.nz() - 1));
        }
        return c;
    }

    /** Length of the volume (between outermost voxel centres) projected onto a direction, in mm. */
    public double extentAlongMm(Vec3 direction) {
        Vec3 d = direction.normalized();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (Vec3 c : cornersLps()) {
            double t = c.dot(d);
            lo = Math.min(lo, t);
            hi = Math.max(hi, t);
        }
        return hi - lo;
    }

    /**
     * A plane in the given orientation centred on {@code centerLps}, with {@code pixelSpacingMm} per pixel and a field of
     * view equal to the volume's extent along the plane's row and column directions. An axial plane of an axial volume
     * centred on the volume's centre therefore has exactly the volume's voxel grid in that slice.
     */
    public PlaneLps planeThrough(ViewOrientation orientation, Vec3 centerLps, double pixelSpacingMm) {
        int w = (int) Math.floor(extentAlongMm(orientation.rowDirection()) / pixelSpacingMm + 1e-6) + 1;
        int h = (int) Math.floor(extentAlongMm(orientation.columnDirection()) / pixelSpacingMm + 1e-6) + 1;
        return new PlaneLps(centerLps, orientation.rowDirection(), orientation.columnDirection(), pixelSpacingMm,
                Math.min(w, 16384), Math.min(h, 16384));
    }

    /**
     * The slices a plane (with a slab of {@code slabThicknessMm} around it) reads from, including the neighbours
     * trilinear interpolation touches: what a progressive viewer waits for before the first image.
     */
    public SliceRange slicesTouchedBy(PlaneLps plane, double slabThicknessMm) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < 8; c++) {
            Vec3 p = plane.pixelToLps((c & 1) == 0 ? 0 : plane.width() - 1, (c & 2) == 0 ? 0 : plane.height() - 1)
                    .plus(plane.normal().times((c & 4) == 0 ? -slabThicknessMm / 2 : slabThicknessMm / 2));
            double k = lpsToVoxel(p).z();
            lo = Math.min(lo, k);
            hi = Math.max(hi, k);
        }
        int nz = extent.nz();
        int first = (int) Math.clamp(Math.floor(lo + 1e-6), 0, nz - 1);
        int last = (int) Math.clamp(Math.ceil(hi - 1e-6), 0, nz - 1);
        return new SliceRange(first, Math.max(first, last));
    }

    /** Same, with the finest in-plane spacing of the volume. */
    public PlaneLps planeThrough(ViewOrientation orientation, Vec3 centerLps) {
        return planeThrough(orientation, centerLps, spacingMm.finestInPlane());
    }
}
