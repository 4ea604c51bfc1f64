package io.authcert.plan;

import io.authcert.facts.AppPoolFacts;
import io.authcert.facts.CertificateFacts;
import java.time.Instant;
import java.util.Optional;

/**
 * When the current certificate became current, and so which OWA and ECP worker processes still hold
 * the one before it (they load the Auth certificate when they start). Known from the newest event
 * 2014 of MSExchange AuthAdmin naming it on any server of the organisation. Unknown when no server's
 * log names it (published with Set-AuthConfig -PublishCertificate, which logs no such event, or the
 * log rolled over): then only pools older than the certificate itself surely hold an older one, and
 * all pools are recycled only where the previous certificate is about to be cleared, since a pool
 * still signing with it would fail from then on. Recycling on every plan instead would never settle.
 *
 * @param publishedAt  when it became current, or null when unknown
 * @param notBefore    the certificate's NotBefore: it cannot have become current earlier
 * @param clearsPrevious whether this plan clears the previous certificate
 */
record BecameCurrent(Instant publishedAt, Instant notBefore, boolean clearsPrevious) {

    static BecameCurrent of(Organisation org, CertificateFacts current, boolean clearsPrevious) {
        Optional<Instant> published = org.publishedAt(current.thumbprint());
        Instant notBefore = current.notBefore() == null ? Instant.MIN : current.notBefore();
        return new BecameCurrent(published.map(p -> p.isBefore(notBefore) ? notBefore : p).orElse(null), notBefore,
                clearsPrevious);
    }

    boolean known() {
        return publishedAt != null;
    }

    /** Why {@code pool} must be recycled, or empty when it started after the certificate became current (or has no worker). */
    Optional<String> staleReason(AppPoolFacts pool, String label) {
        Instant started = pool.startTime();
        if (started == null) {
            return Optional.empty();
        }
        if (known()) {
            return started.isBefore(publishedAt)
                    ? Optional.of(pool.name() + " started " + started + ", before the current certificate " + label
                            + " became current (" + publishedAt + ", event 2014)")
                    : Optional.empty();
        }
        if (started.isBefore(notBefore)) {
            return Optional.of(pool.name() + " started " + started + ", before the current certificate " + label
                    + " was issued (not before " + notBefore + ")");
        }
        if (clearsPrevious) {
            return Optional.of(pool.name() + " may still sign with the previous certificate: when " + label
                    + " became current is unknown (no MSExchange AuthAdmin event 2014 names it), and the previous one is cleared next");
        }
        return Optional.empty();
    }
}
