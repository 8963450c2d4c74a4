package org.noduletrack.nodule.segmentation;

import java.util.SplittableRandom;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.geom.Extent;
import org.noduletrack.render.geom.SpacingMm;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.ValueScale;
import org.noduletrack.render.volume.VolumeGeometry;

/** Small synthetic CT volumes with known nodule volumes (partial volume by 5×5×5 supersampling, deterministic noise). */
final class Phantoms {
    private Phantoms() {}

    /** Occupancy of a point by the phantom's objects: HU of the point without noise. */
    @FunctionalInterface
    interface Scene {
        double hu(double x, double y, double z);
    }

    static VolumeGeometry geometry(int nx, int ny, int nz, double sxy, double sz) {
        return new VolumeGeometry(new Extent(nx, ny, nz), new SpacingMm(sxy, sxy, sz), new Vec3(-nx * sxy / 2, -ny * sxy / 2, -nz * sz / 2),
                new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));
    }

    static ShortVolume render(VolumeGeometry g, Scene scene, double noiseHu, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int nx = g.extent().nx(), ny = g.extent().ny(), nz = g.extent().nz();
        short[] vals = new short[nx * ny * nz];
        double sx = g.spacingMm().x(), sz = g.spacingMm().z();
        int ss = 5;
        for (int k = 0; k < nz; k++) {
            for (int j = 0; j < ny; j++) {
                for (int i = 0; i < nx; i++) {
                    Vec3 c = g.voxelToLps(i, j, k);
                    double s = 0;
                    for (int a = 0; a < ss; a++)
                        for (int b = 0; b < ss; b++)
                            for (int d = 0; d < ss; d++)
                                s += scene.hu(c.x() + ((a + 0.5) / ss - 0.5) * sx, c.y() + ((b + 0.5) / ss - 0.5) * sx,
                                        c.z() + ((d + 0.5) / ss - 0.5) * sz);
                    double v = s / (ss * ss * ss) + noiseHu * rnd.nextGaussian();
                    vals[(k * ny + j) * nx + i] = (short) Math.round(v + 1024);
                }
            }
        }
        return ShortVolume.filled(g, new ValueScale(1, -1024), (short) 0, (i, j, k) -> vals[(k * ny + j) * nx + i]);
    }

    static Scene sphere(Vec3 c, double r, double hu, double bgHu) {
        return (x, y, z) -> sq(x - c.x()) + sq(y - c.y()) + sq(z - c.z()) <= r * r ? hu : bgHu;
    }

    static double sq(double v) { return v * v; }
}
