package org.noduletrack.nodule.segmentation;

import org.noduletrack.nodule.model.NoduleType;

/**
 * One analysed click ({@link NoduleSegmenter#prepare}): segments at the automatic threshold, or again at a threshold
 * the user adjusted, reusing the crop, background, lung mask and nodule type, so that a correction costs only the
 * region growing and measurement. Not thread-safe to share while re-running; cheap to keep per click.
 */
public final class NoduleClick {
    private final NoduleSegmenter segmenter;
    private final NoduleSegmenter.ClickState state;

    NoduleClick(NoduleSegmenter segmenter, NoduleSegmenter.ClickState state) {
        this.segmenter = segmenter;
        this.state = state;
    }

    /** Region-growing threshold the algorithm chooses: half-way between the local background and the body. */
    public double automaticThresholdHu() { return (state.bg() + state.h()) / 2; }

    public double backgroundHu() { return state.bg(); }

    public NoduleType type() { return state.type(); }

    /** The automatic segmentation (same as {@link NoduleSegmenter#segment}). */
    public Segmentation segment() {
        return segmenter.delineate(state, automaticThresholdHu());
    }

    /**
     * Segmentation with a user-adjusted boundary: voxels at or above {@code thresholdHu} (connected to the seed, inside
     * the lung, vessels cut as usual). The threshold is the 50 % point of the partial-volume fractions, so the volume
     * follows the boundary: a lower threshold gives a larger boundary and a larger volume. Must lie between the
     * background and the nodule's body attenuation.
     */
    public Segmentation segment(double thresholdHu) {
        if (!(thresholdHu > state.bg())) {
            throw new IllegalArgumentException("threshold " + thresholdHu + " HU is not above the lung background ("
                    + Math.round(state.bg()) + " HU)");
        }
        if (!(thresholdHu < state.h())) {
            throw new IllegalArgumentException("threshold " + thresholdHu + " HU is not below the nodule's attenuation ("
                    + Math.round(state.h()) + " HU)");
        }
        return segmenter.delineate(state, thresholdHu);
    }
}
