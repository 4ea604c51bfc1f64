package io.authcert.run;

import io.authcert.plan.Step;
import io.authcert.transport.TransportException;

/** A step's command was sent but its outcome is unknown (response lost or timed out). */
final class ResponseLostException extends Exception {

    private final java.util.List<Step> steps;
    private final TransportException.Kind kind;

    ResponseLostException(Step step, TransportException cause) {
        this(java.util.List.of(step), cause);
    }

    /** The answer to a command that ran several steps ({@link ScriptBatch}) was lost: any of them may have run. */
    ResponseLostException(java.util.List<Step> steps, TransportException cause) {
        super(cause.getMessage(), cause);
        this.steps = java.util.List.copyOf(steps);
        this.kind = cause.kind();
    }

    /** The first step whose effect is unknown. */
    Step step() {
        return steps.get(0);
    }

    /** Every step whose effect is unknown. */
    java.util.List<Step> steps() {
        return steps;
    }

    TransportException.Kind kind() {
        return kind;
    }
}
