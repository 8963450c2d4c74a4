package org.noduletrack.app.workspace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.noduletrack.archive.ArchiveException;
import org.noduletrack.archive.index.SeriesRecord;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.DecodedFrame;
import org.noduletrack.dicom.codec.ModalityLut;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.dicom.codec.VoiWindow;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Small greyscale pictures of a series' middle image for the series list, so a clinician recognises a scout, a lung
 * kernel or a contrast phase at a glance. Made from the stored file in the background (one image read and decoded),
 * windowed with the file's own default window (else a CT soft-tissue window, else the image's range), reduced by area
 * averaging, and kept in memory for the session.
 */
public final class SeriesThumbnails {
    private static final Logger LOG = LoggerFactory.getLogger(SeriesThumbnails.class);
    /** Grey thumbnail, {@code size × size}, the image centred on black with its aspect ratio kept. */
    public record Thumbnail(int size, byte[] grey) {}

    private static final int CACHE = 400;

    private final LibraryService library;
    private final Executor background;
    private final int size;
    private final DicomReader reader = new DicomReader(ReadOptions.defaults());
    private final PixelDataReader pixels = new PixelDataReader(CodecRegistry.standard());
    private final Map<String, CompletableFuture<Optional<Thumbnail>>> cache =
            new LinkedHashMap<>(64, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Optional<Thumbnail>>> e) {
                    return size() > CACHE;
                }
            };

    public SeriesThumbnails(LibraryService library, Executor background, int size) {
        this.library = library;
        this.background = background;
        this.size = size;
    }

    /** The series' thumbnail, made once; empty when its middle image cannot be decoded (the list shows none). */
    public synchronized CompletableFuture<Optional<Thumbnail>> of(SeriesRecord series) {
        return cache.computeIfAbsent(series.uid().value(), k -> CompletableFuture.supplyAsync(() -> make(series),
                background));
    }

    private Optional<Thumbnail> make(SeriesRecord series) {
        try {
            List<Path> files = library.instanceFiles(series);
            if (files.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(render(reader.read(files.get(files.size() / 2))));
        } catch (IOException | RuntimeException e) { // ArchiveException is an IOException
            LOG.debug("no thumbnail for a series: {}", e.toString());
            return Optional.empty();
        }
    }

    Thumbnail render(DicomFile file) throws IOException {
        DecodedFrame f = pixels.decodeFrame(file, 0);
        ModalityLut lut = ModalityLut.of(file.dataset());
        int w = f.width();
        int h = f.height();
        int spp = f.descriptor().samplesPerPixel();
        double[] value = new double[w * h];
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 0;
                for (int c = 0; c < spp; c++) {
                    v += spp == 1 ? lut.apply(f.sample(x, y, 0)) : f.sample(x, y, c);
                }
                v /= spp;
                value[y * w + x] = v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        List<VoiWindow> windows = spp == 1 ? VoiWindow.all(file.dataset()) : List.of();
        double lo;
        double hi;
        if (!windows.isEmpty()) {
            lo = windows.getFirst().center() - windows.getFirst().width() / 2;
            hi = windows.getFirst().center() + windows.getFirst().width() / 2;
        } else if ("CT".equals(file.dataset().string(org.noduletrack.dicom.dict.Tags.Modality).orElse(""))) {
            lo = 40 - 200;
            hi = 40 + 200;
        } else {
            lo = min;
            hi = max > min ? max : min + 1;
        }
        boolean invert = f.descriptor().photometricInterpretation().equals("MONOCHROME1");
        // fit the longer side, centre the shorter: area average over the source pixels of each target pixel
        double scale = Math.max(w, h) / (double) size;
        int tw = Math.max(1, (int) Math.round(w / scale));
        int th = Math.max(1, (int) Math.round(h / scale));
        int ox = (size - tw) / 2;
        int oy = (size - th) / 2;
        byte[] out = new byte[size * size];
        for (int ty = 0; ty < th; ty++) {
            int y0 = (int) (ty * scale);
            int y1 = Math.max(y0 + 1, Math.min(h, (int) ((ty + 1) * scale)));
            for (int tx = 0; tx < tw; tx++) {
                int x0 = (int) (tx * scale);
                int x1 = Math.max(x0 + 1, Math.min(w, (int) ((tx + 1) * scale)));
                double sum = 0;
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        sum += value[y * w + x];
                    }
                }
                double mean = sum / ((y1 - y0) * (x1 - x0));
                double g = Math.clamp((mean - lo) / (hi - lo), 0, 1);
                out[(oy + ty) * size + ox + tx] = (byte) Math.round(255 * (invert ? 1 - g : g));
            }
        }
        return new Thumbnail(size, out);
    }
}
