package org.noduletrack.app.cli;

/** Exit codes shared by all commands. */
final class ExitCodes {
    private ExitCodes() {}

    static final int OK = 0;
    static final int FAILURE = 1;
    /** The input file is unreadable, corrupt or not DICOM. */
    static final int BAD_INPUT = 3;
    /** The input was read but fails validation. */
    static final int INVALID = 4;
}
