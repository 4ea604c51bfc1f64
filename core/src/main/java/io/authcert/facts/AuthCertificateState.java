package io.authcert.facts;

import java.time.Instant;

/**
 * One of the AuthConfig's certificates (current, next or previous) as seen from one server: is it in
 * this server's store, with its private key, and how long is it valid.
 *
 * @param daysLeft whole days until NotAfter, rounded down; negative once expired; null when unknown
 */
public record AuthCertificateState(String thumbprint, Presence presence, Instant notAfter, Long daysLeft) {

    public enum Presence {
        /** The AuthConfig names no certificate in this slot. */
        UNSET,
        /** In this server's store with its private key. */
        PRESENT,
        /** In the store, but without a private key: useless for signing. */
        NO_PRIVATE_KEY,
        /** In the store; whether it has its private key is not known (an export with RawData only). */
        KEY_UNKNOWN,
        /** Not in this server's store (not yet replicated, or deleted). */
        MISSING
    }

    public static AuthCertificateState unset() {
        return new AuthCertificateState(null, Presence.UNSET, null, null);
    }

    public boolean expired() {
        return daysLeft != null && daysLeft < 0;
    }
}
