package io.authcert.lab.exchange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The organisation's armed {@link FaultMoment}s: each fires once, for the first command that reaches
 * it, switches its faults on and tells whoever listens (a test that kills the client at that moment,
 * {@code lab up} printing it). What fired is kept, so a test can tell that its moment was reached.
 * Thread-safe.
 */
public final class FaultMoments {

    /** A moment that was reached: by a command on {@code server} at lab time {@code at}. */
    public record Fired(FaultMoment moment, String server, Instant at) {
        @Override
        public String toString() {
            return moment.label() + " on " + server + " at " + at;
        }
    }

    /** What the command that reached moments must suffer. */
    record Effect(boolean loseResponse, Duration hold, Duration delay) {
        static final Effect NONE = new Effect(false, Duration.ZERO, Duration.ZERO);

        Effect and(FaultMoment m) {
            return new Effect(loseResponse || m.loseResponse(), longer(hold, m.hold()), longer(delay, m.delay()));
        }

        private static Duration longer(Duration a, Duration b) {
            return a.compareTo(b) >= 0 ? a : b;
        }
    }

    private final List<FaultMoment> armed = new ArrayList<>();
    private long released;
    private final List<Fired> fired = new CopyOnWriteArrayList<>();
    private final List<Consumer<Fired>> listeners = new CopyOnWriteArrayList<>();

    public synchronized FaultMoments arm(FaultMoment moment) {
        armed.add(moment);
        return this;
    }

    /**
     * Disarms every moment not yet reached and ends every hold in progress (what fired stays on record; its
     * faults stay switched on until cleared).
     */
    public synchronized void disarm() {
        armed.clear();
        released++;
        notifyAll();
    }

    /** Keeps the calling command for {@code time}, or until {@link #disarm} lifts the faults. */
    synchronized void hold(Duration time) {
        long until = System.nanoTime() + time.toNanos();
        long generation = released;
        try {
            while (generation == released) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<Fired> fired() {
        return List.copyOf(fired);
    }

    /** {@code listener} hears of each moment as it is reached, before the command goes on. */
    public void onFired(Consumer<Fired> listener) {
        listeners.add(listener);
    }

    /** Fires the armed moments a command with {@code script} on {@code server} reaches, {@code when} it does. */
    Effect reach(FaultMoment.When when, Organisation org, ExchangeServer server, String script) {
        List<FaultMoment> reached = new ArrayList<>();
        synchronized (this) {
            for (var it = armed.iterator(); it.hasNext();) {
                FaultMoment m = it.next();
                if (m.when() == when && m.matches(server.name(), script)) {
                    reached.add(m);
                    it.remove();
                }
            }
        }
        Effect effect = Effect.NONE;
        for (FaultMoment m : reached) {
            Instant now = org.clock().instant();
            FaultSettings.apply(org, m.faults(), now, server.name());
            Fired f = new Fired(m, server.name(), now);
            fired.add(f);
            listeners.forEach(l -> l.accept(f));
            effect = effect.and(m);
        }
        return effect;
    }
}
