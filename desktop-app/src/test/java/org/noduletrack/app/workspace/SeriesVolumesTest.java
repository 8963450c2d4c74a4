package org.noduletrack.app.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.noduletrack.app.cli.render.SyntheticCt;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.importer.CancelToken;
import org.noduletrack.archive.importer.ImportListener;
import org.noduletrack.archive.importer.ImportOptions;
import org.noduletrack.archive.index.SeriesRecord;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.DicomWriter;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.render.geom.ViewOrientation;
import org.noduletrack.render.volume.LoadProgress;
import org.noduletrack.render.volume.SliceRange;

/**
 * SeriesVolumes on a real library: the first view's slab arrives first and every slice is reported once, in load order,
 * before {@code completed}; a series whose headers contradict the plan made from the index reports the failure and is
 * planned from every header the next time. No timing is asserted.
 */
class SeriesVolumesTest {
    static final int SLICES = 24;

    @TempDir
    Path temp;
    ExecutorService queries, loader;

    @BeforeEach
    void start() {
        queries = Executors.newSingleThreadExecutor();
        loader = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stop() {
        queries.shutdownNow();
        loader.shutdownNow();
    }

    /** Records events in the order the (single) loading thread sends them. */
    static final class Recorder implements LoadProgress.Listener {
        final List<Integer> slices = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<Integer> done = new CompletableFuture<>();

        @Override
        public void sliceLoaded(int k) { slices.add(k); }

        @Override
        public void completed() { done.complete(slices.size()); }

        @Override
        public void failed(Throwable cause) { done.completeExceptionally(cause); }
    }

    private SeriesRecord importSeries(Library library, Path dir) throws Exception {
        library.importer(ImportOptions.defaults()).importPaths(List.of(dir), ImportListener.NONE, new CancelToken());
        return library.store().series().getFirst();
    }

    @Test
    void theFirstViewsSlabLoadsFirstThenEverySliceOnceThenCompleted() throws Exception {
        Path dir = temp.resolve("series");
        SyntheticCt.write(dir, SLICES);
        try (Library library = Library.open(temp.resolve("lib"))) {
            SeriesRecord series = importSeries(library, dir);
            // one loading thread: events arrive in exactly the load order
            SeriesVolumes volumes = new SeriesVolumes(new LibraryService(library, queries, queries), loader, 1);
            // a 3 mm axial slab centred 5 slices above the bottom: not the middle the default view would ask for
            SeriesVolumes.FirstView view = new SeriesVolumes.FirstView() {
                @Override
                public org.noduletrack.render.geom.PlaneLps plane(org.noduletrack.render.volume.VolumeGeometry g) {
                    return g.planeThrough(ViewOrientation.AXIAL, g.voxelToLps(100, 100, 5));
                }

                @Override
                public double slabMm() { return 3; }
            };
            Recorder events = new Recorder();
            try (SeriesVolumes.OpenedSeries opened = volumes.open(series, view, events).get(60, TimeUnit.SECONDS)) {
                assertThat(opened.plannedFromIndex()).isTrue();
                assertThat(opened.volume().geometry().extent().nz()).isEqualTo(SLICES);
                assertThat(events.done.get(60, TimeUnit.SECONDS)).isEqualTo(SLICES);
                SliceRange first = opened.volume().geometry().slicesTouchedBy(view.plane(opened.volume().geometry()), 3);
                // 3 mm at 0.625 mm spacing around k = 5: k = 2..8
                assertThat(first).isEqualTo(new SliceRange(2, 8));
                List<Integer> order = List.copyOf(events.slices);
                assertThat(order.getFirst()).as("the slab's middle slice first").isEqualTo(5);
                assertThat(new TreeSet<>(order.subList(0, first.count())))
                        .as("the whole slab before any other slice").containsExactlyElementsOf(rangeSet(2, 8));
                assertThat(new TreeSet<>(order)).as("every slice once").hasSize(SLICES);
                assertThat(order).hasSize(SLICES);
                // then outwards: the slices next to the slab come before the far ends
                int next = order.get(first.count());
                assertThat(next == 1 || next == 9).as("first slice after the slab: " + next).isTrue();
                assertThat(order.indexOf(9)).isLessThan(order.indexOf(SLICES - 1));
                assertThat(order.indexOf(1)).isLessThan(order.indexOf(SLICES - 1));
                assertThat(opened.volume().progress().isComplete()).isTrue();
            }
        }
    }

    @Test
    void headersContradictingTheIndexPlanFailTheLoadAndTheNextOpenReadsEveryHeader() throws Exception {
        Path dir = temp.resolve("series");
        SyntheticCt.write(dir, SLICES);
        // the slice third from the bottom (none of the three the index plan reads) gets another Rescale Intercept
        Path odd = slicesByPosition(dir).get(2);
        DicomFile f = new DicomReader(ReadOptions.defaults()).read(odd);
        new DicomWriter().write(odd, DicomDataset_empty(), f.dataset().toBuilder().putString(Tags.RescaleIntercept, Vr.DS, "-1000").build(),
                f.transferSyntax().uid());
        try (Library library = Library.open(temp.resolve("lib"))) {
            SeriesRecord series = importSeries(library, dir);
            SeriesVolumes volumes = new SeriesVolumes(new LibraryService(library, queries, queries), loader, 1);
            Recorder first = new Recorder();
            try (SeriesVolumes.OpenedSeries opened = volumes.open(series, SeriesVolumes.FirstView.AXIAL_CENTRE, first)
                    .get(60, TimeUnit.SECONDS)) {
                assertThat(opened.plannedFromIndex()).isTrue();
                assertThat(first.done).failsWithin(60, TimeUnit.SECONDS).withThrowableThat()
                        .withMessageContaining("does not match the planned volume").withMessageContaining("Rescale");
            }
            Recorder second = new Recorder();
            try (SeriesVolumes.OpenedSeries opened = volumes.open(series, SeriesVolumes.FirstView.AXIAL_CENTRE, second)
                    .get(60, TimeUnit.SECONDS)) {
                assertThat(opened.plannedFromIndex()).isFalse();
                assertThat(second.done.get(60, TimeUnit.SECONDS)).isEqualTo(SLICES);
                assertThat(opened.issues()).anyMatch(i -> i.toLowerCase(java.util.Locale.ROOT).contains("rescale"));
                // the odd slice holds its own values: stored + (−1000) instead of stored + (−1024), i.e. 24 HU more
                // than the same pixel of the slice above it would have with the series' rescale
                double odd2 = opened.volume().modalityValue(200, 256, 2), normal3 = opened.volume().modalityValue(200, 256, 3);
                assertThat(odd2 - normal3).isBetween(24.0 - 12, 24.0 + 12); // the phantom's texture varies by < 5 HU
            }
        }
    }

    private static org.noduletrack.dicom.data.DicomDataset DicomDataset_empty() {
        return org.noduletrack.dicom.data.DicomDataset.empty();
    }

    private static Set<Integer> rangeSet(int a, int b) {
        Set<Integer> s = new TreeSet<>();
        for (int k = a; k <= b; k++) {
            s.add(k);
        }
        return s;
    }

    /** The series' files from the lowest slice position (z) up, read from their headers. */
    private static List<Path> slicesByPosition(Path dir) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = new ArrayList<>(s.toList());
        }
        java.util.Map<Path, Double> z = new java.util.HashMap<>();
        for (Path p : files) {
            z.put(p, new DicomReader(ReadOptions.headerOnly()).read(p).dataset().doubles(Tags.ImagePositionPatient)[2]);
        }
        files.sort(Comparator.comparingDouble(z::get));
        return files;
    }
}
