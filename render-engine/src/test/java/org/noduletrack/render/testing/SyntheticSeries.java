package org.noduletrack.render.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Locale;
import org.noduletrack.dicom.data.DatasetBuilder;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.data.Vr;
import org.noduletrack.dicom.dict.Tags;
import org.noduletrack.dicom.dict.Uids;
import org.noduletrack.dicom.geom.Vec3;
import org.noduletrack.dicom.io.DicomWriter;
import org.noduletrack.dicom.io.TransferSyntax;

/**
 * Writes synthetic single-frame CT slices whose pixel values are a known function of the pixel centre's LPS position,
 * so tests can check geometry from first principles (the writer knows where every pixel is; the code under test has
 * to find out from the headers).
 */
public final class SyntheticSeries {
    /** Modality value (HU) at a patient position. */
    @FunctionalInterface
    public interface Field {
        double at(Vec3 lps);
    }

    /** One slice: pixel (c, r) centre = origin + c·spacing·row + r·spacing·column. */
    public record Slice(Vec3 origin, Vec3 row, Vec3 column, double spacingMm, int rows, int columns, int instanceNumber,
                        boolean localizer, double slope, double intercept) {
        public static Slice axial(double x0, double y0, double z, double spacing, int size, int instance) {
            return new Slice(new Vec3(x0, y0, z), new Vec3(1, 0, 0), new Vec3(0, 1, 0), spacing, size, size, instance, false, 1, -1024);
        }

        public Slice withRescale(double s, double i) {
            return new Slice(origin, row, column, spacingMm, rows, columns, instanceNumber, localizer, s, i);
        }

        public Slice asLocalizer() {
            return new Slice(origin, row, column, spacingMm, rows, columns, instanceNumber, true, slope, intercept);
        }

        public Vec3 pixelLps(int c, int r) { return origin.plus(row.times(c * spacingMm)).plus(column.times(r * spacingMm)); }
    }

    private final Path dir;
    private final String seriesUid;

    public SyntheticSeries(Path dir, String seriesUid) {
        this.dir = dir;
        this.seriesUid = seriesUid;
    }

    public Path write(Slice s, Field field) throws IOException {
        ByteBuffer px = ByteBuffer.allocate(s.rows() * s.columns() * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < s.rows(); r++) {
            for (int c = 0; c < s.columns(); c++) {
                double hu = field.at(s.pixelLps(c, r));
                px.putShort((short) Math.clamp(Math.round((hu - s.intercept()) / s.slope()), Short.MIN_VALUE, Short.MAX_VALUE));
            }
        }
        String sop = "2.25." + Math.abs(seriesUid.hashCode()) + "." + s.instanceNumber() + "." + System.nanoTime() % 100000;
        DatasetBuilder b = DicomDataset.builder()
                .putString(Tags.SOPClassUID, Vr.UI, Uids.CTImageStorage)
                .putString(Tags.SOPInstanceUID, Vr.UI, sop)
                .putString(Tags.ImageType, Vr.CS, "ORIGINAL", "PRIMARY", s.localizer() ? "LOCALIZER" : "AXIAL")
                .putString(Tags.Modality, Vr.CS, "CT")
                .putString(Tags.SeriesInstanceUID, Vr.UI, seriesUid)
                .putString(Tags.StudyInstanceUID, Vr.UI, "2.25.1")
                .putString(Tags.FrameOfReferenceUID, Vr.UI, "2.25.2")
                .putString(Tags.InstanceNumber, Vr.IS, Integer.toString(s.instanceNumber()))
                .putString(Tags.ImagePositionPatient, Vr.DS, ds(s.origin().x()), ds(s.origin().y()), ds(s.origin().z()))
                .putString(Tags.ImageOrientationPatient, Vr.DS, ds(s.row().x()), ds(s.row().y()), ds(s.row().z()),
                        ds(s.column().x()), ds(s.column().y()), ds(s.column().z()))
                .putString(Tags.PixelSpacing, Vr.DS, ds(s.spacingMm()), ds(s.spacingMm()))
                .putString(Tags.SliceThickness, Vr.DS, "1")
                .putInts(Tags.SamplesPerPixel, Vr.US, 1)
                .putString(Tags.PhotometricInterpretation, Vr.CS, "MONOCHROME2")
                .putInts(Tags.Rows, Vr.US, s.rows())
                .putInts(Tags.Columns, Vr.US, s.columns())
                .putInts(Tags.BitsAllocated, Vr.US, 16)
                .putInts(Tags.BitsStored, Vr.US, 16)
                .putInts(Tags.HighBit, Vr.US, 15)
                .putInts(Tags.PixelRepresentation, Vr.US, 1)
                .putString(Tags.RescaleIntercept, Vr.DS, ds(s.intercept()))
                .putString(Tags.RescaleSlope, Vr.DS, ds(s.slope()))
                .putOwned(Tags.PixelData, Vr.OW, px.array());
        Path file = dir.resolve(String.format(Locale.ROOT, "%s-%04d.dcm", Integer.toHexString(seriesUid.hashCode()), s.instanceNumber()));
        new DicomWriter().write(file, DicomDataset.empty(), b.build(), TransferSyntax.EXPLICIT_VR_LE);
        return file;
    }

    /** DS values carry at most 16 characters: plenty for test geometry to 1e-6 mm. */
    private static String ds(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v);
        return s.length() <= 16 ? s : String.format(Locale.ROOT, "%.9g", v).strip();
    }
}
