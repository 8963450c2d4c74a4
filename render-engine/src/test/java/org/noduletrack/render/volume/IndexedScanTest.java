package org.noduletrack.render.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.RenderException;
import org.noduletrack.render.testing.SyntheticSeries;
import org.noduletrack.render.testing.SyntheticSeries.Slice;

/**
 * Planning from the library index and three headers must give exactly the volume the full header scan gives, decline
 * anything but the simple case, and fail the load loudly when a slice's header contradicts the index.
 */
class IndexedScanTest {
    static final SyntheticSeries.Field RAMP = p -> 2 * p.x() + 3 * p.y() + 5 * p.z();

    final VolumeAssembler assembler = new VolumeAssembler(new PixelDataReader(CodecRegistry.standard()), 2);

    /** What the library's index holds for these files: the position along the normal read from each header. */
    static List<IndexedImage> index(List<Path> files, List<Double> positions) {
        List<IndexedImage> out = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            out.add(new IndexedImage(files.get(i), OptionalDouble.of(positions.get(i)), 1));
        }
        Collections.shuffle(out, new Random(3)); // order must not matter
        return out;
    }

    @Test
    void regularSeriesGivesTheSameVolumeAsTheFullScan(@TempDir Path dir) throws Exception {
        SyntheticSeries s = new SyntheticSeries(dir, "2.25.30");
        List<Path> files = new ArrayList<>();
        List<Double> positions = new ArrayList<>();
        for (int z = 0; z < 12; z++) {
            double zMm = 40 - 1.25 * z; // descending: the normal (0,0,1) sorts them the other way
            files.add(s.write(Slice.axial(-20, -15, zMm, 0.8, 20, z + 1), RAMP));
            positions.add(zMm);
        }
        AssemblyPlan full = assembler.plan(assembler.scan(dir).largestStack("CT").orElseThrow());
        AssemblyPlan indexed = assembler.plan(assembler.scanFromIndex(index(files, positions)).orElseThrow().largestStack("CT").orElseThrow());
        assertThat(indexed.geometry()).isEqualTo(full.geometry());
        assertThat(indexed.valueScale()).isEqualTo(full.valueScale());
        assertThat(indexed.sources().stream().map(SourceSlice::file).toList())
                .isEqualTo(full.sources().stream().map(SourceSlice::file).toList());
        assertThat(indexed.issues()).isEmpty();
        try (ShortVolume a = assembler.load(full); ShortVolume b = assembler.load(indexed)) {
            int nx = a.geometry().extent().nx(), ny = a.geometry().extent().ny(), nz = a.geometry().extent().nz();
            for (int k = 0; k < nz; k++) {
                for (int j = 0; j < ny; j++) {
                    for (int i = 0; i < nx; i++) {
                        assertThat(b.modalityValue(i, j, k)).isEqualTo(a.modalityValue(i, j, k));
                        // and both hold the field at the voxel's LPS position (1 HU: stored values are whole numbers)
                        assertThat(Math.abs(b.modalityValue(i, j, k) - RAMP.at(b.geometry().voxelToLps(i, j, k)))).isLessThanOrEqualTo(0.5);
                    }
                }
            }
        }
    }

    @Test
    void gapsTiltMultiFrameAndMissingPositionsAreLeftToTheFullScan(@TempDir Path dir) throws Exception {
        SyntheticSeries s = new SyntheticSeries(dir, "2.25.31");
        List<Path> files = new ArrayList<>();
        List<Double> positions = new ArrayList<>();
        for (int z = 0; z < 8; z++) {
            double zMm = z < 4 ? 2.0 * z : 2.0 * z + 3; // a 5 mm gap
            files.add(s.write(Slice.axial(0, 0, zMm, 1, 8, z + 1), RAMP));
            positions.add(zMm);
        }
        assertThat(assembler.scanFromIndex(index(files, positions))).isEmpty();

        List<Double> regular = new ArrayList<>();
        for (int z = 0; z < 8; z++) {
            regular.add(2.0 * z);
        }
        // the index claims even spacing but the sampled headers are elsewhere: declined
        assertThat(assembler.scanFromIndex(index(files, regular))).isEmpty();

        List<IndexedImage> noPosition = new ArrayList<>(index(files, positions));
        noPosition.set(2, new IndexedImage(noPosition.get(2).file(), OptionalDouble.empty(), 1));
        assertThat(assembler.scanFromIndex(noPosition)).isEmpty();

        List<IndexedImage> multiFrame = new ArrayList<>(index(files, positions));
        multiFrame.set(0, new IndexedImage(multiFrame.get(0).file(), multiFrame.get(0).positionMm(), 3));
        assertThat(assembler.scanFromIndex(multiFrame)).isEmpty();

        // gantry tilt: origins slide along y as z changes; positions along the normal are even, but not the origins
        Path tiltDir = dir.resolve("tilt");
        java.nio.file.Files.createDirectories(tiltDir);
        SyntheticSeries t = new SyntheticSeries(tiltDir, "2.25.32");
        List<Path> tilted = new ArrayList<>();
        for (int z = 0; z < 8; z++) {
            tilted.add(t.write(Slice.axial(0, 0.5 * z, 2.0 * z, 1, 8, z + 1), RAMP));
        }
        assertThat(assembler.scanFromIndex(index(tilted, regular))).isEmpty();
    }

    @Test
    void aSliceWhoseHeaderContradictsTheIndexFailsTheLoad(@TempDir Path dir) throws Exception {
        SyntheticSeries s = new SyntheticSeries(dir, "2.25.33");
        List<Path> files = new ArrayList<>();
        List<Double> positions = new ArrayList<>();
        for (int z = 0; z < 9; z++) {
            Slice slice = Slice.axial(0, 0, 3.0 * z, 1, 8, z + 1);
            // slice 2 (not one of the three sampled: 0, 4, 8) has another rescale than the others
            files.add(s.write(z == 2 ? slice.withRescale(2, -2048) : slice, RAMP));
            positions.add(3.0 * z);
        }
        AssemblyPlan plan = assembler.plan(assembler.scanFromIndex(index(files, positions)).orElseThrow().largestStack().orElseThrow());
        try (ShortVolume v = assembler.startLoading(plan, 4)) {
            assertThatThrownBy(() -> v.progress().awaitComplete(1, TimeUnit.MINUTES))
                    .isInstanceOf(RenderException.class)
                    .hasMessageContaining("does not match the planned volume")
                    .hasMessageContaining("Rescale");
        }
        // the full scan sees the different rescale and plans for it
        AssemblyPlan full = assembler.plan(assembler.scan(dir).largestStack().orElseThrow());
        assertThat(full.issues()).anyMatch(i -> i instanceof AssemblyIssue.RescaleVaries);
        try (ShortVolume v = assembler.load(full)) {
            assertThat(v.modalityValue(3, 3, 2)).isCloseTo(RAMP.at(v.geometry().voxelToLps(3, 3, 2)), org.assertj.core.api.Assertions.within(2.0));
        }
    }
}
