package org.noduletrack.app.workspace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.noduletrack.archive.index.SeriesRecord;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.render.RenderException;
import org.noduletrack.render.volume.AssemblyIssue;
import org.noduletrack.render.volume.AssemblyPlan;
import org.noduletrack.render.volume.SeriesScan;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.SliceStack;
import org.noduletrack.render.volume.VolumeAssembler;

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
        List<Path> files = library.instanceFiles(series);
        if (files.isEmpty()) {
            throw new RenderException("the series has no images in the library");
        }
        VolumeAssembler assembler = new VolumeAssembler(new PixelDataReader(CodecRegistry.standard()), threads);
        SeriesScan scan = assembler.scan(files);
        SliceStack stack = scan.stacksOfSeries(series.uid().value()).stream().findFirst()
                .or(scan::largestStack)
                .orElseThrow(() -> new RenderException("no images with usable geometry (" + scan.unreadableFiles()
                        + " unreadable)"));
        if (stack.size() < 2) {
            throw new RenderException("a single image: volume viewing needs at least 2 parallel slices");
        }
        AssemblyPlan plan = assembler.plan(stack);
        ShortVolume volume = assembler.startLoading(plan, plan.geometry().extent().nz() / 2);
        List<String> issues = new java.util.ArrayList<>(plan.issues().stream().map(AssemblyIssue::describe).toList());
        scan.excluded().forEach(i -> issues.add(i.describe()));
        return new OpenedSeries(series, plan, volume, issues);
    }
}
