package io.authcert.plan;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a wait step may do besides probing, said in the plan so nobody is surprised: restart
 * {@code service} on {@code hosts} (the laggard and the servers its Service Host may copy the
 * certificate from), each at most once per {@code interval}, while the step's host is still pending.
 */
public record Nudge(String service, List<String> hosts, Duration interval) {

    /** How often a server may be nudged when the request says nothing else. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(5);

    public Nudge {
        Objects.requireNonNull(service, "service");
        hosts = List.copyOf(hosts);
        Objects.requireNonNull(interval, "interval");
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("a nudge names at least one host");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("nudge interval must be positive, got " + interval);
        }
    }

    /** For people: "may restart MSExchangeServiceHost on ex01, ex02 (each at most every 5m) while waiting". */
    public String describe() {
        return "may restart " + service + " on " + String.join(", ", hosts) + " (each at most every "
                + minutes(interval) + ") while waiting";
    }

    private static String minutes(Duration d) {
        long s = d.toSeconds();
        return s % 60 == 0 ? (s / 60) + "m" : s + "s";
    }
}
