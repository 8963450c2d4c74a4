package org.noduletrack.app.followup;

/** How a nodule's position at one date came about. */
public enum MatchState {
    /** Clicked by the user on the current study. */
    SEED,
    /** Found on a prior through the registration and segmented there; not yet reviewed. */
    PROPOSED,
    /** A proposed match the user accepted. */
    CONFIRMED,
    /** The user moved the match (new seed on that study). */
    CORRECTED,
    /** Nothing segmentable at the registered position (new nodule, resolved, or outside the series). */
    NOT_FOUND
}
