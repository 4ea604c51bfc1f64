package io.authcert.run;

import java.time.Duration;

/**
 * How the executor paces itself.
 *
 * @param forks        how many hosts run at once within a phase (Ansible's {@code --forks})
 * @param pollInterval time between two polling rounds of a wait
 * @param nudgeInterval at most one MSExchangeServiceHost restart per laggard per this interval
 * @param maxReplans   how many times a run may gather facts again after lost responses
 */
public record RunSettings(int forks, Duration pollInterval, Duration nudgeInterval, int maxReplans) {

    public static final RunSettings DEFAULT = new RunSettings(5, Duration.ofSeconds(15), Duration.ofMinutes(5), 3);

    public RunSettings {
        if (forks < 1) {
            throw new IllegalArgumentException("forks must be at least 1, got " + forks);
        }
        if (pollInterval.isNegative() || nudgeInterval.isNegative()) {
            throw new IllegalArgumentException("intervals must not be negative");
        }
    }

    public RunSettings withForks(int n) {
        return new RunSettings(n, pollInterval, nudgeInterval, maxReplans);
    }

    public RunSettings withIntervals(Duration poll, Duration nudge) {
        return new RunSettings(forks, poll, nudge, maxReplans);
    }
}
