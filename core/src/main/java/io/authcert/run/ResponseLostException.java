package io.authcert.run;

import io.authcert.plan.Step;
import io.authcert.transport.TransportException;

/** A step's command was sent but its outcome is unknown (response lost or timed out). */
final class ResponseLostException extends Exception {

    private final Step step;
    private final TransportException.Kind kind;

    ResponseLostException(Step step, TransportException cause) {
        super(cause.getMessage(), cause);
        this.step = step;
        this.kind = cause.kind();
    }

    Step step() {
        return step;
    }

    TransportException.Kind kind() {
        return kind;
    }
}
