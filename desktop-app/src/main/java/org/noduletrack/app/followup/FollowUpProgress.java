package org.noduletrack.app.followup;

/**
 * Progress of the follow-up workflow, called on the working thread (the UI hands it over to its own thread). The
 * detail never names the patient: it is a study date or a nodule label.
 */
@FunctionalInterface
public interface FollowUpProgress {
    enum Stage { LOADING, REGISTERING, SEGMENTING, MATCHING, ASSESSING, DONE }

    /**
     * @param done  steps finished of {@code total} in this stage
     * @param detail study date (ISO) or nodule label, may be empty
     */
    void update(Stage stage, int done, int total, String detail);

    FollowUpProgress NONE = (stage, done, total, detail) -> { };
}
