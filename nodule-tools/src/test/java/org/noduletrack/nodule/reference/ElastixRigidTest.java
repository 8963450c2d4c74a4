package org.noduletrack.nodule.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.geom.Extent;
import org.noduletrack.render.geom.SpacingMm;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.ValueScale;
import org.noduletrack.render.volume.VolumeGeometry;

/** The elastix reference: MetaImage export, transformix output parsing, and elastix itself on a known translation. */
class ElastixRigidTest {
    @TempDir
    Path dir;

    private static final VolumeGeometry G = new VolumeGeometry(new Extent(64, 60, 40), new SpacingMm(2, 2, 2.5),
            new Vec3(-63, -59, -50), new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));

    /** Soft blobs of different attenuation in air-like background: the scene seen at point (x, y, z). */
    private static double scene(double x, double y, double z) {
        double[][] blobs = {{-20, -10, 0, 12, 900}, {18, 6, -8, 9, 600}, {0, 22, 12, 7, 1200}, {10, -24, 15, 10, 400}};
        double v = -1000;
        for (double[] b : blobs) {
            double d2 = (x - b[0]) * (x - b[0]) + (y - b[1]) * (y - b[1]) + (z - b[2]) * (z - b[2]);
            v += b[4] * Math.exp(-d2 / (2 * b[3] * b[3] / 4));
        }
        return v;
    }

    private static ShortVolume volume(Vec3 shift) {
        return ShortVolume.filled(G, new ValueScale(1, -1024), (short) 0, (i, j, k) -> {
            Vec3 p = G.voxelToLps(i, j, k).minus(shift);
            return (short) Math.round(scene(p.x(), p.y(), p.z()) + 1024);
        });
    }

    @Test
    void metaImageHasOurGeometryAndHu() throws Exception {
        try (ShortVolume v = volume(new Vec3(0, 0, 0))) {
            ElastixRigid.writeMetaImage(v, dir.resolve("a.mhd"));
            String h = Files.readString(dir.resolve("a.mhd"));
            assertThat(h).contains("DimSize = 64 60 40", "ElementSpacing = 2.0 2.0 2.5", "Offset = -63.0 -59.0 -50.0",
                    "TransformMatrix = 1.0 0.0 0.0 0.0 1.0 0.0 0.0 0.0 1.0", "ElementType = MET_SHORT", "ElementDataFile = a.raw");
            ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("a.raw"))).order(ByteOrder.LITTLE_ENDIAN);
            assertThat(raw.capacity()).isEqualTo(64 * 60 * 40 * 2);
            int i = 20, j = 33, k = 17;
            assertThat((double) raw.getShort(((k * 60 + j) * 64 + i) * 2)).isEqualTo(v.modalityValue(i, j, k));
        }
    }

    @Test
    void transformixOutputPointsAreRead() throws Exception {
        String text = "Point\t0\t; InputIndex = [ 1 2 3 ]\t; InputPoint = [ 1.000000 2.000000 3.000000 ]\t; OutputIndexFixed = [ 1 2 3 ]"
                + "\t; OutputPoint = [ 1.500000 -2.250000 3.125000 ]\t; Deformation = [ 0.500000 -4.250000 0.125000 ]\n";
        assertThat(ElastixRigid.readOutputPoints(text)).containsExactly(new Vec3(1.5, -2.25, 3.125));
        assertThat(ElastixRigid.pointSet(List.of(new Vec3(1, 2, 3)))).isEqualTo("point\n1\n1.0 2.0 3.0\n");
    }

    @Test
    void elastixRecoversAKnownTranslation() throws Exception {
        var elastix = ElastixRigid.fromPath(2);
        Assumptions.assumeTrue(elastix.isPresent(), "elastix/transformix not on the PATH");
        // moving(y) = fixed(y − d): fixed point x lies at x + d in the moving image
        Vec3 d = new Vec3(4.0, -3.0, 2.5);
        try (ShortVolume fixed = volume(new Vec3(0, 0, 0)); ShortVolume moving = volume(d)) {
            List<Vec3> pts = new ArrayList<>(List.of(new Vec3(-20, -10, 0), new Vec3(18, 6, -8), new Vec3(0, 0, 0)));
            ElastixRigid.Run run = elastix.get().register(fixed, moving, pts, dir.resolve("run"));
            assertThat(run.version()).contains("elastix");
            for (int q = 0; q < pts.size(); q++) {
                assertThat(run.movingPointsLps().get(q).distanceTo(pts.get(q).plus(d))).as("point %d", q).isLessThan(0.5);
            }
            assertThat(run.registrationSeconds()).isGreaterThan(0);
        }
    }
}
