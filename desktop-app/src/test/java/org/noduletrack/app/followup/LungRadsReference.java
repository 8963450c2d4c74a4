package org.noduletrack.app.followup;

import java.util.List;
import org.noduletrack.nodule.measurement.Rounding;
import org.noduletrack.nodule.model.Measurement;
import org.noduletrack.nodule.model.NoduleType;
import org.noduletrack.samples.truth.GroundTruth;
import org.noduletrack.samples.truth.LungRads;

/**
 * The samples' reference Lung-RADS rules (what the ground truth's categories come from) applied to measured diameters,
 * and the ground-truth cases whose category hinges on less than the diameter measurement's precision.
 */
final class LungRadsReference {
    /** Diameters nearer than this to a size band or the 1.5 mm growth step are within measurement precision. */
    static final double PRECISION_MM = 0.5;

    private LungRadsReference() {}

    /** The reference category at the last observation, chained from the first as the generator does. */
    static String categoryOf(List<NoduleObservation> observations) {
        String previous = null;
        double previousMean = 0, previousSolid = 0;
        boolean seenExam = false;
        for (NoduleObservation o : observations) {
            if (!o.found()) {
                seenExam = true;
                continue;
            }
            Measurement m = o.measurement().orElseThrow();
            LungRads.Finding.Kind kind = LungRads.Finding.Kind.valueOf(m.type().name());
            double mean = Rounding.lungRadsMeanMm(m.longAxisMm(), m.shortAxisMm());
            double solid = m.type() == NoduleType.PART_SOLID ? Rounding.tenthMm(m.solidMeanDiameterMm()) : 0;
            boolean isNew = previous == null && seenExam;
            boolean growing = previous != null && (kind == LungRads.Finding.Kind.PART_SOLID
                    ? LungRads.isGrowth(previousSolid, solid) : LungRads.isGrowth(previousMean, mean));
            previous = LungRads.category(new LungRads.Finding(kind, mean, solid, isNew, growing, false, previous, previousMean));
            previousMean = mean;
            previousSolid = solid;
            seenExam = true;
        }
        return previous;
    }

    /** Whether the ground truth's category chain up to {@code last} turns on a diameter within the precision. */
    static boolean nearADecision(GroundTruth.Nodule n, int last) {
        double[] bands = switch (n.type()) {
            case "SOLID" -> new double[] {4, 6, 8, 15};
            case "PART_SOLID" -> new double[] {4, 6, 8};
            default -> new double[] {30};
        };
        Double previous = null;
        for (int t = 0; t <= last; t++) {
            GroundTruth.NoduleAtTimepoint tt = n.timepoints().get(t);
            if (!tt.present()) continue;
            double size = n.type().equals("PART_SOLID") ? tt.solidMeanDiameterMm() : tt.meanDiameterMm();
            for (double b : bands) {
                if (Math.abs(size - b) < PRECISION_MM || Math.abs(tt.meanDiameterMm() - b) < PRECISION_MM && b == 6) return true;
            }
            if (previous != null && Math.abs(size - previous - 1.5) < PRECISION_MM) return true;
            previous = size;
        }
        return false;
    }
}
