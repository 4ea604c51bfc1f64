package io.authcert.run;

import io.authcert.facts.OwaHealth;
import io.authcert.facts.OwaHealthProbe;
import io.authcert.facts.OwaSignInProbe;
import io.authcert.facts.OwaSignInTarget;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Checks OWA after an apply: asks every host's health URL, and signs in as its test mailbox where one
 * is configured (where the Auth certificate outage shows), again and again while some are not
 * healthy, until all are or the timeout passes (OWA can take a while to pick up a new certificate
 * after its app pool is recycled). Hosts without a URL or test mailbox are reported as such.
 */
public final class HealthVerifier {

    private final OwaHealthProbe probe;
    private final OwaSignInProbe signInProbe;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration interval;
    private final Duration requestTimeout;

    public HealthVerifier(OwaHealthProbe probe, OwaSignInProbe signInProbe, Clock clock, Sleeper sleeper, Duration interval,
            Duration requestTimeout) {
        this.probe = probe;
        this.signInProbe = signInProbe;
        this.clock = clock;
        this.sleeper = sleeper;
        this.interval = interval;
        this.requestTimeout = requestTimeout;
    }

    /** One probe of each host, no retry (for "before"). */
    public Map<String, OwaHealth> once(Map<String, String> urls) {
        Map<String, OwaHealth> out = new LinkedHashMap<>();
        urls.forEach((host, url) -> out.put(host, url == null ? OwaHealth.notConfigured() : probe.probe(url, requestTimeout)));
        return out;
    }

    /**
     * Probes until every host with a URL is healthy or {@code timeout} passes; the last answer of each.
     *
     * @param urls host → its {@code owa_health_url}, null when unknown
     */
    public Map<String, OwaHealth> untilHealthy(Map<String, String> urls, Duration timeout) throws InterruptedException {
        Map<String, Supplier<OwaHealth>> checks = new LinkedHashMap<>();
        urls.forEach((host, url) -> checks.put(host, url == null ? OwaHealth::notConfigured : () -> probe.probe(url, requestTimeout)));
        return until(checks, timeout);
    }

    /**
     * Signs in as each host's test mailbox until every checked host signs in or {@code timeout} passes;
     * hosts without one are {@link OwaHealth.Status#NOT_CONFIGURED} with the reason (never "healthy").
     */
    public Map<String, OwaHealth> untilSignedIn(Map<String, OwaSignInTarget> targets, Duration timeout) throws InterruptedException {
        Map<String, Supplier<OwaHealth>> checks = new LinkedHashMap<>();
        targets.forEach((host, t) -> checks.put(host, t.checked() ? () -> signInProbe.signIn(t, requestTimeout) : t::notCheckedResult));
        return until(checks, timeout);
    }

    private Map<String, OwaHealth> until(Map<String, Supplier<OwaHealth>> checks, Duration timeout) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        Map<String, OwaHealth> last = new LinkedHashMap<>();
        checks.keySet().forEach(host -> last.put(host, null));
        while (true) {
            for (Map.Entry<String, OwaHealth> e : last.entrySet()) {
                if (!settled(e.getValue())) {
                    e.setValue(checks.get(e.getKey()).get());
                }
            }
            if (last.values().stream().allMatch(HealthVerifier::settled) || !clock.instant().isBefore(deadline)) {
                return last;
            }
            Duration left = Duration.between(clock.instant(), deadline);
            sleeper.sleep(interval.compareTo(left) < 0 ? interval : left);
        }
    }

    private static boolean settled(OwaHealth h) {
        return h != null && (h.status() == OwaHealth.Status.HEALTHY || h.status() == OwaHealth.Status.NOT_CONFIGURED);
    }
}
