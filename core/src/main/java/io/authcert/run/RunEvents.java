package io.authcert.run;

import java.util.ArrayList;
import java.util.List;

/**
 * Hands every event to every subscriber, one event at a time (steps run on several threads, the
 * subscribers need not be thread-safe). A subscriber that throws is reported once and dropped,
 * so a full disk under the journal cannot stop a rollout half-way.
 */
public final class RunEvents implements RunListener {

    private final List<RunListener> listeners = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public RunEvents(List<? extends RunListener> listeners) {
        this.listeners.addAll(listeners);
    }

    public static RunEvents of(RunListener... listeners) {
        return new RunEvents(List.of(listeners));
    }

    public synchronized void add(RunListener listener) {
        listeners.add(listener);
    }

    @Override
    public synchronized void on(RunEvent event) {
        for (RunListener listener : List.copyOf(listeners)) {
            try {
                listener.on(event);
            } catch (RuntimeException e) {
                listeners.remove(listener);
                problems.add(listener.getClass().getSimpleName() + " stopped: " + e.getMessage());
            }
        }
    }

    /** Subscribers that failed and were dropped, one line each. */
    public synchronized List<String> problems() {
        return List.copyOf(problems);
    }
}
