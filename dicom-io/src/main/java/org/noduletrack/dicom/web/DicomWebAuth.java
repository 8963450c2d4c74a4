package org.noduletrack.dicom.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** How requests authenticate. {@link #toString()} never shows the secret. */
public sealed interface DicomWebAuth {
    /** The Authorization header value, if any. */
    Optional<String> authorization();

    record None() implements DicomWebAuth {
        @Override
        public Optional<String> authorization() { return Optional.empty(); }
    }

    /** HTTP Basic (RFC 7617), UTF-8. */
    record Basic(String user, String password) implements DicomWebAuth {
        public Basic {
            if (user.indexOf(':') >= 0) {
                throw new IllegalArgumentException("a Basic user name cannot contain ':'");
            }
        }

        @Override
        public Optional<String> authorization() {
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public String toString() { return "Basic[user=" + user + ", password=***]"; }
    }

    /** OAuth 2 bearer token (RFC 6750). */
    record Bearer(String token) implements DicomWebAuth {
        @Override
        public Optional<String> authorization() { return Optional.of("Bearer " + token); }

        @Override
        public String toString() { return "Bearer[***]"; }
    }

    static DicomWebAuth none() { return new None(); }
}
