package io.authcert.rehearse;

/** The facts or the plan cannot be rehearsed on a twin; the message says why and what to do. */
public final class RehearsalException extends RuntimeException {

    public RehearsalException(String message) {
        super(message);
    }
}
