package io.authcert.run;

import java.time.Duration;
import java.util.List;

/**
 * How a whole apply ended.
 *
 * @param results     every step of every plan the run executed (re-plans included), in the order they ended
 * @param failedHosts hosts that failed or were unreachable, in inventory order
 * @param reason      why the run stopped early or failed, in plain words; empty when it succeeded
 */
public record RunResult(Status status, List<StepResult> results, List<String> failedHosts, String reason,
        int replans, Duration duration) {

    public enum Status {
        /** Every step ran or was legitimately not needed. */
        SUCCEEDED,
        /** Some hosts failed; the others went on as far as the failure policy allowed. */
        FAILED,
        /** The failure policy stopped every host at a barrier. */
        ABORTED,
        /** A stop was requested (SIGTERM, Ctrl-C): the steps already sent finished, nothing new started. */
        STOPPED
    }

    public RunResult {
        results = List.copyOf(results);
        failedHosts = List.copyOf(failedHosts);
        reason = reason == null ? "" : reason;
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
