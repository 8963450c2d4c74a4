package org.noduletrack.samples;

import java.io.IOException;

/** A bundled file is missing or its bytes do not match the catalog's SHA-256 (a broken build or installation). */
public final class SampleIntegrityException extends IOException {
    private static final long serialVersionUID = 1L;

    public SampleIntegrityException(String message) {
        super(message);
    }
}
