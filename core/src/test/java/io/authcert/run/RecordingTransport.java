package io.authcert.run;

import io.authcert.transport.CommandResult;
import io.authcert.transport.Target;
import io.authcert.transport.Transport;
import io.authcert.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A transport for executor tests: answers each (host, script) through a behaviour, and records every
 * call with a global sequence number at its start and at its end, so a test can assert order
 * ("every phase-2 call started after every phase-1 call ended") without timing anything.
 */
final class RecordingTransport implements Transport {

    /** How a host answers a script; may block, throw, or count. */
    @FunctionalInterface
    interface Behaviour {
        CommandResult answer(String host, String script) throws TransportException;
    }

    record Call(String host, String script, int startSeq, int endSeq) {
    }

    private final AtomicInteger seq = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Behaviour> byHost = new ConcurrentHashMap<>();
    private volatile Behaviour fallback = (host, script) -> ok("");

    static CommandResult ok(String stdout) {
        return new CommandResult(stdout, "", 0, Duration.ZERO);
    }

    static CommandResult exit(int code, String stderr) {
        return new CommandResult("", stderr, code, Duration.ZERO);
    }

    RecordingTransport on(String host, Behaviour behaviour) {
        byHost.put(host, behaviour);
        return this;
    }

    RecordingTransport otherwise(Behaviour behaviour) {
        fallback = behaviour;
        return this;
    }

    @Override
    public CommandResult run(Target target, String script, Duration timeout) throws TransportException {
        int start = seq.incrementAndGet();
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        try {
            Behaviour behaviour = byHost.getOrDefault(target.name(), fallback);
            return BatchScripts.isBatch(script) ? BatchScripts.run(script, step -> behaviour.answer(target.name(), step))
                    : behaviour.answer(target.name(), script);
        } finally {
            running.decrementAndGet();
            int end = seq.incrementAndGet();
            synchronized (calls) {
                calls.add(new Call(target.name(), script, start, end));
            }
        }
    }

    List<Call> calls() {
        synchronized (calls) {
            return calls.stream().sorted(java.util.Comparator.comparingInt(Call::startSeq)).toList();
        }
    }

    /** Calls whose script contains the marker (each step script in the tests carries its step id). */
    List<Call> calls(String marker) {
        return calls().stream().filter(c -> c.script().contains(marker)).toList();
    }

    int maxConcurrent() {
        return maxRunning.get();
    }
}
