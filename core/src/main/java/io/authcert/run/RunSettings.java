package io.authcert.run;

import java.time.Duration;

/**
 * How the executor paces itself (what it does to servers, nudges included, is the plan's to say).
 *
 * @param forks        how many hosts run at once within a phase (Ansible's {@code --forks})
 * @param pollInterval time between two polling rounds of a wait
 * @param maxReplans   how many times a run may gather facts again after lost responses
 */
public record RunSettings(int forks, Duration pollInterval, int maxReplans) {

    public static final RunSettings DEFAULT = new RunSettings(5, Duration.ofSeconds(15), 3);

    public RunSettings {
        if (forks < 1) {
            throw new IllegalArgumentException("forks must be at least 1, got " + forks);
        }
        if (pollInterval.isNegative()) {
            throw new IllegalArgumentException("the poll interval must not be negative");
        }
    }

    public RunSettings withForks(int n) {
        return new RunSettings(n, pollInterval, maxReplans);
    }

    public RunSettings withPollInterval(Duration poll) {
        return new RunSettings(forks, poll, maxReplans);
    }
}
