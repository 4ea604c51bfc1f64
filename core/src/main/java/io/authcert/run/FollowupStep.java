package io.authcert.run;

import io.authcert.plan.Step;
import java.time.Clock;
import java.time.Duration;

/**
 * A manual follow-up (re-run the Hybrid Configuration Wizard, ...): something the engine cannot do
 * itself. It is never pretended done: recorded as skipped, with the words for the person who must.
 */
final class FollowupStep {

    private final int phase;
    private final Step step;
    private final Clock clock;

    FollowupStep(int phase, Step step, Clock clock) {
        this.phase = phase;
        this.step = step;
        this.clock = clock;
    }

    StepResult call() {
        return StepResult.of(phase, step, StepOutcome.SKIPPED, "manual follow-up: " + step.reason(), clock.instant(),
                Duration.ZERO);
    }
}
