package org.noduletrack.samples.generator;

import java.time.LocalDate;
import java.util.List;
import org.noduletrack.dicom.geom.Vec3;

/**
 * Everything about a demo patient except its pixels: decided from the seed before any slice is rendered, so tests can
 * check geometry and ground truth without writing files.
 */
public record PatientPlan(GeneratorOptions options, String patientId, String patientName, LocalDate birthDate, String sex,
                          int ageYearsAtBaseline, boolean highRisk, List<TimepointPlan> timepoints, List<NoduleSpec> nodules) {
    public PatientPlan {
        timepoints = List.copyOf(timepoints);
        nodules = List.copyOf(nodules);
    }

    /** One study: its grid, the transform to baseline and the acquisition differences. */
    public record TimepointPlan(int index, LocalDate date, long daysFromBaseline, VoxelGrid grid, TimepointTransform transform,
                                double[] rotationDegXyz, Vec3 translationMm, Vec3 centreOfRotationMm, double blurSigmaMm,
                                double noiseSigmaHu, SeriesInfo series) {
        public TimepointPlan {
            rotationDegXyz = rotationDegXyz.clone();
        }

        @Override
        public double[] rotationDegXyz() { return rotationDegXyz.clone(); }

        public String directoryName() {
            return String.format("tp%d-%s", index, date.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
        }
    }

    /** The nodules present at a timepoint, placed in that scan. */
    public List<PlacedNodule> placedAt(int timepoint) {
        TimepointPlan tp = timepoints.get(timepoint);
        return nodules.stream().filter(n -> n.growth().presentAt(timepoint))
                .map(n -> PlacedNodule.at(n, tp.transform(), tp.daysFromBaseline())).toList();
    }
}
