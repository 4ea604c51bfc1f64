package io.authcert.facts;

import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.inventory.InventoryHost;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The engine's clock for an organisation whose clock is simulated (the lab started with {@code --speed}),
 * as its inventory says with {@code exchange_clock: simulated} and {@code exchange_clock_speed}: "now"
 * is what the servers said at the last gathering, moved on since at their speed. Plans, waits and
 * timeouts then run on the organisation's time, so a staged rotation or a servicelet cycle rehearses
 * in seconds; the servers' clock running ahead of the engine's is no skew. Before the first gathering
 * it reads the wall clock. Never moves backwards.
 */
public final class ServerClock extends Clock {

    /** {@code simulated}: take now from the servers; {@code engine} (the default): the engine's own clock. */
    public static final String CLOCK_VAR = "exchange_clock";
    /** Simulated seconds per real second of that clock (the lab's {@code --speed}). */
    public static final String SPEED_VAR = "exchange_clock_speed";

    private final Clock wall;
    private final double speed;
    private Instant anchorWall;
    private Instant anchorServer;

    public ServerClock(Clock wall, double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be a finite number > 0, got " + speed);
        }
        this.wall = wall;
        this.speed = speed;
    }

    /**
     * The clock the inventory asks for {@code hosts}: a ServerClock when they say {@code exchange_clock:
     * simulated}, else empty (the engine's own clock). One run has one clock, so the hosts must agree.
     *
     * @throws InputException when a value is wrong or the hosts disagree (every problem named, with the fix)
     */
    public static Optional<ServerClock> forHosts(Clock wall, List<InventoryHost> hosts) {
        Double speed = null;
        String first = null;
        for (InventoryHost host : hosts) {
            Optional<Double> own = speedOf(host);
            Double value = own.orElse(null);
            if (first != null && !java.util.Objects.equals(value, speed)) {
                throw InputException.of(SourceLocation.ofFile("inventory"), "hosts " + first + " and " + host.name()
                        + " disagree on " + CLOCK_VAR + "/" + SPEED_VAR + " (" + describe(speed) + " against " + describe(value)
                        + "): one run follows one clock", "set both variables for the whole group (all: vars:), as the lab's inventory does");
            }
            if (first == null) {
                first = host.name();
                speed = value;
            }
        }
        return speed == null ? Optional.empty() : Optional.of(new ServerClock(wall, speed));
    }

    /** Whether the host's variables say its clock is simulated (values are checked by {@link #forHosts}). */
    static boolean follows(InventoryHost host) {
        return host.string(CLOCK_VAR).map(s -> s.trim().equalsIgnoreCase("simulated")).orElse(false);
    }

    /** The speed a host's variables give when they say its clock is simulated; empty for the engine's own clock. */
    static Optional<Double> speedOf(InventoryHost host) {
        String mode = host.string(CLOCK_VAR).map(s -> s.trim().toLowerCase(Locale.ROOT)).orElse("engine");
        if (mode.equals("engine")) {
            if (host.var(SPEED_VAR).isPresent()) {
                throw problem(host, SPEED_VAR + " is set but " + CLOCK_VAR + " is not 'simulated'",
                        "add " + CLOCK_VAR + ": simulated, or remove " + SPEED_VAR);
            }
            return Optional.empty();
        }
        if (!mode.equals("simulated")) {
            throw problem(host, CLOCK_VAR + " is '" + mode + "'", "write 'simulated' (take now from the servers) or 'engine'");
        }
        String text = host.string(SPEED_VAR).orElse("1").trim();
        double speed;
        try {
            speed = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw problem(host, SPEED_VAR + " is '" + text + "', not a number", "write the lab's --speed, e.g. 3600");
        }
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw problem(host, SPEED_VAR + " is " + text + "; it must be above 0",
                    "write the lab's --speed, e.g. 3600 (a frozen lab cannot be followed from another process)");
        }
        return Optional.of(speed);
    }

    private static InputException problem(InventoryHost host, String what, String hint) {
        return InputException.of(SourceLocation.ofFile("inventory"), "host " + host.name() + ": " + what, hint);
    }

    private static String describe(Double speed) {
        return speed == null ? "the engine's clock" : "simulated at " + speed + "x";
    }

    public double speed() {
        return speed;
    }

    /** Follows the servers' own clocks as {@code facts} read them: the freshest reading, if it is ahead of this clock. */
    public synchronized void observe(Facts facts) {
        Instant reading = null;
        for (HostFacts h : facts.hosts().values()) {
            Instant c = h.server() == null ? null : h.server().clockUtc();
            if (c != null && (reading == null || c.isAfter(reading))) {
                reading = c;
            }
        }
        if (reading != null && (anchorServer == null || reading.isAfter(instant()))) {
            anchorServer = reading;
            anchorWall = wall.instant();
        }
    }

    /** How long the engine really waits for {@code simulated} time to pass. */
    public Duration realTime(Duration simulated) {
        return Duration.ofNanos((long) (simulated.toNanos() / speed));
    }

    @Override
    public synchronized Instant instant() {
        if (anchorServer == null) {
            return wall.instant();
        }
        long elapsed = Duration.between(anchorWall, wall.instant()).toNanos();
        return anchorServer.plusNanos((long) (elapsed * speed));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the engine works in UTC");
    }
}
