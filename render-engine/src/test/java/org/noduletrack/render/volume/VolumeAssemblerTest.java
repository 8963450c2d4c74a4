package org.noduletrack.render.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.testing.SyntheticSeries;
import org.noduletrack.render.testing.SyntheticSeries.Slice;

/**
 * Volume assembly from synthetic series whose pixel values are a known function of LPS position: every voxel of the
 * assembled volume must hold the field's value at the LPS position its geometry claims.
 */
class VolumeAssemblerTest {
    /** A linear field: trilinear/bilinear resampling reproduces it exactly, so resampled volumes can be checked too. */
    static final SyntheticSeries.Field RAMP = p -> 2 * p.x() + 3 * p.y() + 5 * p.z();

    final VolumeAssembler assembler = new VolumeAssembler(new PixelDataReader(CodecRegistry.standard()), 2);

    private ShortVolume assembleOnly(Path dir, AssemblyPlan[] planOut) throws Exception {
        SeriesScan scan = assembler.scan(dir);
        AssemblyPlan plan = assembler.plan(scan.largestStack("CT").orElseThrow());
        planOut[0] = plan;
        return assembler.load(plan);
    }

    /** Max |voxel − field(voxelToLps)| over the voxels whose centre lies inside the sub-box given in voxel fractions. */
    static double maxError(ShortVolume v, SyntheticSeries.Field f, double margin) {
        VolumeGeometry g = v.geometry();
        int nx = g.extent().nx(), ny = g.extent().ny(), nz = g.extent().nz();
        double worst = 0;
        for (int k = 0; k < nz; k++) {
            for (int j = (int) (ny * margin); j < ny - (int) (ny * margin); j++) {
                for (int i = (int) (nx * margin); i < nx - (int) (nx * margin); i++) {
                    worst = Math.max(worst, Math.abs(v.modalityValue(i, j, k) - f.at(g.voxelToLps(i, j, k))));
                }
            }
        }
        return worst;
    }

    @Test
    void sortsByPositionAlongTheNormalNotByInstanceNumber(@TempDir Path dir) throws Exception {
        SyntheticSeries s = new SyntheticSeries(dir, "2.25.10");
        int[] instanceForSlice = {7, 2, 9, 1, 5, 3, 8, 4, 6, 10}; // shuffled on purpose
        for (int z = 0; z < 10; z++) {
            s.write(Slice.axial(-20, -30, 100 - 2.5 * z, 1.25, 24, instanceForSlice[z]), RAMP);
        }
        AssemblyPlan[] plan = new AssemblyPlan[1];
        try (ShortVolume v = assembleOnly(dir, plan)) {
            VolumeGeometry g = v.geometry();
            assertThat(g.extent().nz()).isEqualTo(10);
            assertThat(g.spacingMm().z()).isCloseTo(2.5, within(1e-9));
            assertThat(g.kDirection()).isEqualTo(new Vec3(0, 0, 1));
            assertThat(g.originLps().z()).isCloseTo(100 - 22.5, within(1e-9));
            assertThat(plan[0].resampled()).isFalse();
            assertThat(plan[0].issues()).isEmpty();
            assertThat(maxError(v, RAMP, 0)).isLessThanOrEqualTo(0.5);
            assertThat(v.voxelBytes()).isEqualTo(24L * 24 * 10 * 2);
        }
    }

    @Test
    void doubleObliqueAcquisitionKeepsItsGeometry(@TempDir Path dir) throws Exception {
        SyntheticSeries s = new SyntheticSeries(dir, "2.25.11");
        // rows along (cos30, sin30, 0); columns tilted 20 deg out of the axial plane
        Vec3 row = new Vec3(Math.cos(Math.toRadians(30)), Math.sin(Math.toRadians(30)), 0);
        Vec3 col0 = new Vec3(-Math.sin(Math.toRadians(30)), Math.cos(Math.toRadians(30)), 0);
        Vec3 col = col0.times(Math.cos(Math.toRadians(20))).plus(new Vec3(0, 0, Math.sin(Math.toRadians(20))));
        Vec3 normal = row.cross(col).normalized();
        Vec3 o = new Vec3(10, -40, 55);
        for (int k = 0; k < 12; k++) {
            s.write(new Slice(o.plus(normal.times(1.5 * k)), row, col, 0.8, 20, 28, 12 - k, false, 1, -1024), RAMP);
        }
        AssemblyPlan[] plan = new AssemblyPlan[1];
        try (ShortVolume v = assembleOnly(dir, plan)) {
            VolumeGeometry g = v.geometry();
            assertThat(g.extent()).isEqualTo(new org.noduletrack.render.geom.Extent(28, 20, 12));
            assertThat(g.kDirection().dot(normal)).isCloseTo(1, within(1e-6));
            assertThat(g.voxelToLps(0, 0, 0).distanceTo(o)).isLessThan(1e-4);
            assertThat(plan[0].resampled()).isFalse();
            assertThat(maxError(v, RAMP, 0)).isLessThanOrEqualTo(0.5);
            // world <-> voxel transforms agree
            Vec3 p = g.voxelToLps(3.25, 7.5, 4.75);
            Vec3 ijk = g.lpsToVoxel(p);
            assertThat(ijk.distanceTo(new Vec3(3.25, 7.5, 4.75))).isLessThan(1e-9);
            assertThat(g.lpsToIjk().applyToPoint(p).distanceTo(ijk)).isLessThan(1e-9);
        }
    }

    @Test
    void gapIsResampledToUniformSpacingAndFlagged(@TempDir Path dir) throws Exception {
        SyntheticSeries s = new SyntheticSeries(dir, "2.25.12");
        double[] z = {0, 2, 4, 6, 12, 14, 16}; // 6 mm gap between 6 and 12
        for (int i = 0; i < z.length; i++) {
            s.write(Slice.axial(0, 0, z[i], 1, 16, i + 1), RAMP);
        }
        AssemblyPlan[] plan = new AssemblyPlan[1];
        try (ShortVolume v = assembleOnly(dir, plan)) {
            assertThat(v.geometry().extent().nz()).isEqualTo(9);
            assertThat(v.geometry().spacingMm().z()).isCloseTo(2, within(1e-9));
            List<AssemblyIssue.Gap> gaps = plan[0].issuesOf(AssemblyIssue.Gap.class);
            assertThat(gaps).containsExactly(new AssemblyIssue.Gap(6, 12, 4, 5));
            assertThat(plan[0].issuesOf(AssemblyIssue.NonUniformSpacing.class)).isEmpty();
            assertThat(plan[0].resampled()).isTrue();
            assertThat(maxError(v, RAMP, 0)).isLessThanOrEqualTo(0.5);
        }
    }

    @Test
    void irregularSpacingIsResampledAndReported(@TempDir Path dir) throws Exception {
        SyntheticSeries s = new SyntheticSeries(dir, "2.25.13");
        double[] z = {0, 1, 2.2, 3, 4.1, 5, 6, 7.3, 8};
        for (int i = 0; i < z.length; i++) {
            s.write(Slice.axial(0, 0, z[i], 1, 16, i + 1), RAMP);
        }
        AssemblyPlan[] plan = new AssemblyPlan[1];
        try (ShortVolume v = assembleOnly(dir, plan)) {
            assertThat(plan[0].issuesOf(AssemblyIssue.NonUniformSpacing.class)).hasSize(1);
            double dz = v.geometry().spacingMm().z();
            assertThat((v.geometry().extent().nz() - 1) * dz).isCloseTo(8, within(1e-9));
            assertThat(maxError(v, RAMP, 0)).isLessThanOrEqualTo(0.5);
        }
    }

    @Test
    void duplicatesDroppedLocalizerExcludedOrientationsSplit(@TempDir Path dir) throws Exception {
        SyntheticSeries s = new SyntheticSeries(dir, "2.25.14");
        for (int i = 0; i < 6; i++) {
            s.write(Slice.axial(0, 0, 3 * i, 1, 16, i + 1), RAMP);
        }
        s.write(Slice.axial(0, 0, 6, 1, 16, 20), RAMP); // same position as instance 3
        s.write(new Slice(new Vec3(0, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, -1), 1, 16, 16, 30, true, 1, -1024), RAMP);
        for (int i = 0; i < 4; i++) { // a sagittal stack in the same series
            s.write(new Slice(new Vec3(5 * i, 0, 20), new Vec3(0, 1, 0), new Vec3(0, 0, -1), 1, 16, 16, 40 + i, false, 1, -1024), RAMP);
        }
        SeriesScan scan = assembler.scan(dir);
        assertThat(scan.stacks()).hasSize(2);
        SliceStack axial = scan.stacks().get(0);
        assertThat(axial.size()).isEqualTo(7);
        assertThat(axial.scanIssues()).contains(new AssemblyIssue.LocalizersExcluded(1));
        assertThat(axial.scanIssues()).anyMatch(i -> i instanceof AssemblyIssue.SeriesSplit sp && sp.stackCount() == 2);
        AssemblyPlan plan = assembler.plan(axial);
        assertThat(plan.issuesOf(AssemblyIssue.DuplicatePositions.class)).containsExactly(new AssemblyIssue.DuplicatePositions(1, 6));
        assertThat(plan.sources()).hasSize(6);
        assertThat(plan.sources().get(2).instanceNumber()).isEqualTo(3); // lowest Instance Number kept
        assertThat(scan.stacks().get(1).label()).contains("sagittal");
        try (ShortVolume v = assembler.load(assembler.plan(scan.stacks().get(1)))) {
            assertThat(v.geometry().kDirection()).isEqualTo(new Vec3(-1, 0, 0));
            assertThat(maxError(v, RAMP, 0)).isLessThanOrEqualTo(0.5);
        }
    }

    @Test
    void gantryTiltIsShearedOntoAnOrthogonalGrid(@TempDir Path dir) throws Exception {
        SyntheticSeries s = new SyntheticSeries(dir, "2.25.15");
        double tilt = Math.toRadians(15);
        Vec3 row = new Vec3(1, 0, 0), col = new Vec3(0, Math.cos(tilt), Math.sin(tilt)); // gantry tilted about x
        for (int i = 0; i < 20; i++) { // the table moves along z: origins stack along z, not along the slice normal
            s.write(new Slice(new Vec3(-16, -16, 2 * i), row, col, 1, 32, 32, i + 1, false, 1, -1024), RAMP);
        }
        AssemblyPlan[] plan = new AssemblyPlan[1];
        try (ShortVolume v = assembleOnly(dir, plan)) {
            List<AssemblyIssue.GantryTilt> t = plan[0].issuesOf(AssemblyIssue.GantryTilt.class);
            assertThat(t).hasSize(1);
            assertThat(t.get(0).degrees()).isCloseTo(15, within(0.01));
            VolumeGeometry g = v.geometry();
            assertThat(g.kDirection().dot(row.cross(col))).isCloseTo(1, within(1e-9));
            assertThat(g.spacingMm().z()).isCloseTo(2 * Math.cos(tilt), within(1e-6));
            // the shear moves up to ~5 pixels at the ends: check the voxels every source slice covers; sources are
            // rounded to integers before the bilinear shear, the result rounded again, hence up to 1 HU
            assertThat(maxError(v, RAMP, 0.25)).isLessThanOrEqualTo(1.0);
        }
    }

    @Test
    void rescaleSlopeAndInterceptGiveModalityValues(@TempDir Path dir) throws Exception {
        SyntheticSeries s = new SyntheticSeries(dir, "2.25.16");
        SyntheticSeries.Field f = p -> -1000 + 4 * Math.round(p.x() + p.y()) + 2 * p.z();
        for (int i = 0; i < 6; i++) {
            Slice sl = Slice.axial(0, 0, i, 1, 12, i + 1).withRescale(i % 2 == 0 ? 2 : 1, i % 2 == 0 ? -1024 : -1000);
            s.write(sl, f);
        }
        AssemblyPlan[] plan = new AssemblyPlan[1];
        try (ShortVolume v = assembleOnly(dir, plan)) {
            assertThat(plan[0].issuesOf(AssemblyIssue.RescaleVaries.class)).containsExactly(new AssemblyIssue.RescaleVaries(2));
            assertThat(maxError(v, f, 0)).isLessThanOrEqualTo(0.5);
        }
    }

    @Test
    void firstRequestedSliceLoadsFirstAndTheRestStreamsIn(@TempDir Path dir) throws Exception {
        SyntheticSeries s = new SyntheticSeries(dir, "2.25.17");
        for (int i = 0; i < 40; i++) {
            s.write(Slice.axial(0, 0, i, 1, 16, i + 1), RAMP);
        }
        AssemblyPlan plan = assembler.plan(assembler.scan(dir).largestStack().orElseThrow());
        Recorder rec = new Recorder(40);
        List<Integer> order = rec.order;
        VolumeAssembler oneThread = new VolumeAssembler(new PixelDataReader(CodecRegistry.standard()), 1);
        try (ShortVolume v = oneThread.startLoading(plan, 30, rec)) {
            v.progress().awaitSlices(30, 30, 10, TimeUnit.SECONDS);
            assertThat(v.modalityValue(3, 4, 30)).isEqualTo(RAMP.at(v.geometry().voxelToLps(3, 4, 30)), within(0.5));
            v.progress().awaitComplete(30, TimeUnit.SECONDS);
            assertThat(v.progress().loadedCount()).isEqualTo(40);
            rec.awaitAll();
            assertThat(order).hasSize(40).startsWith(30);
            assertThat(order.subList(0, 3)).containsExactlyInAnyOrder(29, 30, 31); // trilinear neighbours next
            // outward from slice 30: the neighbours come before the far end
            assertThat(order.indexOf(31)).isLessThan(order.indexOf(0));
        }
    }

    @Test
    void firstPlaneSlicesLoadBeforeAnyOther(@TempDir Path dir) throws Exception {
        SyntheticSeries s = new SyntheticSeries(dir, "2.25.18");
        for (int i = 0; i < 60; i++) {
            s.write(Slice.axial(0, 0, i, 1, 16, i + 1), RAMP);
        }
        AssemblyPlan plan = assembler.plan(assembler.scan(dir).largestStack().orElseThrow());
        SliceRange first = new SliceRange(40, 43);
        // one thread: the exact order — the range from its middle outwards, then the rest outwards from the range
        Recorder rec = new Recorder(60);
        VolumeAssembler oneThread = new VolumeAssembler(new PixelDataReader(CodecRegistry.standard()), 1);
        try (ShortVolume v = oneThread.startLoading(plan, first, rec)) {
            v.progress().awaitComplete(30, TimeUnit.SECONDS);
        }
        List<Integer> order = rec.awaitAll();
        assertThat(order).hasSize(60).doesNotHaveDuplicates();
        assertThat(order.subList(0, 4)).containsExactly(41, 40, 42, 43);
        assertThat(order.subList(4, 6)).containsExactly(39, 38); // below the range: nearest first
        for (int k = 0; k < 60; k++) {
            for (int farther = 0; farther < 60; farther++) {
                if (distance(farther, first) > distance(k, first) + 8) { // outwards, in chunks of up to 8
                    assertThat(order.indexOf(k)).as("%d before %d", k, farther).isLessThan(order.indexOf(farther));
                }
            }
        }
        // several threads: each thread's first chunk is a range slice unless it already finished one, so the first slice to
        // arrive is always in the range (later order depends on scheduling: no assertion on it)
        for (int threads : new int[] {2, 4}) {
            Recorder many = new Recorder(60);
            try (ShortVolume v = new VolumeAssembler(new PixelDataReader(CodecRegistry.standard()), threads)
                    .startLoading(plan, first, many)) {
                v.progress().awaitComplete(30, TimeUnit.SECONDS);
            }
            List<Integer> events = many.awaitAll();
            assertThat(events).hasSize(60);
            assertThat(events.getFirst()).isBetween(40, 43);
        }
    }

    /**
     * Records slice events in arrival order. LoadProgress releases waiters before it notifies listeners, so after
     * awaitComplete the last events may still be on their way: {@link #awaitAll} waits for them.
     */
    static final class Recorder implements LoadProgress.Listener {
        final List<Integer> order = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final java.util.concurrent.CountDownLatch all;

        Recorder(int slices) { all = new java.util.concurrent.CountDownLatch(slices); }

        @Override
        public void sliceLoaded(int k) {
            order.add(k);
            all.countDown();
        }

        List<Integer> awaitAll() throws InterruptedException {
            assertThat(all.await(30, TimeUnit.SECONDS)).as("every slice event delivered").isTrue();
            return order;
        }
    }

    private static int distance(int k, SliceRange r) {
        return k < r.firstK() ? r.firstK() - k : k > r.lastK() ? k - r.lastK() : 0;
    }

    @Test
    void thousandSliceVolumeLivesOffHeap() {
        VolumeGeometry g = new VolumeGeometry(new org.noduletrack.render.geom.Extent(512, 512, 1000),
                new org.noduletrack.render.geom.SpacingMm(0.7, 0.7, 0.5), Vec3.ZERO, new Vec3(1, 0, 0), new Vec3(0, 1, 0), new Vec3(0, 0, 1));
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        try (ShortVolume v = ShortVolume.forLoading(g, ValueScale.IDENTITY, (short) -1024)) {
            short[] slice = new short[512 * 512];
            for (int k = 0; k < 1000; k++) {
                slice[k] = (short) k;
                v.writeSlice(k, slice);
            }
            long heapAfter = rt.totalMemory() - rt.freeMemory();
            assertThat(v.voxelBytes()).isEqualTo(512L * 512 * 1000 * 2);
            assertThat(heapAfter - heapBefore).as("heap growth").isLessThan(64L << 20);
            assertThat(v.voxel(487, 1, 999)).isEqualTo((short) 999);
            assertThat(v.voxel(0, 0, 500)).isEqualTo((short) 0);
        }
    }
}
