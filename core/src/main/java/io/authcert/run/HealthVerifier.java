package io.authcert.run;

import io.authcert.facts.OwaHealth;
import io.authcert.facts.OwaHealthProbe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Checks OWA health after an apply: asks every host's health URL, again and again while some are
 * not healthy, until all are or the timeout passes (OWA can take a while to pick up a new
 * certificate after its app pool is recycled). Hosts without a known URL are reported as such.
 */
public final class HealthVerifier {

    private final OwaHealthProbe probe;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration interval;
    private final Duration requestTimeout;

    public HealthVerifier(OwaHealthProbe probe, Clock clock, Sleeper sleeper, Duration interval, Duration requestTimeout) {
        this.probe = probe;
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
        Instant deadline = clock.instant().plus(timeout);
        Map<String, OwaHealth> last = new LinkedHashMap<>();
        urls.forEach((host, url) -> last.put(host, url == null ? OwaHealth.notConfigured() : null));
        while (true) {
            for (Map.Entry<String, OwaHealth> e : last.entrySet()) {
                OwaHealth h = e.getValue();
                if (h == null || h.status() != OwaHealth.Status.HEALTHY && h.status() != OwaHealth.Status.NOT_CONFIGURED) {
                    e.setValue(probe.probe(urls.get(e.getKey()), requestTimeout));
                }
            }
            boolean allHealthy = last.values().stream()
                    .allMatch(h -> h.status() == OwaHealth.Status.HEALTHY || h.status() == OwaHealth.Status.NOT_CONFIGURED);
            if (allHealthy || !clock.instant().isBefore(deadline)) {
                return last;
            }
            Duration left = Duration.between(clock.instant(), deadline);
            sleeper.sleep(interval.compareTo(left) < 0 ? interval : left);
        }
    }
}
