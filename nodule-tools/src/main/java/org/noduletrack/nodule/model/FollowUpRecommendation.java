package org.noduletrack.nodule.model;

import java.util.Objects;

/**
 * A guideline suggestion for the reading radiologist: decision support, never a diagnosis; clinical judgement may
 * override it.
 *
 * @param guideline      "Fleischner 2017" or "Lung-RADS v2022"
 * @param applicable     false when the guideline's gate fails (then {@code category} is empty and the text says why)
 * @param category       Lung-RADS category ("2", "4A", ...) or the Fleischner size class; empty when not applicable
 * @param ruleId         the table row that fired (stable identifier, for audit and tests)
 * @param management     machine key of the management step (e.g. {@code CT_6_12_THEN_CONSIDER_18_24})
 * @param explanationEn  plain-language explanation, English
 * @param explanationZh  plain-language explanation, Simplified Chinese
 */
public record FollowUpRecommendation(String guideline, boolean applicable, String category, String ruleId,
                                     String management, String explanationEn, String explanationZh) {
    public FollowUpRecommendation {
        Objects.requireNonNull(guideline);
        Objects.requireNonNull(category);
        Objects.requireNonNull(ruleId);
        Objects.requireNonNull(management);
        Objects.requireNonNull(explanationEn);
        Objects.requireNonNull(explanationZh);
    }
}
