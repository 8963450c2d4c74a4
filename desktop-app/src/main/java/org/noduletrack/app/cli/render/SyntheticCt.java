package org.noduletrack.app.cli.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.dict.Uids;
import org.noduletrack.dicom.io.DicomWriter;
import org.noduletrack.dicom.io.TransferSyntax;

/**
 * A synthetic axial CT series for benchmarks: {@code slices} single-frame 512×512 uncompressed slices (0.7 mm pixels,
 * 0.625 mm apart) of a simple chest phantom — an elliptical body (40 HU) with two lungs (−850 HU) and a few spheres —
 * written to a folder in parallel, files in shuffled name order so nothing depends on listing order.
 */
public final class SyntheticCt {
    public static final int SIZE = 512;

    private SyntheticCt() {}

    /** Writes the series into a new temporary folder and returns it; delete it with {@link #delete}. */
    public static Path write(int slices) throws IOException {
        Path dir = Files.createTempDirectory("noduletrack-synthetic-ct-");
        write(dir, slices);
        return dir;
    }

    /** Writes the series into {@code dir} (created when missing). */
    public static void write(Path dir, int slices) throws IOException {
        Files.createDirectories(dir);
        String series = "2.25.4242" + System.nanoTime() % 1_000_000;
        try {
            IntStream.range(0, slices).parallel().forEach(z -> {
                try {
                    writeSlice(dir, series, z, slices);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void writeSlice(Path dir, String series, int z, int slices) throws IOException {
        double spacing = 0.7, dz = 0.625;
        double zMm = -dz * z;
        ByteBuffer px = ByteBuffer.allocate(SIZE * SIZE * 2).order(ByteOrder.LITTLE_ENDIAN);
        double t = (double) z / Math.max(1, slices - 1);
        for (int r = 0; r < SIZE; r++) {
            for (int c = 0; c < SIZE; c++) {
                double x = (c - SIZE / 2.0) * spacing, y = (r - SIZE / 2.0) * spacing;
                double hu = -1000;
                if (x * x / (160.0 * 160) + y * y / (115.0 * 115) <= 1) {
                    hu = 40;
                    double lx = Math.abs(x) - 75, ly = y + 5;
                    double lungR = 55 + 25 * Math.sin(Math.PI * t);
                    if (lx * lx / (lungR * lungR) + ly * ly / ((lungR + 20) * (lungR + 20)) <= 1) {
                        hu = -850;
                        double nx = lx - 10, ny = ly - 20 * Math.cos(7 * t), nz = (t - 0.5) * 40;
                        if (nx * nx + ny * ny + nz * nz < 64) {
                            hu = 30; // a nodule
                        }
                    }
                }
                px.putShort((short) (hu + 1024 + ((c * 7 + r * 13 + z * 3) % 5))); // a little texture
            }
        }
        String sop = series + "." + (z + 1);
        DicomDataset ds = DicomDataset.builder()
                .putString(Tags.SOPClassUID, Vr.UI, Uids.CTImageStorage)
                .putString(Tags.SOPInstanceUID, Vr.UI, sop)
                .putString(Tags.ImageType, Vr.CS, "ORIGINAL", "PRIMARY", "AXIAL")
                .putString(Tags.Modality, Vr.CS, "CT")
                .putString(Tags.PatientID, Vr.LO, "SYNTHETIC-BENCH")
                .putString(Tags.SeriesInstanceUID, Vr.UI, series)
                .putString(Tags.StudyInstanceUID, Vr.UI, series + ".0")
                .putString(Tags.FrameOfReferenceUID, Vr.UI, series + ".1")
                .putString(Tags.InstanceNumber, Vr.IS, Integer.toString(z + 1))
                .putString(Tags.ImagePositionPatient, Vr.DS, ds(-SIZE / 2.0 * spacing), ds(-SIZE / 2.0 * spacing), ds(zMm))
                .putString(Tags.ImageOrientationPatient, Vr.DS, "1", "0", "0", "0", "1", "0")
                .putString(Tags.PixelSpacing, Vr.DS, ds(spacing), ds(spacing))
                .putString(Tags.SliceThickness, Vr.DS, ds(dz))
                .putInts(Tags.SamplesPerPixel, Vr.US, 1)
                .putString(Tags.PhotometricInterpretation, Vr.CS, "MONOCHROME2")
                .putInts(Tags.Rows, Vr.US, SIZE)
                .putInts(Tags.Columns, Vr.US, SIZE)
                .putInts(Tags.BitsAllocated, Vr.US, 16)
                .putInts(Tags.BitsStored, Vr.US, 12)
                .putInts(Tags.HighBit, Vr.US, 11)
                .putInts(Tags.PixelRepresentation, Vr.US, 0)
                .putString(Tags.RescaleIntercept, Vr.DS, "-1024")
                .putString(Tags.RescaleSlope, Vr.DS, "1")
                .putOwned(Tags.PixelData, Vr.OW, px.array())
                .build();
        // shuffled file names: position, not listing order, sorts the slices
        Path file = dir.resolve(String.format(Locale.ROOT, "IM%06d.dcm", (z * 7919L) % 1_000_003));
        new DicomWriter().write(file, DicomDataset.empty(), ds, TransferSyntax.EXPLICIT_VR_LE);
    }

    private static String ds(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v);
        return s.length() <= 16 ? s : String.format(Locale.ROOT, "%.9g", v).strip();
    }

    /** Deletes a folder written by {@link #write}. */
    public static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a temporary folder
        }
    }
}
