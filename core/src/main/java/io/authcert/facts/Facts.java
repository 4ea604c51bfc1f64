package io.authcert.facts;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The facts of every host of one gathering, in inventory order. */
public record Facts(Map<String, HostFacts> hosts) {

    public Facts {
        hosts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
    }

    /**
     * The organisation's own time when these facts were gathered from a simulated clock: the latest
     * {@code gathered_at} of the hosts on one (their servers' {@code clock_utc}); empty when every host was
     * gathered on the engine's clock (and for documents written before the {@code clock} field).
     */
    public Optional<Instant> simulatedClockTime() {
        return hosts.values().stream().filter(HostFacts::simulatedClock).map(HostFacts::gatheredAt)
                .filter(java.util.Objects::nonNull).max(Instant::compareTo);
    }
}
