package org.noduletrack.app.workspace;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.noduletrack.app.followup.LibrarySeriesLoader;
import org.noduletrack.archive.index.SeriesRecord;
import org.noduletrack.render.volume.AssemblyPlan;
import org.noduletrack.render.volume.ShortVolume;

/** Turns a library series into a volume: headers read and planned on the loader executor, voxels loading after. */
public final class SeriesVolumes {
    private final LibraryService library;
    private final ExecutorService loader;
    private final int threads;

    public SeriesVolumes(LibraryService library, ExecutorService loader, int threads) {
        this.library = library;
        this.loader = loader;
        this.threads = threads;
    }

    /** A volume that is loading (the middle slice first); closing it frees the voxels. */
    public record OpenedSeries(SeriesRecord series, AssemblyPlan plan, ShortVolume volume, List<String> issues) {
        public OpenedSeries {
            issues = List.copyOf(issues);
        }
    }

    public CompletableFuture<OpenedSeries> open(SeriesRecord series) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return openNow(series);
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        }, loader);
    }

    private OpenedSeries openNow(SeriesRecord series) throws IOException {
        LibrarySeriesLoader.PlannedSeries p = new LibrarySeriesLoader(library.library(), threads).plan(series.uid());
        ShortVolume volume = p.assembler().startLoading(p.plan(), p.plan().geometry().extent().nz() / 2);
        return new OpenedSeries(series, p.plan(), volume, p.issues());
    }
}
