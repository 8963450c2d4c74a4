package org.noduletrack.samples.generator;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.noduletrack.dicom.codec.CodecRegistry;
import org.noduletrack.dicom.codec.DecodedFrame;
import org.noduletrack.dicom.codec.PixelDataReader;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.dicom.io.DicomFile;
import org.noduletrack.dicom.io.DicomReader;
import org.noduletrack.dicom.io.ReadOptions;
import org.noduletrack.samples.SampleCatalog;
import org.noduletrack.samples.SampleFile;

/**
 * The real CT a demo patient is built from, decoded to HU. Accepts one axial, evenly spaced, single-frame series with
 * identity orientation (what the bundled LIDC series is); anything else is rejected, not silently resampled.
 *
 * @param seriesInstanceUid the source series (recorded in the ground truth)
 * @param attributes        equipment attributes copied into generated series (manufacturer, kVp, kernel)
 */
public record SourceCt(CtVolume volume, String seriesInstanceUid, DicomDataset attributes) {

    /** Loads the bundled LIDC-IDRI-0001 series (SHA-256 verified). */
    public static SourceCt bundled(SampleCatalog catalog) throws IOException {
        List<SampleFile> files = catalog.files(SampleCatalog.LIDC_0001);
        List<byte[]> bytes = new ArrayList<>();
        for (SampleFile f : files) {
            bytes.add(catalog.read(f));
        }
        return fromFiles(bytes);
    }

    public static SourceCt fromFiles(List<byte[]> files) throws IOException {
        DicomReader reader = new DicomReader(ReadOptions.everythingInMemory());
        List<DicomFile> parsed = new ArrayList<>();
        for (byte[] b : files) {
            parsed.add(reader.read(new ByteArrayInputStream(b), b.length));
        }
        parsed.sort(Comparator.comparingDouble(f -> f.dataset().doubles(Tags.ImagePositionPatient)[2]));
        DicomDataset first = parsed.getFirst().dataset();
        double[] iop = first.doubles(Tags.ImageOrientationPatient);
        double[] expect = {1, 0, 0, 0, 1, 0};
        for (int i = 0; i < 6; i++) {
            if (iop.length != 6 || Math.abs(iop[i] - expect[i]) > 1e-4) {
                throw new IOException("source CT must be axial with identity orientation");
            }
        }
        int n = parsed.size();
        double[] ipp0 = first.doubles(Tags.ImagePositionPatient);
        double dz = n > 1 ? parsed.get(1).dataset().doubles(Tags.ImagePositionPatient)[2] - ipp0[2] : 1;
        for (int k = 1; k < n; k++) {
            double z = parsed.get(k).dataset().doubles(Tags.ImagePositionPatient)[2];
            if (Math.abs(z - ipp0[2] - k * dz) > 0.01) {
                throw new IOException("source CT slices are not evenly spaced at slice " + k);
            }
        }
        double[] ps = first.doubles(Tags.PixelSpacing); // row spacing (y), column spacing (x)
        int rows = first.intValue(Tags.Rows, 0);
        int cols = first.intValue(Tags.Columns, 0);
        VoxelGrid grid = new VoxelGrid(cols, rows, n, new Vec3(ipp0[0], ipp0[1], ipp0[2]), ps[1], ps[0], dz);
        short[] hu = new short[cols * rows * n];
        PixelDataReader pixels = new PixelDataReader(CodecRegistry.standard());
        IOException[] failure = new IOException[1];
        IntStream.range(0, n).parallel().forEach(k -> {
            try {
                DicomDataset ds = parsed.get(k).dataset();
                double slope = ds.doubleValue(Tags.RescaleSlope).orElse(1);
                double intercept = ds.doubleValue(Tags.RescaleIntercept).orElse(0);
                int padding = ds.intValue(Tags.PixelPaddingValue).orElse(Integer.MIN_VALUE);
                boolean signed = ds.intValue(Tags.PixelRepresentation, 0) == 1;
                if (signed && padding != Integer.MIN_VALUE) {
                    padding = (short) padding; // US-encoded padding of signed data is a 16-bit pattern
                }
                DecodedFrame f = pixels.decodeFrame(parsed.get(k), 0);
                int[] s = f.samples();
                int base = k * rows * cols;
                for (int i = 0; i < s.length; i++) {
                    // padding (outside the reconstruction circle) becomes air, so resampling shows no artificial ring
                    double v = s[i] == padding ? CtVolume.OUTSIDE_HU : s[i] * slope + intercept;
                    hu[base + i] = (short) Math.clamp(Math.round(v), -1024, 3071);
                }
            } catch (IOException e) {
                synchronized (failure) {
                    failure[0] = e;
                }
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        DicomDataset attrs = DicomDataset.builder().build();
        var b = attrs.toBuilder();
        for (int tag : new int[] {Tags.Manufacturer, Tags.ManufacturerModelName, Tags.KVP, Tags.ConvolutionKernel}) {
            first.get(tag).ifPresent(b::put);
        }
        return new SourceCt(new CtVolume(grid, hu), first.string(Tags.SeriesInstanceUID, ""), b.build());
    }
}
