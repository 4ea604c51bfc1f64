package io.authcert.run;

import io.authcert.plan.Action;
import io.authcert.plan.Step;
import java.time.Duration;
import java.time.Instant;

/**
 * What running one step on one host came to: the small value every step class returns.
 *
 * @param phase   the number of the phase it belongs to
 * @param message one plain line: what happened or why not (never a secret: scripts are not echoed)
 */
public record StepResult(
        String stepId,
        int phase,
        String host,
        Action action,
        String resource,
        boolean orgWide,
        StepOutcome outcome,
        String message,
        Instant startedAt,
        Duration duration) {

    public StepResult {
        message = message == null ? "" : message;
        duration = duration == null ? Duration.ZERO : duration;
    }

    static StepResult of(int phase, Step step, StepOutcome outcome, String message, Instant startedAt, Duration duration) {
        return new StepResult(step.id(), phase, step.host(), step.action(), step.resource(), step.orgWide(),
                outcome, message, startedAt, duration);
    }

    /** A step that was not run, with the reason. */
    static StepResult skipped(int phase, Step step, String why, Instant at) {
        return of(phase, step, StepOutcome.SKIPPED, why, at, Duration.ZERO);
    }
}
