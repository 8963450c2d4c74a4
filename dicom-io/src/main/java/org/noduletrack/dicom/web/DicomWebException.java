package org.noduletrack.dicom.web;

import java.io.IOException;
import java.util.OptionalInt;

/**
 * A DICOMweb request that did not succeed, with the reason as a value so callers (CLI exit codes, UI messages) need
 * not parse text. Messages name the server and what to check; they never contain credentials.
 */
public final class DicomWebException extends IOException {
    /** Why the request failed. */
    public enum Reason {
        /** 401: no or wrong credentials. */
        UNAUTHORIZED,
        /** 403: the credentials are valid but not allowed to do this. */
        FORBIDDEN,
        /** 404: no such study/series/instance, or a wrong base URL. */
        NOT_FOUND,
        /** Another 4xx: the server rejected the request. */
        REJECTED,
        /** 5xx after the retries. */
        SERVER_ERROR,
        /** Certificate or handshake failure. */
        TLS,
        /** No answer within the timeout. */
        TIMEOUT,
        /** Connection refused, reset or lost (also mid-transfer). */
        CONNECTION,
        /** The answer is not what DICOMweb prescribes (content type, multipart framing, JSON). */
        BAD_RESPONSE,
        /** The caller cancelled. */
        CANCELLED
    }

    private final Reason reason;
    private final int status;

    public DicomWebException(Reason reason, int status, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.status = status;
    }

    public DicomWebException(Reason reason, String message) {
        this(reason, 0, message, null);
    }

    public DicomWebException(Reason reason, String message, Throwable cause) {
        this(reason, 0, message, cause);
    }

    public Reason reason() { return reason; }

    /** The HTTP status, when the server answered. */
    public OptionalInt status() { return status == 0 ? OptionalInt.empty() : OptionalInt.of(status); }

    /** Worth another attempt (5xx, connection lost, timeout); never 4xx. */
    public boolean retryable() {
        return reason == Reason.SERVER_ERROR || reason == Reason.CONNECTION || reason == Reason.TIMEOUT;
    }
}
