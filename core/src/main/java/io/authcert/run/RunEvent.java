package io.authcert.run;

import io.authcert.plan.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Something that happened during an apply. The executor never prints: it emits these, and the
 * terminal progress, the journal and the reports are subscribers ({@link RunListener}).
 */
public sealed interface RunEvent {

    /** When it happened, by the engine's clock. */
    Instant at();

    /** The run began: what will be applied, and what a person will have to do by hand afterwards. */
    record RunStarted(Instant at, String playbook, List<String> hosts, int phases, int steps, List<String> followups)
            implements RunEvent {
        public RunStarted {
            hosts = List.copyOf(hosts);
            followups = List.copyOf(followups);
        }
    }

    /**
     * A phase began; {@code batches} are the rolling batches (one batch holding every host when not
     * rolling); {@code steps} how many steps each host has in it (for hosts done/total).
     */
    record PhaseStarted(Instant at, int phase, String name, List<String> hosts, List<List<String>> batches,
            Map<String, Integer> steps) implements RunEvent {
        public PhaseStarted {
            hosts = List.copyOf(hosts);
            batches = batches.stream().map(List::copyOf).toList();
            steps = Map.copyOf(steps);
        }
    }

    /** A phase ended: every one of its hosts reached the barrier. */
    record PhaseFinished(Instant at, int phase, String name, int hostsDone, int hostsTotal, List<String> failedHosts)
            implements RunEvent {
        public PhaseFinished {
            failedHosts = List.copyOf(failedHosts);
        }
    }

    /** A step began on a host. */
    record StepStarted(Instant at, int phase, String stepId, String host, Action action, boolean orgWide)
            implements RunEvent {
    }

    /** A step ended (or was not run) on a host. */
    record StepFinished(Instant at, StepResult result) implements RunEvent {
    }

    /** A wait polled every host once and some are still missing what they wait for. */
    record WaitingForHosts(Instant at, int phase, Action action, List<String> ready, Map<String, String> pending,
            Duration waited, Duration timeout) implements RunEvent {
        public WaitingForHosts {
            ready = List.copyOf(ready);
            pending = Map.copyOf(pending);
        }
    }

    /** A laggard was nudged during a wait (the Service Host restarted so it deploys the certificate). */
    record HostNudged(Instant at, int phase, String host, String service, boolean succeeded, String message)
            implements RunEvent {
    }

    /** A host failed and will stop at the next barrier. */
    record HostFailed(Instant at, String host, String stepId, String reason) implements RunEvent {
    }

    /** A response was lost; the facts were gathered again and the rest of the run re-planned from them. */
    record Replanned(Instant at, List<String> lostHosts, String reason, int steps) implements RunEvent {
        public Replanned {
            lostHosts = List.copyOf(lostHosts);
        }
    }

    /** The run ended. */
    record RunFinished(Instant at, RunResult.Status status, List<String> failedHosts, String reason, Duration duration)
            implements RunEvent {
        public RunFinished {
            failedHosts = List.copyOf(failedHosts);
        }
    }
}
