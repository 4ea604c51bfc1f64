package io.authcert.facts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Derives a {@link HostAssessment} from one host's facts at a given time: a pure function. */
public final class HostAssessor {

    private static final long SECONDS_PER_DAY = 86_400;

    public HostAssessment assess(HostFacts facts, Instant now, OwaHealth owa) {
        return assess(facts, now, owa, null);
    }

    /** As {@link #assess(HostFacts, Instant, OwaHealth)}, with OWA's forms sign-in as the test mailbox (null: not checked). */
    public HostAssessment assess(HostFacts facts, Instant now, OwaHealth owa, OwaHealth signIn) {
        OwaHealth health = owa == null ? OwaHealth.notConfigured() : owa;
        List<String> warnings = new ArrayList<>();
        if (!facts.reachable()) {
            return new HostAssessment(facts.host(), false, null, AuthCertificateState.unset(),
                    AuthCertificateState.unset(), null, AuthCertificateState.unset(), null, health, signIn, facts.errors());
        }
        Duration skew = facts.server().clockUtc() == null || facts.gatheredAt() == null
                ? null : Duration.between(facts.gatheredAt(), facts.server().clockUtc());
        AuthConfigFacts auth = facts.authConfig();
        AuthCertificateState current = state(facts, auth == null ? null : auth.currentThumbprint(), now);
        AuthCertificateState next = state(facts, auth == null ? null : auth.nextThumbprint(), now);
        AuthCertificateState previous = state(facts, auth == null ? null : auth.previousThumbprint(), now);
        HostAssessment draft = new HostAssessment(facts.host(), true, facts.server().organization(), current, next,
                auth == null ? null : auth.nextEffectiveDate(), previous, skew, health, signIn, List.of());

        if (draft.clockSkewTooLarge()) {
            warnings.add("clock differs from the engine's by " + human(skew) + " (more than 5 minutes): "
                    + "effective dates may be misjudged; fix the server's time source");
        }
        if (!facts.server().edge() && auth != null) {
            describe("current", current, warnings);
            describe("next", next, warnings);
        }
        if (health.status() == OwaHealth.Status.UNHEALTHY || health.status() == OwaHealth.Status.UNREACHABLE) {
            warnings.add("OWA health " + health.url() + ": " + health.detail());
        }
        if (signIn != null && (signIn.status() == OwaHealth.Status.UNHEALTHY || signIn.status() == OwaHealth.Status.UNREACHABLE)) {
            warnings.add("OWA sign-in " + signIn.url() + ": " + signIn.detail());
        }
        OwaSignInErrors signInErrors = facts.owaSignInErrors();
        if (signInErrors.seen()) {
            warnings.add("OWA sign-in failed on this server: " + signInErrors.count() + " event(s) 1003/3005 naming "
                    + "HMACProvider.GetCertificates or FbaModule since " + signInErrors.since() + ", newest at "
                    + signInErrors.newest() + " (users cannot sign in to OWA/ECP)");
        }
        warnings.addAll(facts.errors());
        return new HostAssessment(draft.host(), true, draft.organization(), current, next, draft.nextEffectiveDate(),
                previous, skew, health, signIn, warnings);
    }

    private static void describe(String slot, AuthCertificateState s, List<String> warnings) {
        switch (s.presence()) {
            case MISSING -> warnings.add(slot + " Auth certificate " + s.thumbprint() + " is not in this server's store");
            case NO_PRIVATE_KEY -> warnings.add(slot + " Auth certificate " + s.thumbprint()
                    + " has no private key on this server");
            case UNSET -> {
                if (slot.equals("current")) {
                    warnings.add("the AuthConfig names no current certificate");
                }
            }
            case PRESENT, KEY_UNKNOWN -> {
                if (s.expired()) {
                    warnings.add(slot + " Auth certificate " + s.thumbprint() + " expired " + (-s.daysLeft()) + " day(s) ago");
                }
            }
        }
    }

    static AuthCertificateState state(HostFacts facts, String thumbprint, Instant now) {
        if (thumbprint == null) {
            return AuthCertificateState.unset();
        }
        return facts.certificate(thumbprint)
                .map(c -> new AuthCertificateState(thumbprint, presence(c), c.notAfter(), daysLeft(now, c.notAfter())))
                .orElseGet(() -> new AuthCertificateState(thumbprint, AuthCertificateState.Presence.MISSING, null, null));
    }

    private static AuthCertificateState.Presence presence(CertificateFacts c) {
        if (c.keyPresent()) {
            return AuthCertificateState.Presence.PRESENT;
        }
        // Read from RawData alone: the store has it, the key is simply not known.
        return c.keyUnknown() ? AuthCertificateState.Presence.KEY_UNKNOWN : AuthCertificateState.Presence.NO_PRIVATE_KEY;
    }

    /**
     * Whole days left, rounded down (59.9 days ahead is 59). Once expired, minus the whole days since
     * expiry, at least -1: one hour past expiry is -1, "expired yesterday" (1 day and some minutes) too.
     */
    static Long daysLeft(Instant now, Instant notAfter) {
        if (notAfter == null) {
            return null;
        }
        long seconds = Duration.between(now, notAfter).getSeconds();
        if (seconds >= 0) {
            return seconds / SECONDS_PER_DAY;
        }
        return -Math.max(1, -seconds / SECONDS_PER_DAY);
    }

    private static String human(Duration d) {
        Duration a = d.abs();
        String sign = d.isNegative() ? "-" : "+";
        if (a.toHours() > 0) {
            return sign + a.toHours() + " h " + a.toMinutesPart() + " min";
        }
        return sign + a.toMinutes() + " min " + a.toSecondsPart() + " s";
    }
}
