package org.noduletrack.app.ui;

import java.nio.file.Path;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.render.api.RenderRequest;
import org.noduletrack.render.cpu.CpuReslicer;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.VolumeAssembler;
import org.noduletrack.render.volume.VolumeGeometry;

/**
 * The pixels a view should show, computed apart from the app: the series assembled straight from its DICOM files (not
 * through the library or the viewer's loader) and resliced by render-engine's CPU reference reslicer.
 */
final class CpuReference implements AutoCloseable {
    private final ShortVolume volume;
    private final CpuReslicer reslicer;

    private CpuReference(ShortVolume volume, CpuReslicer reslicer) {
        this.volume = volume;
        this.reslicer = reslicer;
    }

    /** Loads the largest CT stack under {@code folder}. */
    static CpuReference load(Path folder) throws Exception {
        VolumeAssembler assembler = new VolumeAssembler(new PixelDataReader(CodecRegistry.standard()), 2);
        var stack = assembler.scan(folder).largestStack("CT").orElseThrow();
        return new CpuReference(assembler.load(assembler.plan(stack)), new CpuReslicer(2));
    }

    VolumeGeometry geometry() { return volume.geometry(); }

    /** ARGB pixels of {@code request}, row 0 at the top. */
    int[] render(RenderRequest request) {
        return reslicer.renderArgb(volume, request);
    }

    @Override
    public void close() {
        reslicer.close();
        volume.close();
    }
}
