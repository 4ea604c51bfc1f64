package io.authcert.lab.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The lab's simulated time: starts at a given instant (real time by default), runs {@code speed}
 * times faster than the wall clock and can be moved forward, so a 48-hour staged rotation or a
 * 12-hour servicelet cycle can be rehearsed in seconds. Never moves backwards. Its own zone is UTC;
 * {@link #withZone} gives a server the same time seen from its local time zone.
 */
public final class SimClock extends Clock implements io.authcert.lab.pwsh.WaitingClock {

    private final Clock wall;
    private Instant anchorWall;
    private Instant anchorSim;
    private double speed;
    private Runnable onServerWait;

    public SimClock(Instant start, double speed) {
        this(Clock.systemUTC(), start, speed);
    }

    /** A clock over a given wall clock (tests use a fixed wall clock, so nothing moves unless advanced). */
    public SimClock(Clock wall, Instant start, double speed) {
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a finite number >= 0, got " + speed);
        }
        this.wall = wall;
        this.anchorWall = wall.instant();
        this.anchorSim = start;
        this.speed = speed;
    }

    /** A clock that only moves when {@link #advance} is called. */
    public static SimClock frozen(Instant start) {
        return new SimClock(Clock.fixed(start, ZoneOffset.UTC), start, 0);
    }

    @Override
    public synchronized Instant instant() {
        long elapsedNanos = Duration.between(anchorWall, wall.instant()).toNanos();
        return anchorSim.plusNanos((long) (elapsedNanos * speed));
    }

    /** Moves simulated time forward by {@code by}. */
    public synchronized void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the lab clock only moves forward, got " + by);
        }
        rebase();
        anchorSim = anchorSim.plus(by);
    }

    /** Changes how many simulated seconds pass per real second from now on. */
    public synchronized void setSpeed(double newSpeed) {
        if (!(newSpeed >= 0) || Double.isInfinite(newSpeed)) {
            throw new IllegalArgumentException("speed must be a finite number >= 0, got " + newSpeed);
        }
        rebase();
        speed = newSpeed;
    }

    /**
     * Makes a server's own waits (Start-Sleep) move this clock on at once, then run {@code onServerWait}: for a
     * harness whose client's waits move the clock too (a frozen or jumping rehearsal clock), so that a wait on the
     * server costs no real time either and the harness sees it as a wait. Null: waits take their time again.
     */
    public synchronized void jumpAtWaits(Runnable onServerWait) {
        this.onServerWait = onServerWait;
    }

    /**
     * A server's wait: moves the clock on at once and runs the harness's hook when it jumps at waits; else sleeps
     * the real time that takes at the current speed; on a frozen clock no time passes, so it returns at once.
     */
    @Override
    public void waitFor(Duration simulated) throws InterruptedException {
        Runnable hook;
        double realPerSimulated;
        synchronized (this) {
            hook = onServerWait;
            if (hook != null) {
                advance(simulated);
            }
            realPerSimulated = speed == 0 ? 0 : 1 / speed;
        }
        if (hook != null) {
            hook.run();
        } else if (realPerSimulated > 0 && !simulated.isNegative() && !simulated.isZero()) {
            Thread.sleep(Math.max(1, (long) (simulated.toMillis() * realPerSimulated)));
        }
    }

    public synchronized double speed() {
        return speed;
    }

    /** How much simulated time passes during {@code real} wall-clock time at the current speed. */
    public synchronized Duration simulated(Duration real) {
        return Duration.ofNanos((long) (real.toNanos() * speed));
    }

    private void rebase() {
        Instant now = instant();
        anchorWall = wall.instant();
        anchorSim = now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** This clock seen from {@code zone}: the same instants, local times in that zone (a server's time zone). */
    @Override
    public Clock withZone(ZoneId zone) {
        SimClock sim = this;
        return new ZonedView(sim, zone);
    }

    /** The clock seen from a zone; it jumps at waits as the clock itself does. */
    private static final class ZonedView extends Clock implements io.authcert.lab.pwsh.WaitingClock {
        private final SimClock sim;
        private final ZoneId zone;

        ZonedView(SimClock sim, ZoneId zone) {
            this.sim = sim;
            this.zone = zone;
        }

        @Override
        public void waitFor(Duration simulated) throws InterruptedException {
            sim.waitFor(simulated);
        }

        @Override
        public Instant instant() {
            return sim.instant();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return sim.withZone(other);
        }
    }
}
