package io.authcert.plan;

import io.authcert.facts.AuthConfigFacts;
import io.authcert.facts.CertificateFacts;
import io.authcert.facts.HostFacts;
import io.authcert.playbook.modules.AuthCertificateSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds an Auth certificate an earlier, interrupted run created on the primary and never put into
 * AuthConfig, so a rerun uses it instead of creating another (Microsoft's script once created a new
 * certificate every day while replication was slow).
 */
final class ReuseCandidate {

    private ReuseCandidate() {
    }

    static Optional<CertificateFacts> find(AuthCertificateSpec spec, HostFacts primary, Instant now) {
        AuthConfigFacts auth = primary.authConfig();
        return primary.certificates().stream()
                .filter(c -> isAuthCertificate(spec, c))
                .filter(CertificateFacts::keyPresent)
                .filter(c -> longLived(spec, c, now))
                .filter(c -> !Organisation.sameThumbprint(c.thumbprint(), auth.currentThumbprint())
                        && !Organisation.sameThumbprint(c.thumbprint(), auth.nextThumbprint())
                        && !Organisation.sameThumbprint(c.thumbprint(), auth.previousThumbprint()))
                .max(Comparator.comparing(CertificateFacts::notBefore).thenComparing(CertificateFacts::thumbprint));
    }

    /** Valid now and with more than the renewal window left, so it would not be renewed right away. */
    static boolean longLived(AuthCertificateSpec spec, CertificateFacts c, Instant now) {
        return c.validAt(now) && Duration.between(now, c.notAfter()).compareTo(Duration.ofDays(spec.renewBeforeDays())) > 0;
    }

    static boolean isAuthCertificate(AuthCertificateSpec spec, CertificateFacts c) {
        return c.subject() != null && normalise(c.subject()).equals(normalise(spec.subject()));
    }

    /** "cn=Microsoft Exchange Server Auth Certificate" and "CN = Microsoft ..." are the same subject. */
    static String normalise(String subject) {
        return subject.replaceAll("\\s*=\\s*", "=").replaceAll("\\s*,\\s*", ",").trim().toLowerCase(Locale.ROOT);
    }
}
