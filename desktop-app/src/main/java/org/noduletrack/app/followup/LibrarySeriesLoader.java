package org.noduletrack.app.followup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.noduletrack.archive.Library;
import org.noduletrack.archive.SeriesUid;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.render.RenderException;
import org.noduletrack.render.volume.AssemblyIssue;
import org.noduletrack.render.volume.AssemblyPlan;
import org.noduletrack.render.volume.SeriesScan;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.SliceStack;
import org.noduletrack.render.volume.VolumeAssembler;

/**
 * Turns a library series into a volume plan (headers read, slices stacked and checked) and loads it. Blocking; shared by
 * the workstation's viewers and the follow-up workflow.
 */
public final class LibrarySeriesLoader {
    private final Library library;
    private final int threads;

    public LibrarySeriesLoader(Library library, int threads) {
        this.library = library;
        this.threads = threads;
    }

    /** A series' slice stack, planned; {@code issues} describes gaps, tilt and excluded files. */
    public record PlannedSeries(VolumeAssembler assembler, AssemblyPlan plan, List<String> issues) {
        public PlannedSeries {
            issues = List.copyOf(issues);
        }
    }

    public PlannedSeries plan(SeriesUid series) throws IOException {
        List<Path> files = library.store().instances(series).stream().map(i -> library.file(i.filePath())).toList();
        if (files.isEmpty()) {
            throw new RenderException("the series has no images in the library");
        }
        VolumeAssembler assembler = new VolumeAssembler(new PixelDataReader(CodecRegistry.standard()), threads);
        return planned(assembler, assembler.scan(files), series.value());
    }

    /**
     * The stack of {@code seriesUid} in {@code scan} (else the largest stack), checked and planned, with its issues and
     * the files the scan excluded. Shared with the workstation's {@code SeriesVolumes}, which scans from the index.
     */
    public static PlannedSeries planned(VolumeAssembler assembler, SeriesScan scan, String seriesUid) throws RenderException {
        SliceStack stack = scan.stacksOfSeries(seriesUid).stream().findFirst()
                .or(scan::largestStack)
                .orElseThrow(() -> new RenderException("no images with usable geometry (" + scan.unreadableFiles()
                        + " unreadable)"));
        if (stack.size() < 2) {
            throw new RenderException("a single image: volume viewing needs at least 2 parallel slices");
        }
        AssemblyPlan plan = assembler.plan(stack);
        List<String> issues = new ArrayList<>(plan.issues().stream().map(AssemblyIssue::describe).toList());
        scan.excluded().forEach(i -> issues.add(i.describe()));
        return new PlannedSeries(assembler, plan, issues);
    }

    /** The whole volume, loaded before returning. Close it to free the voxels. */
    public ShortVolume load(SeriesUid series) throws IOException, InterruptedException {
        PlannedSeries p = plan(series);
        return p.assembler().load(p.plan());
    }
}
