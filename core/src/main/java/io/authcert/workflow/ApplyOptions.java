package io.authcert.workflow;

import io.authcert.plan.GuardRails;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How an apply runs: whether to ask, how many hosts at once, pacing, where state and reports go
 * ({@code reportJson} and {@code junit} may be null), and the guard rails of an unattended run
 * ({@code --allow}, {@code --max-hosts-changed}; {@link GuardRails#NONE} when none are given).
 */
public record ApplyOptions(boolean autoApprove, int forks, Path stateDir, Duration pollInterval, Duration nudgeInterval,
        Duration healthTimeout, Path reportJson, Path junit, GuardRails guard) {

    public ApplyOptions {
        if (forks < 1) {
            throw new IllegalArgumentException("forks must be at least 1, not " + forks);
        }
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(nudgeInterval, "nudgeInterval");
        Objects.requireNonNull(healthTimeout, "healthTimeout");
        guard = guard == null ? GuardRails.NONE : guard;
    }

    /** Options without guard rails. */
    public ApplyOptions(boolean autoApprove, int forks, Path stateDir, Duration pollInterval, Duration nudgeInterval,
            Duration healthTimeout, Path reportJson, Path junit) {
        this(autoApprove, forks, stateDir, pollInterval, nudgeInterval, healthTimeout, reportJson, junit, GuardRails.NONE);
    }
}
