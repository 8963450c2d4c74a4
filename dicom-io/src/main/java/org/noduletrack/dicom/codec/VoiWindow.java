package org.noduletrack.dicom.codec;

import java.util.ArrayList;
import java.util.List;
import org.noduletrack.dicom.data.DicomDataset;
import org.noduletrack.dicom.dict.Tags;

/** A window suggested by the file (Window Center/Width, PS3.3 C.11.2), in modality units (HU for CT). */
public record VoiWindow(double center, double width, String explanation, String function) {
    /** Every window the data set suggests, in file order; empty if none (or none valid: width must be ≥ 1). */
    public static List<VoiWindow> all(DicomDataset ds) {
        double[] c = ds.doubles(Tags.WindowCenter);
        double[] w = ds.doubles(Tags.WindowWidth);
        String[] ex = ds.strings(Tags.WindowCenterWidthExplanation);
        String fn = ds.string(Tags.VOILUTFunction, "LINEAR");
        List<VoiWindow> out = new ArrayList<>();
        for (int i = 0; i < Math.min(c.length, w.length); i++) {
            if (w[i] >= 1 && Double.isFinite(c[i])) {
                out.add(new VoiWindow(c[i], w[i], i < ex.length ? ex[i] : "", fn));
            }
        }
        return out;
    }

    /** Display intensity in 0..1 for a modality value, per the LINEAR function of PS3.3 C.11.2.1.2. */
    public double apply(double value) {
        return switch (function) {
            case "LINEAR_EXACT" -> Math.clamp((value - (center - width / 2)) / width, 0, 1);
            case "SIGMOID" -> 1 / (1 + Math.exp(-4 * (value - center) / width));
            default -> {
                double lo = center - 0.5 - (width - 1) / 2, hi = center - 0.5 + (width - 1) / 2;
                yield value <= lo ? 0 : value > hi ? 1 : ((value - (center - 0.5)) / (width - 1) + 0.5);
            }
        };
    }
}
