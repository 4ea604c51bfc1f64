package io.authcert.lab.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SimClockTest {

    /** A wall clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2030-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static final Instant START = Instant.parse("2026-11-26T04:00:00Z");

    @Test
    void runsSpeedTimesFasterThanTheWallClock() {
        HandClock wall = new HandClock();
        SimClock clock = new SimClock(wall, START, 3600);
        wall.now = wall.now.plusSeconds(2);
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(2)));
    }

    @Test
    void advancesAndChangesSpeedWithoutJumping() {
        HandClock wall = new HandClock();
        SimClock clock = new SimClock(wall, START, 1);
        clock.advance(Duration.ofHours(48));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(48)));
        wall.now = wall.now.plusSeconds(10);
        clock.setSpeed(60);
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(48)).plusSeconds(10));
        wall.now = wall.now.plusSeconds(1);
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofHours(48)).plusSeconds(70));
    }

    @Test
    void aServersWaitPassesNoTimeOnAFrozenClockAndJumpsItWhereItsHarnessJumpsIt() throws Exception {
        SimClock clock = SimClock.frozen(START);
        clock.waitFor(Duration.ofHours(1));
        assertThat(clock.instant()).isEqualTo(START);

        java.util.concurrent.atomic.AtomicInteger hooked = new java.util.concurrent.atomic.AtomicInteger();
        clock.jumpAtWaits(hooked::incrementAndGet);
        io.authcert.lab.pwsh.WaitingClock serverClock =
                (io.authcert.lab.pwsh.WaitingClock) clock.withZone(java.time.ZoneId.of("Europe/Paris"));
        serverClock.waitFor(Duration.ofMinutes(1));
        assertThat(clock.instant()).isEqualTo(START.plus(Duration.ofMinutes(1)));
        assertThat(hooked).hasValue(1);
    }

    @Test
    void neverMovesBackwards() {
        SimClock clock = SimClock.frozen(START);
        assertThatThrownBy(() -> clock.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimClock(START, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(clock.instant()).isEqualTo(START);
    }
}
