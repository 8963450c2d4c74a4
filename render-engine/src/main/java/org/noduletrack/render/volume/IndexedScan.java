package org.noduletrack.render.volume;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.noduletrack.dicom.geom.SliceGeometry;
import org.noduletrack.dicom.geom.Vec3;

/**
 * A scan of a regular series from its index and three headers (first, middle, last) instead of every header: in a
 * fresh JVM, parsing 600 headers before the first plane costs about half a second of interpreted code. It only applies
 * when the index and the three headers describe the simple case — CT, single-frame slices, evenly spaced, no tilt,
 * one rescale, one matrix — and then every slice's geometry is the first one's moved along the normal. The loader re-checks
 * each slice's own header when it decodes it ({@link VolumeAssembler}), so a series that is not what the index says
 * fails loudly instead of being assembled wrong.
 */
final class IndexedScan {
    /** Positions (mm) may differ from the regular grid by this much: DS values carry about 6 significant digits. */
    static final double POSITION_TOLERANCE_MM = 0.01;
    /** Direction cosines of the sampled headers may differ by this much. */
    static final double DIRECTION_TOLERANCE = 1e-5;

    interface HeaderReader {
        List<SourceSlice> read(java.nio.file.Path file) throws IOException;
    }

    private IndexedScan() {}

    static Optional<SeriesScan> of(List<IndexedImage> images, HeaderReader headers) throws IOException {
        if (images.size() < 3 || images.stream().anyMatch(i -> i.frames() != 1 || i.positionMm().isEmpty())) {
            return Optional.empty();
        }
        List<IndexedImage> sorted = new ArrayList<>(images);
        sorted.sort(Comparator.comparingDouble(i -> i.positionMm().getAsDouble()));
        int n = sorted.size();
        double[] t = sorted.stream().mapToDouble(i -> i.positionMm().getAsDouble()).toArray();
        double dz = (t[n - 1] - t[0]) / (n - 1);
        if (!(dz > AssemblyPlanner.DUPLICATE_MM)) {
            return Optional.empty();
        }
        for (int k = 0; k < n; k++) {
            if (Math.abs(t[k] - (t[0] + k * dz)) > POSITION_TOLERANCE_MM) {
                return Optional.empty(); // gaps, duplicates or uneven spacing: the full scan and planner handle those
            }
        }
        int[] sampled = {0, n / 2, n - 1};
        SourceSlice[] s = new SourceSlice[3];
        for (int i = 0; i < 3; i++) {
            List<SourceSlice> read;
            try {
                read = headers.read(sorted.get(sampled[i]).file());
            } catch (IOException | RuntimeException e) {
                return Optional.empty(); // let the full scan report it
            }
            if (read.size() != 1 || read.get(0).localizer()) {
                return Optional.empty();
            }
            s[i] = read.get(0);
            if (Math.abs(s[i].positionAlongNormalMm() - t[sampled[i]]) > POSITION_TOLERANCE_MM) {
                return Optional.empty();
            }
        }
        SourceSlice first = s[0];
        if (!"CT".equalsIgnoreCase(first.modality())) {
            return Optional.empty(); // PET and others rescale each slice: three headers cannot vouch for the rest
        }
        SliceGeometry g0 = first.geometry();
        Vec3 normal = g0.normal();
        for (SourceSlice other : Arrays.asList(s[1], s[2])) {
            if (!sameAcquisition(first, other)) {
                return Optional.empty();
            }
            // no tilt: each sampled origin is the first one moved along the normal
            Vec3 expected = g0.originLps().plus(normal.times(other.positionAlongNormalMm() - first.positionAlongNormalMm()));
            if (other.geometry().originLps().minus(expected).length() > POSITION_TOLERANCE_MM) {
                return Optional.empty();
            }
        }
        List<SourceSlice> slices = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            SliceGeometry gk = new SliceGeometry(g0.originLps().plus(normal.times(t[k] - t[0])), g0.rowDirection(),
                    g0.columnDirection(), g0.rowSpacingMm(), g0.columnSpacingMm(), g0.rows(), g0.columns(), g0.sliceThicknessMm());
            slices.add(new SourceSlice(sorted.get(k).file(), 0, 1, gk, first.modalityLut(), first.seriesUid(), first.modality(),
                    first.frameOfReferenceUid(), first.bitsStored(), first.signed(), first.unsigned16(), false, 0));
        }
        return Optional.of(new SeriesScan(StackSplitter.split(slices), 0, List.of()));
    }

    private static boolean sameAcquisition(SourceSlice a, SourceSlice b) {
        SliceGeometry ga = a.geometry(), gb = b.geometry();
        return a.seriesUid().equals(b.seriesUid()) && a.modality().equals(b.modality())
                && a.frameOfReferenceUid().equals(b.frameOfReferenceUid()) && a.bitsStored() == b.bitsStored()
                && a.signed() == b.signed() && a.unsigned16() == b.unsigned16() && a.modalityLut().equals(b.modalityLut())
                && a.modalityLut().table().isEmpty()
                && ga.rows() == gb.rows() && ga.columns() == gb.columns()
                && ga.rowSpacingMm() == gb.rowSpacingMm() && ga.columnSpacingMm() == gb.columnSpacingMm()
                && ga.rowDirection().minus(gb.rowDirection()).length() < DIRECTION_TOLERANCE
                && ga.columnDirection().minus(gb.columnDirection()).length() < DIRECTION_TOLERANCE;
    }
}
