package org.noduletrack.samples.generator;

/**
 * Knobs of the demo patient generator. {@link #defaults(long, int)} is what {@code samples generate} uses.
 *
 * @param sliceThicknessChoicesMm follow-up slice thicknesses drawn from (baseline keeps the source's 2.5 mm)
 * @param noiseSigmaHu            added noise before correlation scaling, per timepoint drawn in [0.6, 1.0] x this
 * @param maxBlurSigmaMm          reconstruction blur drawn in [0, this] for follow-ups
 * @param deform                  whether follow-ups get the breathing deformation
 * @param screening               clinical context: true = Lung-RADS screening, false = incidental (Fleischner)
 */
public record GeneratorOptions(long seed, int timepoints, double[] sliceThicknessChoicesMm, double noiseSigmaHu,
                               double maxBlurSigmaMm, double maxRotationDeg, double maxTranslationMm, boolean deform,
                               double supersampleStepMm, CtSeriesWriter.Codec codec, boolean screening) {
    public GeneratorOptions {
        if (timepoints < 1 || timepoints > 12) {
            throw new IllegalArgumentException("timepoints must be 1..12, not " + timepoints);
        }
        sliceThicknessChoicesMm = sliceThicknessChoicesMm.clone();
    }

    public static GeneratorOptions defaults(long seed, int timepoints) {
        return new GeneratorOptions(seed, timepoints, new double[] {1.25, 2.5}, 12, 0.6, 5, 20, true, 0.12,
                CtSeriesWriter.Codec.JPEG_LS, true);
    }

    @Override
    public double[] sliceThicknessChoicesMm() { return sliceThicknessChoicesMm.clone(); }
}
