package org.noduletrack.app.workspace;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.noduletrack.app.followup.LibrarySeriesLoader;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.index.InstanceRecord;
import org.noduletrack.archive.index.SeriesRecord;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.render.RenderException;
import org.noduletrack.render.geom.PlaneLps;
import org.noduletrack.render.geom.ViewOrientation;
import org.noduletrack.render.volume.AssemblyPlan;
import org.noduletrack.render.volume.IndexedImage;
import org.noduletrack.render.volume.LoadProgress;
import org.noduletrack.render.volume.SeriesScan;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.VolumeAssembler;
import org.noduletrack.render.volume.VolumeGeometry;

/**
 * Turns a library series into a volume: planned on the loader executor (from the library index and three headers when
 * the series is regular, else from every header), then the voxels stream in — the first view's slices first — while
 * the caller already shows the volume.
 */
public final class SeriesVolumes {
    private final LibraryService library;
    private final ExecutorService loader;
    private final int threads;
    /** Series whose headers contradicted the library index once: planned from every header from then on. */
    private final Set<String> fullScanOnly = ConcurrentHashMap.newKeySet();

    public SeriesVolumes(LibraryService library, ExecutorService loader, int threads) {
        this.library = library;
        this.loader = loader;
        this.threads = threads;
    }

    /**
     * A volume that is loading (the first view's slices first); closing it frees the voxels.
     *
     * @param plannedFromIndex whether the plan came from the library index and three headers (else every header)
     */
    public record OpenedSeries(SeriesRecord series, AssemblyPlan plan, ShortVolume volume, List<String> issues,
                               boolean plannedFromIndex) implements AutoCloseable {
        public OpenedSeries {
            issues = List.copyOf(issues);
        }

        @Override
        public void close() {
            volume.close();
        }
    }

    /** The plane a viewer shows first, and its slab: its slices are loaded before any other. */
    public interface FirstView {
        /** The axial plane through the volume's centre, thin: where the workstation opens a series. */
        FirstView AXIAL_CENTRE = g -> g.planeThrough(ViewOrientation.AXIAL, g.centerLps());

        PlaneLps plane(VolumeGeometry geometry);

        default double slabMm() { return 0; }
    }

    /** How the volume is planned. */
    public enum Planning {
        /** From the library index and three headers when the series is regular CT, else from every header. */
        INDEX_WHEN_REGULAR,
        /** From every header (benchmarks compare it with the index plan). */
        EVERY_HEADER
    }

    /** Opens with the axial plane through the centre first: what a slice view shows after it is given a volume. */
    public CompletableFuture<OpenedSeries> open(SeriesRecord series) {
        return open(series, FirstView.AXIAL_CENTRE, null);
    }

    /**
     * Plans the volume on the loader executor and completes as soon as it is allocated, while slices stream in: the
     * slices {@code first} needs, then outwards. {@code listener} (may be null) is registered before the first slice can
     * arrive, so it sees every slice in load order; it is called on loading threads.
     */
    public CompletableFuture<OpenedSeries> open(SeriesRecord series, FirstView first, LoadProgress.Listener listener) {
        return open(series, first, listener, Planning.INDEX_WHEN_REGULAR);
    }

    public CompletableFuture<OpenedSeries> open(SeriesRecord series, FirstView first, LoadProgress.Listener listener,
                                                Planning planning) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return openNow(series, first, listener, planning);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, loader);
    }

    private OpenedSeries openNow(SeriesRecord series, FirstView first, LoadProgress.Listener listener, Planning planning)
            throws IOException {
        Library lib = library.library();
        List<InstanceRecord> instances = lib.store().instances(series.uid());
        if (instances.isEmpty()) {
            throw new RenderException("the series has no images in the library");
        }
        // codecs are set up when the first slice decodes, not before planning
        VolumeAssembler assembler = new VolumeAssembler(() -> new PixelDataReader(CodecRegistry.standard()), threads);
        String uid = series.uid().value();
        // a regular series is planned from the index and three headers; the rest (and any series whose headers once
        // contradicted the index) from every header
        Optional<SeriesScan> fromIndex = planning == Planning.EVERY_HEADER || fullScanOnly.contains(uid) ? Optional.empty() : assembler.scanFromIndex(
                instances.stream().map(i -> new IndexedImage(lib.file(i.filePath()), i.slicePositionMm(), i.frames())).toList());
        SeriesScan scan = fromIndex.isPresent() ? fromIndex.get()
                : assembler.scan(instances.stream().map(i -> lib.file(i.filePath())).toList());
        LibrarySeriesLoader.PlannedSeries planned = LibrarySeriesLoader.planned(assembler, scan, uid);
        AssemblyPlan plan = planned.plan();
        VolumeGeometry g = plan.geometry();
        ShortVolume volume = assembler.startLoading(plan, g.slicesTouchedBy(first.plane(g), first.slabMm()),
                fromIndex.isPresent() ? new FullScanNextTime(uid, listener) : listener);
        List<String> issues = planned.issues();
        return new OpenedSeries(series, plan, volume, issues, fromIndex.isPresent());
    }

    /** Passes events on; a failed load of an index-planned volume makes the next open of the series read every header. */
    private final class FullScanNextTime implements LoadProgress.Listener {
        private final String seriesUid;
        private final LoadProgress.Listener next;

        FullScanNextTime(String seriesUid, LoadProgress.Listener next) {
            this.seriesUid = seriesUid;
            this.next = next;
        }

        @Override
        public void sliceLoaded(int k) {
            if (next != null) {
                next.sliceLoaded(k);
            }
        }

        @Override
        public void completed() {
            if (next != null) {
                next.completed();
            }
        }

        @Override
        public void failed(Throwable cause) {
            fullScanOnly.add(seriesUid);
            if (next != null) {
                next.failed(cause);
            }
        }
    }
}
