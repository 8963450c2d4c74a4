package org.noduletrack.samples;

/**
 * One bundled file.
 *
 * @param fixture   the data set it belongs to, e.g. {@link SampleCatalog#LIDC_0001}
 * @param path      resource path relative to {@code org/noduletrack/samples/}, '/'-separated
 * @param sha256    lower-case hex SHA-256 of the file's bytes, checked on every read
 * @param sizeBytes the file's length
 */
public record SampleFile(String fixture, String path, String sha256, long sizeBytes) {
    public SampleFile {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + sha256);
        }
    }

    /** The last path segment. */
    public String fileName() { return path.substring(path.lastIndexOf('/') + 1); }
}
