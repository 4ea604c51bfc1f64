package io.authcert.plan;

import io.authcert.facts.HostFacts;
import java.time.Duration;
import java.time.Instant;

/**
 * When the AuthAdmin servicelet publishes a staged certificate. It runs when MSExchangeServiceHost
 * starts and every 12 hours after, and publishes the next certificate at its first run on or after
 * the effective date (Microsoft Learn, "Maintain the Exchange Server OAuth certificate"); the first
 * servicelet of a server that holds the certificate to run then publishes it for the organisation.
 * A server's runs are counted from its servicelet's last run, else from its Service Host's start; a
 * server whose schedule is unknown runs, at worst, 12 hours after the date.
 */
final class ServiceletSchedule {

    static final Duration PERIOD = Duration.ofHours(12);

    private ServiceletSchedule() {
    }

    /** The latest moment the organisation's servicelets publish {@code thumbprint} staged for {@code effective}. */
    static Instant publishedBy(Organisation org, String thumbprint, Instant effective) {
        Instant earliest = effective.plus(PERIOD);
        for (HostFacts host : org.holders(thumbprint)) {
            Instant run = firstRunFrom(host, effective);
            if (run.isBefore(earliest)) {
                earliest = run;
            }
        }
        return earliest;
    }

    /** This server's first servicelet run at or after {@code effective}, or {@code effective} + 12 h when its schedule is unknown. */
    static Instant firstRunFrom(HostFacts host, Instant effective) {
        Instant base = host.authAdmin().lastRun();
        if (base == null && host.serviceHost() != null && "Running".equalsIgnoreCase(host.serviceHost().status())) {
            base = host.serviceHost().startTime();
        }
        if (base == null) {
            return effective.plus(PERIOD);
        }
        long periods = Math.max(1, ceilDiv(Duration.between(base, effective).toMillis(), PERIOD.toMillis()));
        return base.plus(PERIOD.multipliedBy(periods));
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
