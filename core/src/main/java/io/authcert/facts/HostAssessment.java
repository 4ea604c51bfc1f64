package io.authcert.facts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What an administrator wants to know about one server at a glance, derived from its facts and the
 * engine's clock: the AuthConfig's current, next and previous certificates on this server, the clock
 * skew (effective dates depend on it) and OWA's health.
 *
 * @param clockSkew server clock minus engine clock (positive: the server is ahead); null when unknown
 * @param owaSignIn OWA's forms sign-in as the test mailbox, or why it was not checked
 * @param warnings  plain lines worth a look (skew, expired, missing on this server, ...)
 */
public record HostAssessment(
        String host,
        boolean gathered,
        String organization,
        AuthCertificateState current,
        AuthCertificateState next,
        Instant nextEffectiveDate,
        AuthCertificateState previous,
        Duration clockSkew,
        OwaHealth owaHealth,
        OwaHealth owaSignIn,
        List<String> warnings) {

    /** Skew above which effective dates may be misjudged (Microsoft's own checks use the same order). */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    public HostAssessment {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        owaSignIn = owaSignIn == null ? new OwaHealth(null, OwaHealth.Status.NOT_CONFIGURED, "sign-in not checked") : owaSignIn;
    }

    public boolean clockSkewTooLarge() {
        return clockSkew != null && clockSkew.abs().compareTo(MAX_CLOCK_SKEW) > 0;
    }
}
