package org.noduletrack.dicom.web;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where and how to reach a DICOMweb server.
 *
 * @param baseUri        the service root, e.g. {@code https://pacs.example.org/dicom-web/} (a trailing slash is added)
 * @param caFile         PEM file with extra trusted CA certificates, on top of the system trust store
 * @param connectTimeout time to establish a connection
 * @param readTimeout    time to wait for the answer's headers, and the longest pause inside a streamed answer
 */
public record DicomWebEndpoint(URI baseUri, DicomWebAuth auth, Optional<Path> caFile, Duration connectTimeout,
                               Duration readTimeout, RetryPolicy retry) {
    public DicomWebEndpoint {
        String s = baseUri.toString();
        if (!"http".equalsIgnoreCase(baseUri.getScheme()) && !"https".equalsIgnoreCase(baseUri.getScheme())) {
            throw new IllegalArgumentException("a DICOMweb URL starts with http:// or https://, not " + s);
        }
        if (baseUri.getUserInfo() != null) {
            throw new IllegalArgumentException("put credentials in the profile's auth, not in the URL");
        }
        baseUri = s.endsWith("/") ? baseUri : URI.create(s + "/");
    }

    public static DicomWebEndpoint of(URI baseUri, DicomWebAuth auth) {
        return new DicomWebEndpoint(baseUri, auth, Optional.empty(), Duration.ofSeconds(10), Duration.ofSeconds(60),
                RetryPolicy.defaults());
    }

    public DicomWebEndpoint withRetry(RetryPolicy r) {
        return new DicomWebEndpoint(baseUri, auth, caFile, connectTimeout, readTimeout, r);
    }

    public DicomWebEndpoint withReadTimeout(Duration t) {
        return new DicomWebEndpoint(baseUri, auth, caFile, connectTimeout, t, retry);
    }
}
