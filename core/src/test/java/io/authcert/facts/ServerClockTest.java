package io.authcert.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.diag.InputException;
import io.authcert.inventory.InventoryHost;
import io.authcert.run.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine following an organisation's simulated clock, as the lab's inventory asks. */
class ServerClockTest {

    private static final Instant WALL = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant LAB = Instant.parse("2026-11-26T04:00:00Z");

    private static InventoryHost host(String name, Map<String, Object> vars) {
        return new InventoryHost(name, vars);
    }

    private static Facts readings(Instant... clocks) {
        Map<String, HostFacts> hosts = new java.util.LinkedHashMap<>();
        for (int i = 0; i < clocks.length; i++) {
            ServerInfo server = new ServerInfo("EX0" + i, null, null, List.of("Mailbox"), null, false, null, clocks[i]);
            hosts.put("ex0" + i, new HostFacts("ex0" + i, WALL, server, null, List.of(), null, List.of(), null, false, List.of()));
        }
        return new Facts(hosts);
    }

    @Test
    void itTakesNowFromTheFreshestServerReadingAndRunsAtTheServersSpeed() {
        ManualClock wall = new ManualClock(WALL);
        ServerClock clock = ServerClock.forHosts(wall, List.of(
                host("ex01", Map.of("exchange_clock", "simulated", "exchange_clock_speed", 3600)),
                host("ex02", Map.of("exchange_clock", "Simulated", "exchange_clock_speed", "3600")))).orElseThrow();
        assertThat(clock.instant()).as("before any gathering: the wall clock").isEqualTo(WALL);

        clock.observe(readings(LAB, LAB.plusSeconds(30)));
        assertThat(clock.instant()).isEqualTo(LAB.plusSeconds(30));
        wall.advance(Duration.ofSeconds(2));
        assertThat(clock.instant()).as("two real seconds at 3600x").isEqualTo(LAB.plusSeconds(30).plus(Duration.ofHours(2)));
        assertThat(clock.realTime(Duration.ofHours(12))).isEqualTo(Duration.ofSeconds(12));

        clock.observe(readings(LAB.plus(Duration.ofHours(1))));
        assertThat(clock.instant()).as("an older reading never moves it back").isEqualTo(LAB.plusSeconds(30).plus(Duration.ofHours(2)));
        clock.observe(readings(LAB.plus(Duration.ofDays(2))));
        assertThat(clock.instant()).as("a lab moved forward is followed").isEqualTo(LAB.plus(Duration.ofDays(2)));
    }

    @Test
    void withoutTheVariablesTheEngineKeepsItsOwnClock() {
        assertThat(ServerClock.forHosts(new ManualClock(WALL), List.of(host("ex01", Map.of()), host("ex02",
                Map.of("exchange_clock", "engine"))))).isEmpty();
    }

    @Test
    void wrongValuesAndHostsThatDisagreeAreInputProblemsWithTheFix() {
        ManualClock wall = new ManualClock(WALL);
        assertThatThrownBy(() -> ServerClock.forHosts(wall, List.of(host("ex01", Map.of("exchange_clock", "lab")))))
                .isInstanceOf(InputException.class).hasMessageContaining("host ex01: exchange_clock is 'lab'")
                .satisfies(e -> assertThat(((InputException) e).diagnostics().get(0).hint()).contains("'simulated'"));
        assertThatThrownBy(() -> ServerClock.forHosts(wall, List.of(host("ex01",
                Map.of("exchange_clock", "simulated", "exchange_clock_speed", "fast")))))
                .hasMessageContaining("exchange_clock_speed is 'fast', not a number");
        assertThatThrownBy(() -> ServerClock.forHosts(wall, List.of(host("ex01",
                Map.of("exchange_clock", "simulated", "exchange_clock_speed", 0)))))
                .hasMessageContaining("it must be above 0");
        assertThatThrownBy(() -> ServerClock.forHosts(wall, List.of(host("ex01", Map.of("exchange_clock_speed", 60)))))
                .hasMessageContaining("exchange_clock_speed is set but exchange_clock is not 'simulated'");
        assertThatThrownBy(() -> ServerClock.forHosts(wall, List.of(
                host("ex01", Map.of("exchange_clock", "simulated", "exchange_clock_speed", 60)), host("ex02", Map.of()))))
                .hasMessageContaining("hosts ex01 and ex02 disagree").hasMessageContaining("one run follows one clock");
    }

}
