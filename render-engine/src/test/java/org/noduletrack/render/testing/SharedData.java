package org.noduletrack.render.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The read-only shared test data beside the checkout (system property noduletrack.shared.data, set by the build). */
public final class SharedData {
    private SharedData() {}

    public static Path root() {
        return Path.of(System.getProperty("noduletrack.shared.data", "../../shared/data"));
    }

    /** A folder of the shared data, or the test is skipped when it is not there. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "shared test data not available: " + p);
        return p;
    }
}
