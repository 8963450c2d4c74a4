package org.noduletrack.samples.truth;

import java.util.List;
import java.util.Map;

/**
 * The ground truth of one generated patient, written as {@code ground-truth.json} (schema documented in
 * samples/README.md, identified by {@link #SCHEMA}). All coordinates are patient LPS mm of the named timepoint's scan.
 */
public record GroundTruth(String schema, Generator generator, Patient patient, ClinicalContext clinicalContext,
                          String coordinateConvention, List<Timepoint> timepoints, List<Nodule> nodules) {
    public static final String SCHEMA = "noduletrack.samples.ground-truth/1";

    public GroundTruth {
        timepoints = List.copyOf(timepoints);
        nodules = List.copyOf(nodules);
    }

    public record Generator(long seed, int timepoints, String sourceFixture, String sourceSeriesInstanceUid,
                            String codec, double supersampleStepMm, String attribution) {}

    public record Patient(String patientId, String patientName, String birthDate, String sex) {}

    /** setting: SCREENING (Lung-RADS v2022 applies) or INCIDENTAL (Fleischner 2017 applies). */
    public record ClinicalContext(String setting, int ageYearsAtBaseline, String riskTier, String guideline) {}

    public record Rigid(double[] matrix4x4RowMajor, double[] rotationDegXyz, double[] translationMm,
                        double[] centreOfRotationMm) {}

    public record Deformation(String model, double amplitudeSiMm, double amplitudeApMm, double diaphragmZMm,
                              double sigmaMm, String formula) {}

    public record Timepoint(int index, String studyDate, long daysFromBaseline, String directory, String studyInstanceUid,
                            String seriesInstanceUid, String frameOfReferenceUid, int rows, int columns, int slices,
                            double[] pixelSpacingMm, double sliceThicknessMm, double[] firstImagePositionMm,
                            double reconstructionBlurSigmaMm, double noiseSigmaHu, Rigid currentToBaselineRigid,
                            Deformation deformation, String lungRadsExamCategory, String fleischnerRecommendation) {}

    public record Nodule(String id, String type, String shape, Map<String, Object> shapeParameters, String attachment,
                         String growthLaw, Double volumeDoublingTimeDays, double solidCoreRatio, double attenuationHu,
                         double coreAttenuationHu, double[] centreBaselineMm, List<NoduleAtTimepoint> timepoints) {}

    /**
     * status: BASELINE, NEW, GROWING, STABLE, SHRINKING, ABSENT (not yet appeared) or RESOLVED.
     * lungRadsCategory is null when the nodule is absent or the context is not screening.
     */
    public record NoduleAtTimepoint(int index, boolean present, double[] centreMm, double volumeMm3, double solidVolumeMm3,
                                    double axialLongAxisMm, double axialShortAxisMm, double meanDiameterMm,
                                    double solidMeanDiameterMm, double volumeEquivalentDiameterMm, String status,
                                    String lungRadsCategory) {}
}
