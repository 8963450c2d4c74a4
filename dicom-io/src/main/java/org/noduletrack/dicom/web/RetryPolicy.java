package org.noduletrack.dicom.web;

import java.time.Duration;

/**
 * Exponential backoff for 5xx answers and lost connections (never for 4xx): attempt k (0-based) waits
 * {@code min(maxDelay, initialDelay * 2^k)} before the next one.
 *
 * @param attempts total attempts including the first, at least 1
 */
public record RetryPolicy(int attempts, Duration initialDelay, Duration maxDelay) {
    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8));
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** The wait after the failed attempt {@code k} (0-based). */
    public Duration delayAfter(int k) {
        long ms = initialDelay.toMillis() << Math.min(k, 20);
        return Duration.ofMillis(Math.min(ms, maxDelay.toMillis()));
    }
}
