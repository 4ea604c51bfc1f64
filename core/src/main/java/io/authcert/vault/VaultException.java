package io.authcert.vault;

/** A vaulted value could not be decrypted; the message says why and never holds plaintext. */
public final class VaultException extends RuntimeException {

    /** Why decryption failed, so callers can phrase a hint. */
    public enum Reason { NO_PASSWORD, WRONG_PASSWORD, MALFORMED }

    private final Reason reason;

    public VaultException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
