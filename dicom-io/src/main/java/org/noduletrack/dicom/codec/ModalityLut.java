package org.noduletrack.dicom.codec;

import java.util.List;
import java.util.Optional;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;

/**
 * Stored value → modality value (Hounsfield units for CT): Rescale Slope/Intercept, or a Modality LUT Sequence
 * (PS3.3 C.11.1). For enhanced multi-frame images the per-frame Pixel Value Transformation is handled by the volume
 * assembly, which passes the frame's own functional group here.
 */
public record ModalityLut(double slope, double intercept, String rescaleType, Optional<LookupTable> table) {
    public static final ModalityLut IDENTITY = new ModalityLut(1, 0, "US", Optional.empty());

    public static ModalityLut of(DicomDataset ds) {
        List<DicomDataset> seq = ds.sequence(Tags.ModalityLUTSequence);
        Optional<LookupTable> lut = seq.isEmpty() ? Optional.empty() : LookupTable.of(seq.get(0));
        double slope = ds.doubleValue(Tags.RescaleSlope).orElse(1);
        if (slope == 0 || !Double.isFinite(slope)) {
            slope = 1; // a zero slope would flatten the image; real files with 0 mean "not set"
        }
        return new ModalityLut(slope, ds.doubleValue(Tags.RescaleIntercept).orElse(0), ds.string(Tags.RescaleType, "US"), lut);
    }

    public double apply(int stored) {
        if (table.isPresent()) {
            return table.get().lookup(stored);
        }
        return stored * slope + intercept;
    }

    public boolean isIdentity() {
        return table.isEmpty() && slope == 1 && intercept == 0;
    }
}
