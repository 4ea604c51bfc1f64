package io.authcert.report;

import io.authcert.facts.AuthCertificateState;
import io.authcert.facts.HostAssessment;
import io.authcert.facts.OwaHealth;
import io.authcert.run.RunHistory;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code engine facts --format prometheus}: the servers' Auth certificates and the last apply in the
 * Prometheus text format, for node_exporter's textfile collector (docs/unattended.md, "Metrics").
 * Every metric is a gauge; a value that is not known is left out rather than written as a guess.
 */
public final class PrometheusFacts {

    private final StringBuilder out = new StringBuilder();

    /** The metrics for these servers, judged at {@code at}, and what the state directory remembers. */
    public static String render(Collection<HostAssessment> hosts, Instant at, Optional<RunHistory.LastRun> lastRun,
            Optional<RunHistory.LastApply> lastApply) {
        PrometheusFacts p = new PrometheusFacts();
        p.family("authcert_facts_timestamp_seconds", "When these facts were judged (Unix time).");
        p.sample("authcert_facts_timestamp_seconds", "", seconds(at));
        p.family("authcert_host_gathered", "1 when the server's facts were read, 0 when it could not be reached.");
        hosts.forEach(h -> p.sample("authcert_host_gathered", labels("host", h.host()), h.gathered() ? 1 : 0));
        p.family("authcert_certificate_days_left",
                "Whole days until the AuthConfig's certificate in this role expires, as this server reads it (negative once expired).");
        for (HostAssessment h : hosts) {
            role(p, h, "current", h.current());
            role(p, h, "next", h.next());
            role(p, h, "previous", h.previous());
        }
        p.family("authcert_certificate_present",
                "1 when this server holds the role's certificate with its private key, 0 when it lacks it or its key"
                        + " (roles the AuthConfig names only).");
        for (HostAssessment h : hosts) {
            presence(p, h, "current", h.current());
            presence(p, h, "next", h.next());
            presence(p, h, "previous", h.previous());
        }
        p.family("authcert_owa_signin_healthy", "1 when OWA's forms sign-in as the test mailbox works, 0 when it fails (checked hosts only).");
        hosts.forEach(h -> health(p, "authcert_owa_signin_healthy", h.host(), h.owaSignIn()));
        p.family("authcert_owa_health_healthy", "1 when OWA's health page answers 200, 0 otherwise (hosts with owa_health_url only).");
        hosts.forEach(h -> health(p, "authcert_owa_health_healthy", h.host(), h.owaHealth()));
        lastRun.ifPresent(r -> {
            p.family("authcert_last_run_timestamp_seconds", "When the last run that executed steps ended (its journal; Unix time).");
            p.sample("authcert_last_run_timestamp_seconds", "", seconds(r.at()));
            p.family("authcert_last_run_status", "1 for the last run's status (succeeded, failed, aborted, stopped).");
            p.sample("authcert_last_run_status", labels("status", r.status()), 1);
        });
        lastApply.ifPresent(a -> {
            p.family("authcert_last_apply_timestamp_seconds", "When the last apply ended, however it ended (Unix time).");
            p.sample("authcert_last_apply_timestamp_seconds", "", seconds(a.at()));
            p.family("authcert_last_apply_exit_code", "The last apply's exit code (0 done, 1 error, 3 needs a person, 4 held back).");
            p.sample("authcert_last_apply_exit_code", "", a.exitCode());
            p.family("authcert_last_apply_status", "1 for the last apply's status (applied, nothing_to_do, held_back, failed, ...).");
            p.sample("authcert_last_apply_status", labels("status", a.status()), 1);
        });
        return p.out.toString();
    }

    private static void role(PrometheusFacts p, HostAssessment h, String role, AuthCertificateState s) {
        if (s == null || s.daysLeft() == null || s.presence() == AuthCertificateState.Presence.UNSET) {
            return;
        }
        p.sample("authcert_certificate_days_left", labels("host", h.host(), "role", role, "thumbprint", s.thumbprint()), s.daysLeft());
    }

    private static void presence(PrometheusFacts p, HostAssessment h, String role, AuthCertificateState s) {
        if (!h.gathered() || s == null || s.presence() == AuthCertificateState.Presence.UNSET) {
            return;
        }
        p.sample("authcert_certificate_present", labels("host", h.host(), "role", role, "presence",
                s.presence().name().toLowerCase(Locale.ROOT)), s.presence() == AuthCertificateState.Presence.PRESENT ? 1 : 0);
    }

    private static void health(PrometheusFacts p, String name, String host, OwaHealth health) {
        if (health == null || health.status() == OwaHealth.Status.NOT_CONFIGURED) {
            return;
        }
        p.sample(name, labels("host", host), health.status() == OwaHealth.Status.HEALTHY ? 1 : 0);
    }

    private void family(String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
    }

    private void sample(String name, String labels, double value) {
        out.append(name).append(labels).append(' ');
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(value);
        }
        out.append('\n');
    }

    private static double seconds(Instant at) {
        return at.getEpochSecond() + at.getNano() / 1e9;
    }

    /** {@code {a="x",b="y"}} with the text format's escapes (backslash, double quote, newline). */
    private static String labels(String... pairs) {
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (i > 0) {
                b.append(',');
            }
            String v = pairs[i + 1] == null ? "" : pairs[i + 1];
            b.append(pairs[i]).append("=\"").append(v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")).append('"');
        }
        return b.append('}').toString();
    }
}
