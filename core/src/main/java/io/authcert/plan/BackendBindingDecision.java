package io.authcert.plan;

import io.authcert.facts.CertificateFacts;
import io.authcert.facts.HostFacts;
import io.authcert.playbook.modules.BackendBindingSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * The "Exchange Back End" site's HTTPS binding must use a certificate that exists on that server, is
 * valid for at least N more days and is the one asked for (by friendly name or subject; by default
 * the Exchange self-signed certificate): otherwise rebind it to the best such certificate.
 */
final class BackendBindingDecision {

    static final String DEFAULT_SITE = "Exchange Back End";
    static final int DEFAULT_PORT = 444;
    static final String DEFAULT_FRIENDLY_NAME = "Microsoft Exchange";

    private final BackendBindingSpec spec;
    private final Instant now;

    BackendBindingDecision(BackendBindingSpec spec, Instant now) {
        this.spec = spec;
        this.now = now;
    }

    void plan(HostFacts host, StepCollector out, PlanNotes notes) {
        String site = spec.site() == null || spec.site().isBlank() ? DEFAULT_SITE : spec.site();
        int port = spec.port() <= 0 ? DEFAULT_PORT : spec.port();
        if (host.backendBinding() == null) {
            notes.warn(host.host() + ": the '" + site + "' site has no HTTPS binding on port " + port + "; not changed");
            return;
        }
        String bound = host.backendBinding().thumbprint();
        Optional<CertificateFacts> current = host.certificate(bound);
        if (current.isPresent() && acceptable(current.get())) {
            return;
        }
        Optional<CertificateFacts> best = host.certificates().stream().filter(this::acceptable)
                .max(Comparator.comparing(CertificateFacts::notAfter).thenComparing(CertificateFacts::thumbprint));
        if (best.isEmpty()) {
            notes.warn(host.host() + ": no certificate " + wanted() + " valid for " + spec.minDaysValid()
                    + " more days to bind to '" + site + "'; create or renew one");
            return;
        }
        String why = current.isEmpty() ? "bound certificate " + shortOrNone(bound) + " is not on this server"
                : "bound certificate " + shortOrNone(bound) + " is not " + wanted() + " valid for " + spec.minDaysValid()
                        + " more days (expires " + current.get().notAfter() + ")";
        out.add(PhaseKind.BIND, host.host(), false, "binding/" + site + ":" + port, Action.BIND_BACKEND_CERTIFICATE,
                null, why + ": bind " + RotationDecision.label(best.get()) + " (expires " + best.get().notAfter() + ")",
                AuthScripts.bindBackend(site, port, best.get().thumbprint()), true, Duration.ofMinutes(5),
                Map.of("thumbprint", best.get().thumbprint(), "site", site, "port", Integer.toString(port)));
    }

    private boolean acceptable(CertificateFacts c) {
        return c.keyPresent() && c.validAt(now)
                && !Duration.between(now, c.notAfter()).minusDays(spec.minDaysValid()).isNegative()
                && matches(c);
    }

    private boolean matches(CertificateFacts c) {
        if (spec.friendlyName() != null && !spec.friendlyName().isBlank()) {
            return spec.friendlyName().equalsIgnoreCase(c.friendlyName());
        }
        if (spec.subject() != null && !spec.subject().isBlank()) {
            return c.subject() != null && ReuseCandidate.normalise(spec.subject()).equals(ReuseCandidate.normalise(c.subject()));
        }
        return DEFAULT_FRIENDLY_NAME.equalsIgnoreCase(c.friendlyName());
    }

    private String wanted() {
        if (spec.friendlyName() != null && !spec.friendlyName().isBlank()) {
            return "named '" + spec.friendlyName() + "'";
        }
        if (spec.subject() != null && !spec.subject().isBlank()) {
            return "with subject '" + spec.subject() + "'";
        }
        return "named '" + DEFAULT_FRIENDLY_NAME + "'";
    }

    private static String shortOrNone(String thumbprint) {
        return thumbprint == null || thumbprint.isBlank() ? "none" : RotationDecision.shortTp(thumbprint);
    }
}
