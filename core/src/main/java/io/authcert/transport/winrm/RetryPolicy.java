package io.authcert.transport.winrm;

import java.time.Duration;

/**
 * How often to try to open a shell again when the server could not have run anything yet
 * (connection refused, 503 or the connection closed without an answer, before the shell exists), and how long to wait between tries (doubling).
 */
public record RetryPolicy(int attempts, Duration firstBackoff) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(500));
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO);

    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    Duration backoffBefore(int attempt) {
        return firstBackoff.multipliedBy(1L << Math.max(0, attempt - 2));
    }
}
