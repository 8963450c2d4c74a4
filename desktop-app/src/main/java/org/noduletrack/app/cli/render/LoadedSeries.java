package org.noduletrack.app.cli.render;

import java.io.IOException;
import java.nio.file.Path;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.render.RenderException;
import org.noduletrack.render.volume.AssemblyPlan;
import org.noduletrack.render.volume.SeriesScan;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.SliceStack;
import org.noduletrack.render.volume.VolumeAssembler;

/**
 * The CT stack with the most slices under a folder, planned from headers and loading in the background (the slice
 * nearest {@code focusLps} first). Close it to stop loading and free the voxels.
 *
 * @param scanNanos time to read every header and group the images
 * @param planNanos time to decide the voxel grid
 * @param setupNanos time to start the codec set-up (which then runs beside the header scan)
 * @param startNanos time to allocate the volume and start the loading threads
 */
public record LoadedSeries(SeriesScan scan, AssemblyPlan plan, ShortVolume volume, long scanNanos, long planNanos,
                           long setupNanos, long startNanos) implements AutoCloseable {

    /** Reads headers under {@code dir}, picks the largest CT stack (any modality when there is no CT), starts loading. */
    public static LoadedSeries open(Path dir, java.util.Optional<Vec3> focusLps, int threads) throws IOException {
        long ts = System.nanoTime();
        // codec set-up (class loading in a fresh JVM) overlaps the header scan, which needs no codec
        java.util.concurrent.CompletableFuture<PixelDataReader> codecs = new java.util.concurrent.CompletableFuture<>();
        Thread.ofPlatform().name("codec-setup").daemon().start(() -> {
            try {
                codecs.complete(new PixelDataReader(CodecRegistry.standard()));
            } catch (Throwable e) {
                codecs.completeExceptionally(e);
            }
        });
        VolumeAssembler assembler = new VolumeAssembler(codecs::join, threads);
        long t0 = System.nanoTime();
        SeriesScan scan = assembler.scan(dir);
        long t1 = System.nanoTime();
        SliceStack stack = scan.largestStack("CT").or(scan::largestStack).orElseThrow(() -> new RenderException(
                "no image series with usable geometry under " + dir + " (" + scan.unreadableFiles() + " unreadable files)"));
        AssemblyPlan plan = assembler.plan(stack);
        long t2 = System.nanoTime();
        int firstK = focusLps.map(p -> (int) Math.round(plan.geometry().lpsToVoxel(p).z()))
                .orElse(plan.geometry().extent().nz() / 2);
        long t3 = System.nanoTime();
        ShortVolume volume = assembler.startLoading(plan, firstK);
        return new LoadedSeries(scan, plan, volume, t1 - t0, t2 - t1, t0 - ts, System.nanoTime() - t3);
    }

    @Override
    public void close() {
        volume.close();
    }
}
