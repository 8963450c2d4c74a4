package org.noduletrack.dicom.geom;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;

/**
 * Where one image (or frame) lies in patient space, from Image Position/Orientation (Patient) and Pixel Spacing
 * (PS3.3 C.7.6.2). Pixel (column i, row j) centre = origin + i·columnSpacing·rowDirection + j·rowSpacing·columnDirection.
 *
 * @param originLps          centre of the first transmitted pixel, mm
 * @param rowDirection       unit direction along a row (increasing column index)
 * @param columnDirection    unit direction down a column (increasing row index)
 * @param rowSpacingMm       distance between rows (first value of Pixel Spacing)
 * @param columnSpacingMm    distance between columns (second value)
 * @param sliceThicknessMm   nominal thickness, when given
 */
public record SliceGeometry(Vec3 originLps, Vec3 rowDirection, Vec3 columnDirection, double rowSpacingMm,
                            double columnSpacingMm, int rows, int columns, OptionalDouble sliceThicknessMm) {
    /** Direction cosines further from orthonormal than this are an error in the file. */
    public static final double ORTHONORMAL_TOLERANCE = 1e-3;

    public SliceGeometry {
        if (Math.abs(rowDirection.length() - 1) > ORTHONORMAL_TOLERANCE
                || Math.abs(columnDirection.length() - 1) > ORTHONORMAL_TOLERANCE
                || Math.abs(rowDirection.dot(columnDirection)) > ORTHONORMAL_TOLERANCE) {
            throw new IllegalArgumentException("Image Orientation (Patient) is not two orthonormal directions: "
                    + rowDirection + ", " + columnDirection);
        }
        if (!(rowSpacingMm > 0) || !(columnSpacingMm > 0)) {
            throw new IllegalArgumentException("Pixel Spacing must be positive: " + rowSpacingMm + "\\" + columnSpacingMm);
        }
        rowDirection = rowDirection.normalized();
        columnDirection = columnDirection.normalized();
    }

    /** Unit normal (row × column): the direction of increasing slice position in a well-ordered stack. */
    public Vec3 normal() { return rowDirection.cross(columnDirection).normalized(); }

    /** Centre of pixel (column, row) in LPS mm; fractional indexes allowed. */
    public Vec3 pixelToLps(double column, double row) {
        return originLps.plus(rowDirection.times(column * columnSpacingMm)).plus(columnDirection.times(row * rowSpacingMm));
    }

    /** Position of this slice along its normal: what stacks are sorted by (never Instance Number). */
    public double positionAlongNormal() { return originLps.dot(normal()); }

    /** Geometry of a single-frame image, or of frame 0 of an enhanced multi-frame image. */
    public static Optional<SliceGeometry> of(DicomDataset ds) {
        return ofFrame(ds, 0);
    }

    /**
     * Geometry of one frame: per-frame functional groups first, then shared functional groups, then the top-level
     * attributes of classic images. Empty when an attribute is missing or malformed.
     */
    public static Optional<SliceGeometry> ofFrame(DicomDataset ds, int frame) {
        DicomDataset perFrame = item(ds.sequence(Tags.PerFrameFunctionalGroupsSequence), frame);
        DicomDataset shared = item(ds.sequence(Tags.SharedFunctionalGroupsSequence), 0);
        double[] ipp = find(Tags.ImagePositionPatient, Tags.PlanePositionSequence, perFrame, shared, ds);
        double[] iop = find(Tags.ImageOrientationPatient, Tags.PlaneOrientationSequence, perFrame, shared, ds);
        double[] spacing = find(Tags.PixelSpacing, Tags.PixelMeasuresSequence, perFrame, shared, ds);
        double[] thickness = find(Tags.SliceThickness, Tags.PixelMeasuresSequence, perFrame, shared, ds);
        int rows = ds.intValue(Tags.Rows, 0), columns = ds.intValue(Tags.Columns, 0);
        if (ipp.length != 3 || iop.length != 6 || spacing.length != 2 || rows <= 0 || columns <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SliceGeometry(new Vec3(ipp[0], ipp[1], ipp[2]), new Vec3(iop[0], iop[1], iop[2]),
                    new Vec3(iop[3], iop[4], iop[5]), spacing[0], spacing[1], rows, columns,
                    thickness.length > 0 && thickness[0] > 0 ? OptionalDouble.of(thickness[0]) : OptionalDouble.empty()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static DicomDataset item(List<DicomDataset> seq, int i) {
        return i < seq.size() ? seq.get(i) : DicomDataset.empty();
    }

    private static double[] find(int tag, int macroSeq, DicomDataset perFrame, DicomDataset shared, DicomDataset top) {
        for (DicomDataset group : new DicomDataset[] {perFrame, shared}) {
            List<DicomDataset> macro = group.sequence(macroSeq);
            if (!macro.isEmpty() && macro.get(0).contains(tag)) {
                return macro.get(0).doubles(tag);
            }
        }
        return top.doubles(tag);
    }
}
