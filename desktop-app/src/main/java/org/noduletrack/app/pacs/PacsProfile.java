package org.noduletrack.app.pacs;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A named DICOMweb connection. The secret (password or token) is not part of it: {@link PacsProfiles} keeps it in a
 * separate owner-only file and reads it only to connect.
 *
 * @param user  the Basic user name (empty for none/bearer)
 */
public record PacsProfile(String name, URI url, AuthKind auth, String user, Optional<Path> caFile,
                          int connectTimeoutSeconds, int readTimeoutSeconds, int retries) {
    /** How the profile authenticates. */
    public enum AuthKind { NONE, BASIC, BEARER }

    public PacsProfile {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("a profile name is 1-64 letters, digits, '.', '_' or '-': " + name);
        }
        if (connectTimeoutSeconds < 1 || readTimeoutSeconds < 1 || retries < 0) {
            throw new IllegalArgumentException("timeouts must be positive and retries not negative");
        }
        if (auth == AuthKind.BASIC && user.isEmpty()) {
            throw new IllegalArgumentException("Basic authentication needs a user name");
        }
    }

    public static PacsProfile of(String name, URI url, AuthKind auth, String user, Optional<Path> caFile) {
        return new PacsProfile(name, url, auth, user, caFile, 10, 60, 3);
    }
}
