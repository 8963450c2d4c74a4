package org.noduletrack.app.cli.nodules;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.nodule.model.SeriesRef;
import org.noduletrack.render.RenderException;
import org.noduletrack.render.volume.SliceStack;
import org.noduletrack.render.volume.ShortVolume;
import org.noduletrack.render.volume.VolumeAssembler;

/** The largest CT stack under a folder, fully loaded, with its identifiers and study date. Close to free the voxels. */
public record SeriesVolume(Path directory, ShortVolume volume, SeriesRef ref, Optional<LocalDate> studyDate)
        implements AutoCloseable {

    public static SeriesVolume load(Path dir, int threads) throws IOException, InterruptedException {
        VolumeAssembler asm = new VolumeAssembler(new PixelDataReader(CodecRegistry.standard()), threads);
        var scan = asm.scan(dir);
        SliceStack stack = scan.largestStack("CT").or(scan::largestStack).orElseThrow(() -> new RenderException(
                "no image series with usable geometry under " + dir + " (" + scan.unreadableFiles() + " unreadable files)"));
        ShortVolume v = asm.load(asm.plan(stack));
        var first = stack.slices().getFirst();
        DicomDataset ds = new DicomReader(ReadOptions.headerOnly()).read(first.file()).dataset();
        Optional<LocalDate> date = ds.string(Tags.StudyDate).or(() -> ds.string(Tags.SeriesDate)).flatMap(SeriesVolume::parseDate);
        return new SeriesVolume(dir, v, new SeriesRef(stack.seriesUid(), first.frameOfReferenceUid()), date);
    }

    static Optional<LocalDate> parseDate(String da) {
        try {
            return Optional.of(LocalDate.parse(da.strip(), DateTimeFormatter.BASIC_ISO_DATE));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        volume.close();
    }
}
