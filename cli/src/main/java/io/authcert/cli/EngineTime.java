package io.authcert.cli;

import io.authcert.facts.Facts;
import io.authcert.facts.ServerClock;
import io.authcert.inventory.InventoryHost;
import io.authcert.run.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The time a command runs on: the engine's own clock and real sleeps, or, when the inventory says the
 * organisation's clock is simulated ({@link ServerClock}), the servers' time with waits that pass in
 * simulated time (a 15-second poll at speed 3600 is a few milliseconds). Locks always use the wall
 * clock: they are about real processes.
 *
 * @param followed the servers' clock being followed, or null
 */
record EngineTime(Clock clock, Sleeper sleeper, Clock wall, ServerClock followed) {

    /** The shortest real pause between two polls, so a fast simulated clock does not turn waits into a busy loop. */
    static final Duration SHORTEST_REAL_SLEEP = Duration.ofMillis(50);

    static EngineTime own(Clock clock, Sleeper sleeper) {
        return new EngineTime(clock, sleeper, clock, null);
    }

    /** What the hosts' inventory variables ask for. */
    static EngineTime forHosts(Clock wall, Sleeper sleeper, List<InventoryHost> hosts) {
        return ServerClock.forHosts(wall, hosts)
                .map(c -> new EngineTime(c, simulated(c, sleeper), wall, c))
                .orElseGet(() -> own(wall, sleeper));
    }

    private static Sleeper simulated(ServerClock clock, Sleeper real) {
        return d -> {
            Duration wait = clock.realTime(d);
            real.sleep(wait.compareTo(SHORTEST_REAL_SLEEP) < 0 ? SHORTEST_REAL_SLEEP : wait);
        };
    }

    /** Moves a followed clock to what the servers said in {@code facts}; returns them. */
    Facts observed(Facts facts) {
        if (followed != null) {
            followed.observe(facts);
        }
        return facts;
    }
}
