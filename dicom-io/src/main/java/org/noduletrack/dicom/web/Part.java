package org.noduletrack.dicom.web;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The headers of one part of a multipart/related answer.
 *
 * @param index   0-based position in the answer
 * @param headers header names in lower case
 */
public record Part(int index, Map<String, String> headers) {
    public Part {
        headers = Map.copyOf(headers);
    }

    public Optional<MediaType> contentType() {
        return Optional.ofNullable(headers.get("content-type")).map(MediaType::parse);
    }

    /** The declared length; the reader checks it against the bytes between the boundaries. */
    public OptionalLong contentLength() {
        String v = headers.get("content-length");
        if (v == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(v.strip()));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** The transfer-syntax parameter of the part's content type, when the server gave one. */
    public Optional<String> transferSyntax() {
        return contentType().flatMap(t -> t.parameter("transfer-syntax"));
    }
}
