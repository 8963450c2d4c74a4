package org.noduletrack.nodule.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.nodule.segmentation.NoduleSegmenter;
import org.noduletrack.nodule.segmentation.Segmentation;
import org.noduletrack.nodule.model.SeriesRef;
import org.noduletrack.render.volume.AssemblyPlan;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.SliceStack;
import org.noduletrack.render.volume.SourceSlice;
import org.noduletrack.render.volume.VolumeAssembler;

/**
 * Our segmentation against the LIDC readers of one series: loads the CT under a folder and the LIDC XML in it, measures
 * every reader's outlines ({@link LidcReference}), groups the marks (centroids within {@value #GROUP_DISTANCE_MM} mm)
 * and segments each outlined nodule from the mean of the readers' centroids.
 */
public final class LidcComparison {
    public static final double GROUP_DISTANCE_MM = 10;

    /**
     * One nodule outlined by at least one reader.
     *
     * @param readerVolumesMm3 sorted, LIDC convention (outline pixels excluded)
     * @param readerFilledVolumesMm3 sorted, outline pixels included (upper bound)
 * @param readerLongAxesMm sorted, largest over slices; {@code readerLargestSliceLongAxesMm} on the slice of largest area
     * @param ours          null when our segmentation refused the seed ({@code error} says why)
     */
    public record Row(Vec3 seedLps, List<LidcReference.ReaderVolume> marks, double[] readerVolumesMm3,
                      double[] readerFilledVolumesMm3, double[] readerLongAxesMm, double[] readerLargestSliceLongAxesMm, Segmentation ours, String error) {
        public double medianVolumeMm3() { return LidcReference.median(readerVolumesMm3); }
        public double medianLongAxisMm() { return LidcReference.median(readerLongAxesMm); }
    }

    /** @param smallNodules groups of readers' point marks (nodules &lt; 3 mm): not measured */
    public record Result(String seriesUid, int readers, List<Row> rows, List<LidcReference.NoduleGroup> smallNodules) {}

    private LidcComparison() {}

    /** {@code dir}: the series folder with its DICOM files and one LIDC XML file. */
    public static Result run(Path dir, int threads) throws IOException, InterruptedException {
        Path xml;
        try (Stream<Path> s = Files.list(dir)) {
            xml = s.filter(p -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".xml")).sorted()
                    .findFirst().orElseThrow(() -> new IOException("no LIDC XML file in " + dir));
        }
        LidcReadMessage msg = LidcReadMessage.parse(xml);
        VolumeAssembler asm = new VolumeAssembler(new PixelDataReader(CodecRegistry.standard()), threads);
        SliceStack stack = asm.scan(dir).largestStack("CT").orElseThrow(() -> new IOException("no CT stack in " + dir));
        AssemblyPlan plan = asm.plan(stack);
        if (plan.resampled()) {
            throw new IOException("the series needed resampling; outlines would not lie on the voxel grid");
        }
        Map<String, Integer> kOfSop = new HashMap<>();
        Map<String, Double> zOfSop = new HashMap<>();
        DicomReader headers = new DicomReader(ReadOptions.headerOnly());
        for (SourceSlice s : plan.sources()) {
            String sop = headers.read(s.file()).dataset().string(Tags.SOPInstanceUID).orElseThrow().strip();
            Vec3 v = plan.geometry().lpsToVoxel(s.geometry().originLps());
            kOfSop.put(sop, (int) Math.round(v.z()));
            zOfSop.put(sop, s.geometry().originLps().z());
        }
        List<LidcReference.ReaderVolume> marks = LidcReference.measure(msg, plan.geometry(), r -> {
            Integer k = kOfSop.get(r.sopInstanceUid());
            if (k == null) return -1;
            if (Math.abs(zOfSop.get(r.sopInstanceUid()) - r.zPositionMm()) > 0.01) {
                throw new IllegalArgumentException("imageZposition " + r.zPositionMm() + " disagrees with the image ("
                        + zOfSop.get(r.sopInstanceUid()) + ")");
            }
            return k;
        }, plan.geometry().spacingMm().z());
        List<LidcReference.NoduleGroup> groups = LidcReference.group(marks, GROUP_DISTANCE_MM);
        List<Row> rows = new ArrayList<>();
        List<LidcReference.NoduleGroup> small = new ArrayList<>();
        SeriesRef ref = new SeriesRef(stack.seriesUid(), stack.slices().getFirst().frameOfReferenceUid());
        try (ShortVolume vol = asm.load(plan)) {
            NoduleSegmenter seg = new NoduleSegmenter();
            for (LidcReference.NoduleGroup g : groups) {
                if (g.small()) {
                    small.add(g);
                    continue;
                }
                List<LidcReference.ReaderVolume> outlined = g.marks().stream().filter(m -> !m.small()).toList();
                LidcReference.NoduleGroup og = new LidcReference.NoduleGroup(outlined);
                Vec3 seed = og.centroidLps();
                Segmentation s = null;
                String error = null;
                try {
                    s = seg.segment(vol, ref, seed);
                } catch (IllegalArgumentException e) {
                    error = e.getMessage();
                }
                rows.add(new Row(seed, g.marks(), og.volumes(),
                        outlined.stream().mapToDouble(LidcReference.ReaderVolume::filledVolumeMm3).sorted().toArray(),
                        og.longAxes(), og.largestSliceLongAxes(), s, error));
            }
        }
        return new Result(msg.seriesInstanceUid(), msg.sessions().size(), rows, small);
    }
}
