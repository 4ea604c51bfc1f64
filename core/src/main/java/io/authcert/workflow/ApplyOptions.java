package io.authcert.workflow;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How an apply runs: whether to ask, how many hosts at once, pacing, where state and reports go
 * ({@code reportJson} and {@code junit} may be null).
 */
public record ApplyOptions(boolean autoApprove, int forks, Path stateDir, Duration pollInterval, Duration nudgeInterval,
        Duration healthTimeout, Path reportJson, Path junit) {

    public ApplyOptions {
        if (forks < 1) {
            throw new IllegalArgumentException("forks must be at least 1, not " + forks);
        }
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(nudgeInterval, "nudgeInterval");
        Objects.requireNonNull(healthTimeout, "healthTimeout");
    }
}
