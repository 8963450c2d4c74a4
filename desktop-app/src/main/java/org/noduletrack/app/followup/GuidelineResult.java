package org.noduletrack.app.followup;

import java.util.Locale;
import java.util.Objects;
import org.noduletrack.nodule.model.FollowUpRecommendation;

/**
 * A guideline suggestion with its follow-up interval. Decision support: the reading radiologist decides.
 *
 * @param recommendation guideline name, category, rule applied and plain-language explanations (EN / zh-CN)
 */
public record GuidelineResult(FollowUpRecommendation recommendation, FollowUpInterval interval) {
    public GuidelineResult {
        Objects.requireNonNull(recommendation, "recommendation");
        Objects.requireNonNull(interval, "interval");
    }

    public static GuidelineResult of(FollowUpRecommendation r) {
        return new GuidelineResult(r, FollowUpInterval.ofManagement(r.management()));
    }

    public String guideline() { return recommendation.guideline(); }

    public String category() { return recommendation.category(); }

    public String ruleId() { return recommendation.ruleId(); }

    public String explanation(Locale locale) {
        return locale.getLanguage().equals("zh") ? recommendation.explanationZh() : recommendation.explanationEn();
    }
}
