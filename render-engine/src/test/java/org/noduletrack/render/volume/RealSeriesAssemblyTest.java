package org.noduletrack.render.volume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.DecodedFrame;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.dicom.geom.SliceGeometry;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.render.geom.Extent;
import org.noduletrack.render.testing.SharedData;

/** Assembly of the real series in ../shared/data (skipped when the data is absent). */
class RealSeriesAssemblyTest {
    final PixelDataReader pixels = new PixelDataReader(CodecRegistry.standard());
    final VolumeAssembler assembler = new VolumeAssembler(pixels, 2);

    @Test
    void lidc0001AssemblesAs133AxialSlicesAt2point5mm() throws Exception {
        Path dir = SharedData.require("lidc-idri-0001");
        SeriesScan scan = assembler.scan(dir);
        SliceStack stack = scan.largestStack("CT").orElseThrow();
        AssemblyPlan plan = assembler.plan(stack);
        VolumeGeometry g = plan.geometry();
        assertThat(g.extent()).isEqualTo(new Extent(512, 512, 133));
        assertThat(g.spacingMm().z()).isCloseTo(2.5, within(1e-6));
        assertThat(g.spacingMm().x()).isCloseTo(0.703125, within(1e-9));
        assertThat(plan.resampled()).isFalse();
        assertThat(plan.issues()).isEmpty();
        assertThat(plan.valueScale()).isEqualTo(new ValueScale(1, -1024));
        assertThat(g.originLps()).isEqualTo(new Vec3(-166, -171.699997, -340));
        try (ShortVolume v = assembler.load(plan)) {
            // every third slice file: voxels equal decoded stored values + intercept, at the k of its position
            try (Stream<Path> files = Files.list(stack.slices().get(0).file().getParent())) {
                List<Path> dcm = files.filter(p -> p.toString().endsWith(".dcm")).sorted().toList();
                for (int n = 0; n < dcm.size(); n += 3) {
                    DicomFile f = new DicomReader(ReadOptions.defaults()).read(dcm.get(n));
                    SliceGeometry sg = SliceGeometry.of(f.dataset()).orElseThrow();
                    Vec3 ijk = g.lpsToVoxel(sg.originLps());
                    int k = (int) Math.round(ijk.z());
                    assertThat(ijk.z()).isCloseTo(k, within(1e-4));
                    DecodedFrame d = pixels.decodeFrame(f, 0);
                    for (int y = 0; y < 512; y += 7) {
                        for (int x = 0; x < 512; x += 5) {
                            assertThat(v.modalityValue(x, y, k)).isEqualTo(d.sample(x, y, 0) - 1024.0);
                        }
                    }
                }
            }
        }
    }

    @Test
    void enhancedMultiFrameCtUsesPerFrameFunctionalGroups() throws Exception {
        Path mf = SharedData.require("dicomparser-testimages/encapsulated/multi-frame");
        Path reference = mf.resolve("CT0012.explicit_little_endian.dcm");
        SeriesScan scan = assembler.scan(List.of(reference));
        AssemblyPlan plan = assembler.plan(scan.largestStack("CT").orElseThrow());
        VolumeGeometry g = plan.geometry();
        assertThat(g.extent()).isEqualTo(new Extent(512, 512, 2));
        // IOP -1\0\0\0\1\0: the normal points to the feet; frames at z=-149 and -159 are 10 mm apart
        assertThat(g.kDirection()).isEqualTo(new Vec3(0, 0, -1));
        assertThat(g.spacingMm().z()).isCloseTo(10, within(1e-6));
        assertThat(g.originLps().z()).isCloseTo(-149, within(1e-6));
        assertThat(plan.sources().get(0).frame()).isEqualTo(1); // frame 1 is at -149: sorted by position, not frame order
        // unsigned 16-bit with intercept -1024: voxel 0 holds stored value 32768
        assertThat(plan.valueScale().toModality(0)).isCloseTo(32768 - 1024, within(1e-9));
        DicomFile f = new DicomReader(ReadOptions.defaults()).read(reference);
        DecodedFrame frame0 = pixels.decodeFrame(f, 0); // z = -159 → k = 1
        try (ShortVolume v = assembler.load(plan)) {
            for (int y = 0; y < 512; y += 9) {
                for (int x = 0; x < 512; x += 11) {
                    assertThat(v.modalityValue(x, y, 1)).isEqualTo(frame0.sample(x, y, 0) - 1024.0);
                }
            }
            // the compressed twins of the file assemble to the same voxels
            for (String twin : List.of("CT0012.not_fragmented_bot_jpeg_ls.80.dcm", "CT0012.fragmented_no_bot_jpeg_lossless.57.dcm",
                    "CT0012.not_fragmented_bot_rle.dcm")) {
                AssemblyPlan p2 = assembler.plan(assembler.scan(List.of(mf.resolve(twin))).largestStack().orElseThrow());
                try (ShortVolume v2 = assembler.load(p2)) {
                    assertThat(v2.voxels().mismatch(v.voxels())).as(twin).isEqualTo(-1L);
                }
            }
        }
    }

    @Test
    void nonVolumetricImagesAreExcludedWithAReason() throws Exception {
        Path mf = SharedData.require("dicomparser-testimages/encapsulated/multi-frame");
        SeriesScan scan = assembler.scan(List.of(mf.resolve("IM00001.implicit_little_endian.dcm"), mf.resolve("README.md")));
        assertThat(scan.stacks()).isEmpty();
        assertThat(scan.unreadableFiles()).isEqualTo(1);
        assertThat(scan.excluded()).hasSize(1);
    }
}
