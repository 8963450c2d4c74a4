package org.noduletrack.app.followup;

import org.noduletrack.nodule.growth.GrowthAnalyzer;
import org.noduletrack.nodule.guideline.FleischnerEngine;
import org.noduletrack.nodule.guideline.LungRadsEngine;
import org.noduletrack.nodule.matching.NoduleMatcher;
import org.noduletrack.nodule.mesh.MarchingCubes;
import org.noduletrack.nodule.registration.RigidRegistration;
import org.noduletrack.nodule.segmentation.NoduleSegmenter;

/** The nodule-tools algorithms the follow-up workflow runs, wired once by the composition root. */
public record FollowUpEngines(RigidRegistration registration, NoduleSegmenter segmenter, NoduleMatcher matcher,
                              FollowUpAssessor assessor, NoduleMaskEstimator masks, MarchingCubes surfaces) {
    /** The default parameters of every algorithm. */
    public static FollowUpEngines defaults() {
        GrowthAnalyzer growth = new GrowthAnalyzer();
        return new FollowUpEngines(new RigidRegistration(), new NoduleSegmenter(), new NoduleMatcher(growth, 6),
                new FollowUpAssessor(growth, new LungRadsEngine(), new FleischnerEngine()), new NoduleMaskEstimator(),
                new MarchingCubes());
    }
}
