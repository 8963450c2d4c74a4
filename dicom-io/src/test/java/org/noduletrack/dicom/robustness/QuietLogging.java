package org.noduletrack.dicom.robustness;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises the reader's log level to INFO while the robustness tests run: the reader logs every tolerated deviation at
 * DEBUG, and with no logback configuration on the test classpath that means one console line per malformed element,
 * millions for some inputs here. Restored afterwards.
 */
final class QuietLogging {
    private Level saved;
    private Logger logger;

    void enter() {
        if (LoggerFactory.getLogger("org.noduletrack.dicom") instanceof Logger l) {
            logger = l;
            saved = l.getLevel();
            l.setLevel(Level.INFO);
        }
    }

    void exit() {
        if (logger != null) {
            logger.setLevel(saved);
        }
    }
}
