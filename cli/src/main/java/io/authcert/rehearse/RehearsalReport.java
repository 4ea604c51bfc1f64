package io.authcert.rehearse;

import io.authcert.run.RunResult;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a rehearsal on the twin showed, in the real organisation's names (hosts, thumbprints); every
 * time is the twin's simulated time.
 *
 * @param runStatus   how the apply on the twin ended
 * @param phases      every phase that ran, with its simulated duration
 * @param commands    per host, what the twin's server ran (its audit log), in order
 * @param signIn      OWA sign-in over time: one entry each time the set of servers that cannot sign in changed
 * @param leftToDo    the plan the engine makes on the twin after the apply: what would still be done
 * @param signInDown  the servers whose OWA sign-in fails after the apply, with the HTTP status
 * @param problems    why the rehearsal did not converge, one plain line each; empty when it converged
 * @param assumptions what the twin had to choose because the facts did not say
 */
public record RehearsalReport(Instant started, Instant ended, List<String> hosts, RunResult.Status runStatus,
        String runReason, List<PhaseTime> phases, Map<String, List<String>> commands, List<SignInSample> signIn,
        List<String> leftToDo, Map<String, Integer> signInDown, List<String> problems,
        List<String> assumptions) {

    public RehearsalReport {
        hosts = List.copyOf(hosts);
        phases = List.copyOf(phases);
        commands = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(commands));
        signIn = List.copyOf(signIn);
        leftToDo = List.copyOf(leftToDo);
        signInDown = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(signInDown));
        problems = List.copyOf(problems);
        assumptions = List.copyOf(assumptions);
    }

    /** Converged: the apply ran, the plan after it is empty, every OWA sign-in works, no rule was broken. */
    public boolean converged() {
        return problems.isEmpty();
    }

    public Duration duration() {
        return Duration.between(started, ended);
    }

    /**
     * One phase as it ran on the twin.
     *
     * @param run            which apply it belongs to ("" for the plan itself)
     * @param mostDownAtOnce the most servers that could not sign in at one moment while it ran
     */
    public record PhaseTime(String run, int number, String name, Instant started, Duration duration, List<String> hosts,
            int largestBatch, boolean rolling, int mostDownAtOnce) {
        public PhaseTime {
            hosts = List.copyOf(hosts);
        }

        /** Not more servers down at once than the largest serial batch. */
        public boolean withinBatch() {
            return mostDownAtOnce <= largestBatch;
        }
    }

    /** From {@code at} on, these servers could not sign users in to OWA (empty: every server could). */
    public record SignInSample(Instant at, List<String> down, String during) {
        public SignInSample {
            down = List.copyOf(down);
        }
    }

    /** The rolling phases (restarts and recycles), with how many servers were down at once in each. */
    public List<PhaseTime> rolling() {
        return phases.stream().filter(PhaseTime::rolling).toList();
    }
}
