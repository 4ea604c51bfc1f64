package io.authcert.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a phase risks, in an Exchange administrator's words: which servers it touches and how many at
 * once, whether it changes the whole organisation (AuthConfig lives in Active Directory and replicates
 * to every site), when OWA and ECP sign-in is down where and for how long at most, and what stays for a
 * person. Read from the plan value alone, so a saved plan shows the same lines; for display only
 * (docs/plan.md, "Reasons and risk", has the sources).
 */
public final class PhaseImpact {

    static final String ORGANISATION_WIDE = "organisation-wide: AuthConfig in Active Directory, replicated to every"
            + " server and AD site; run once on ";

    private final Plan plan;

    public PhaseImpact(Plan plan) {
        this.plan = plan;
    }

    /** One line per fact of {@code phase}, each "label: text"; none for a phase this version does not know. */
    public List<String> lines(Phase phase) {
        Optional<PhaseKind> kind = PhaseKind.ofTitle(phase.name());
        if (kind.isEmpty() || phase.steps().isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        String hosts = String.join(", ", hosts(phase));
        String primary = phase.steps().get(0).host();
        switch (kind.get()) {
            case CREATE -> lines.add("touches: " + primary + " only (a new certificate in its store); no user impact"
                    + (smtpHandedBack(phase) ? "; the default SMTP certificate is given back at once" : ""));
            case CONFIGURE -> {
                lines.add(ORGANISATION_WIDE + primary);
                lines.add(staged(phase).map(date -> "sign-in: no impact until " + date + ", when the AuthAdmin servicelet"
                        + " makes the new certificate current on every server (it runs every 12 hours)")
                        .orElse("sign-in: the new certificate takes effect at the publish, next phase"));
                if (staged(phase).isPresent()) {
                    hybridFollowup().ifPresent(lines::add);
                }
            }
            case ACTIVATE -> {
                lines.add(ORGANISATION_WIDE + primary);
                lines.add(signInAtRestarts());
                hybridFollowup().ifPresent(lines::add);
            }
            case PUBLISH -> {
                lines.add(ORGANISATION_WIDE + primary);
                lines.add("sign-in: the certificate every server signs with changes now; OWA and ECP app pools keep the one"
                        + " they cached until they recycle" + restartPhase().map(n -> " (phase " + n + ")").orElse(""));
                hybridFollowup().ifPresent(lines::add);
            }
            case DISTRIBUTE -> lines.add("touches: " + hosts + (hosts(phase).size() == 1 ? ", its own certificate store"
                    : " at once, each its own certificate store") + "; no user impact");
            case WAIT_CERTIFICATE, WAIT_AUTH_CONFIG -> lines.add("touches: nothing" + (nudges(phase)
                    ? " but the MSExchangeServiceHost restarts shown (nudges, no OWA or ECP app pool recycle)"
                    : "") + "; probes " + hosts);
            case RESTART -> lines.addAll(restarts(phase, hosts));
            case CLEAR -> {
                lines.add(ORGANISATION_WIDE + primary);
                lines.add("sign-in: a server still signing with the previous certificate would fail, hence last, after"
                        + " every server holds and uses the current one");
            }
            case BIND -> lines.add("touches: " + hosts + ", each its own Exchange Back End HTTPS binding; no AuthConfig change");
            case FOLLOWUP -> lines.add("manual: the engine runs nothing here; a person does it after the apply");
        }
        return lines;
    }

    /**
     * The rolling restarts: who at once, the outage each server's recycle makes and its bound, and whether
     * sign-in is down before they start (they bring it back).
     */
    private List<String> restarts(Phase phase, String hosts) {
        List<String> lines = new ArrayList<>();
        lines.add("touches: " + hosts + ", " + atOnce(phase));
        lines.add("outage: OWA and ECP sign-in down on each server while its app pools recycle"
                + (restartsServiceHost(phase) ? " and MSExchangeServiceHost restarts" : "") + ", at most "
                + minutes(longestHost(phase)) + " per server (its steps' timeouts)");
        if (alreadyDown()) {
            lines.add("sign-in: already down (current certificate " + currentState().orElse("unusable").replace('_', ' ')
                    + "); it returns on each server at its restart");
        } else if (!lackingCurrent().isEmpty()) {
            lines.add("sign-in: already down on " + String.join(", ", lackingCurrent()) + " (lacks the current"
                    + " certificate); it returns there at its restart");
        }
        return lines;
    }

    /** For the immediate replacement's publish: sign-in moves to the new certificate at each server's restart. */
    private String signInAtRestarts() {
        String restarts = restartPhase().map(n -> "at its restart (phase " + n + ")").orElse("at its restart");
        if (alreadyDown()) {
            return "sign-in: already down (current certificate " + currentState().orElse("unusable").replace('_', ' ')
                    + "); it returns on each server " + restarts;
        }
        return "sign-in: each server moves to the new certificate " + restarts + "; until then its OWA and ECP app pools"
                + " use the one they cached";
    }

    /** A hybrid organisation's Entra ID follow-up, said where the certificate it concerns is put in place. */
    private Optional<String> hybridFollowup() {
        return plan.phases().stream().filter(p -> PhaseKind.ofTitle(p.name()).orElse(null) == PhaseKind.FOLLOWUP)
                .filter(p -> p.steps().stream().anyMatch(s -> s.details().containsKey("command"))).findFirst()
                .map(p -> "manual: hybrid: Microsoft Entra ID gets the new certificate only when a person runs the follow-up"
                        + " (phase " + p.number() + ")");
    }

    /** True when the plan replaces a current certificate that signs nowhere: sign-in is down before it starts. */
    private boolean alreadyDown() {
        return currentState().map(s -> !s.equals("valid")).orElse(false);
    }

    /** {@code current_state} of the immediate replacement's configure step, if the plan has one. */
    private Optional<String> currentState() {
        return plan.steps().stream().filter(s -> s.action() == Action.STAGE_NEXT_CERTIFICATE)
                .map(s -> s.details().get("current_state")).filter(java.util.Objects::nonNull).findFirst();
    }

    /**
     * Hosts waiting for the current certificate they lack, in a plan that publishes nothing: they cannot sign
     * now (a replacement's or a publish's waits are for the certificate that becomes current).
     */
    private List<String> lackingCurrent() {
        if (plan.steps().stream().anyMatch(s -> s.action() == Action.PUBLISH_CERTIFICATE)) {
            return List.of();
        }
        return plan.steps().stream().filter(s -> s.action() == Action.WAIT_FOR_CERTIFICATE)
                .filter(s -> "current".equals(s.details().get("slot")) && s.details().containsKey("thumbprint"))
                .map(Step::host).distinct().toList();
    }

    private static boolean restartsServiceHost(Phase phase) {
        return phase.steps().stream().anyMatch(s -> s.action() == Action.RESTART_SERVICE);
    }

    private Optional<Integer> restartPhase() {
        return plan.phases().stream().filter(p -> PhaseKind.ofTitle(p.name()).orElse(null) == PhaseKind.RESTART)
                .map(Phase::number).findFirst();
    }

    /** The effective date of a staged (future) next certificate, as a day; empty for "effective now". */
    private static Optional<String> staged(Phase phase) {
        return phase.steps().stream().filter(s -> s.action() == Action.STAGE_NEXT_CERTIFICATE)
                .filter(s -> !"0".equals(s.details().get("effective_in_days")))
                .map(s -> s.details().get("effective_date")).filter(java.util.Objects::nonNull)
                .map(d -> RotationDecision.day(java.time.Instant.parse(d))).findFirst();
    }

    private static boolean smtpHandedBack(Phase phase) {
        return phase.steps().stream().anyMatch(s -> s.details().containsKey("smtp_certificate_kept")
                || s.details().containsKey("smtp_certificate_renewed"));
    }

    private static boolean nudges(Phase phase) {
        return phase.steps().stream().anyMatch(s -> s.nudgeIfAny().isPresent());
    }

    /** How many of the phase's servers restart together: the play's serial, or all of them. */
    private static String atOnce(Phase phase) {
        int servers = hosts(phase).size();
        if (!phase.rolling()) {
            return (servers == 1 ? "alone" : servers == 2 ? "both at once" : "all " + servers + " at once")
                    + " (the play sets no serial)";
        }
        if (phase.serial().equals(List.of("1"))) {
            return "1 server at a time (serial 1)";
        }
        return "in batches of serial " + String.join(", ", phase.serial());
    }

    /** The longest any one server of the phase may take: the sum of its steps' timeouts. */
    private static Duration longestHost(Phase phase) {
        Map<String, Duration> perHost = new LinkedHashMap<>();
        phase.steps().forEach(s -> perHost.merge(s.host(), s.timeout(), Duration::plus));
        return perHost.values().stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    private static Set<String> hosts(Phase phase) {
        Set<String> hosts = new LinkedHashSet<>();
        phase.steps().forEach(s -> hosts.add(s.host()));
        return hosts;
    }

    private static String minutes(Duration d) {
        long m = d.toMinutes();
        return m >= 60 ? (m / 60) + "h" + (m % 60 == 0 ? "" : (m % 60) + "m") : m + "m";
    }
}
