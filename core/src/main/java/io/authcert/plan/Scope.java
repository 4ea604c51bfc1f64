package io.authcert.plan;

import io.authcert.diag.Diagnostic;
import io.authcert.facts.HostFacts;
import io.authcert.facts.Organizations;
import io.authcert.playbook.modules.AuthCertificateSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which servers the plan may touch, grouped by organisation: unreachable servers stop the plan (or
 * are skipped and listed with {@code unreachable: skip}), Edge servers are skipped with a note, and a
 * server whose clock is more than five minutes off stops the plan (effective dates depend on it), as does
 * one whose name cannot be written into a script (damaged facts).
 */
record Scope(List<Organisation> organisations, List<String> warnings, List<String> skippedHosts, List<Diagnostic> stops) {

    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    static Scope of(PlanRequest request) {
        List<String> warnings = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Diagnostic> stops = new ArrayList<>();
        AuthCertificateSpec spec = request.certificate();
        boolean skipUnreachable = spec != null && spec.unreachable() == AuthCertificateSpec.UnreachablePolicy.SKIP;
        Map<String, List<HostFacts>> byOrganisation = new LinkedHashMap<>();

        for (String host : request.hosts()) {
            HostFacts facts = request.facts().hosts().get(host);
            String problem = unreachableReason(host, facts);
            if (problem != null) {
                if (skipUnreachable) {
                    skipped.add(host);
                    warnings.add(host + ": skipped, " + problem + " (unreachable: skip)");
                } else {
                    stops.add(Diagnostic.error(null, host + ": " + problem,
                            "fix the connection and plan again, or set 'unreachable: skip' in the "
                                    + "exchange_auth_certificate task to plan without it (it is then listed as skipped)"));
                }
                continue;
            }
            if (facts.server().edge()) {
                skipped.add(host);
                warnings.add(host + ": skipped, Edge Transport server (it has no Auth configuration)");
                continue;
            }
            String server = Organisation.serverName(facts);
            if (!io.authcert.powershell.PsValue.NAME.matcher(server).matches()) {
                // Every script names the server; a name that cannot be written safely is damaged facts, not a server.
                stops.add(Diagnostic.error(null, host + ": the server name '" + printable(server) + "' is not a name Exchange"
                                + " gives a server (letters, digits, spaces, '.', '_' and '-', at most 128)",
                        "gather the facts again ('engine facts'); for captured facts, export Get-ExchangeServer again, or name"
                                + " the host's folder after the server"));
                continue;
            }
            Duration skew = skew(facts);
            if (skew != null && skew.compareTo(MAX_CLOCK_SKEW) > 0) {
                stops.add(Diagnostic.error(null, host + ": clock is " + skew.toSeconds() + " s off the engine's clock (over 5 minutes)",
                        "synchronise the server's time (w32tm /resync) and plan again: certificate effective dates depend on it"));
                continue;
            }
            byOrganisation.computeIfAbsent(organisationOf(request, facts), k -> new ArrayList<>()).add(facts);
        }

        List<Organisation> organisations = new ArrayList<>();
        String wantedPrimary = spec == null ? null : spec.primary();
        boolean primaryFound = wantedPrimary == null;
        for (Map.Entry<String, List<HostFacts>> e : byOrganisation.entrySet()) {
            HostFacts primary = null;
            if (wantedPrimary != null) {
                primary = e.getValue().stream().filter(h -> names(h, wantedPrimary)).findFirst().orElse(null);
                primaryFound |= primary != null;
            }
            if (primary == null) {
                primary = e.getValue().stream().filter(h -> h.server().isMailbox()).findFirst().orElse(e.getValue().get(0));
            }
            organisations.add(new Organisation(e.getKey(), primary, e.getValue()));
        }
        if (!primaryFound) {
            stops.add(Diagnostic.error(null, "primary '" + wantedPrimary + "' is not a reachable Exchange server of this play",
                    "set 'primary' to one of: " + String.join(", ", byOrganisation.values().stream().flatMap(List::stream)
                            .map(HostFacts::host).toList()) + ", or remove it to use the first reachable Mailbox server"));
        }
        return new Scope(organisations, warnings, skipped, stops);
    }

    /** A name as shown in a message: control characters escaped, long ones cut. */
    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(60).forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04X", c)
                : new String(Character.toChars(c))));
        return s.codePointCount(0, s.length()) > 60 ? out + "..." : out.toString();
    }

    private static String unreachableReason(String host, HostFacts facts) {
        if (facts == null) {
            return "no facts were gathered";
        }
        if (!facts.reachable()) {
            return "unreachable" + (facts.errors().isEmpty() ? "" : ": " + String.join("; ", facts.errors()));
        }
        if (!facts.server().edge() && facts.authConfig() == null) {
            return "its AuthConfig could not be read" + (facts.errors().isEmpty() ? "" : ": " + String.join("; ", facts.errors()));
        }
        return null;
    }

    private static Duration skew(HostFacts facts) {
        if (facts.server().clockUtc() == null || facts.gatheredAt() == null) {
            return null;
        }
        return Duration.between(facts.server().clockUtc(), facts.gatheredAt()).abs();
    }

    private static boolean names(HostFacts host, String name) {
        return host.host().equalsIgnoreCase(name) || Organisation.serverName(host).equalsIgnoreCase(name);
    }

    /** The {@code exchange_org} variable, else what the facts say, else the AuthConfig's container. */
    static String organisationOf(PlanRequest request, HostFacts facts) {
        String var = request.organizationVars().get(facts.host());
        if (var != null && !var.isBlank()) {
            return var;
        }
        if (facts.server().organization() != null && !facts.server().organization().isBlank()) {
            return facts.server().organization();
        }
        String dn = facts.authConfig() == null ? null : facts.authConfig().distinguishedName();
        String fromDn = Organizations.fromAuthConfigDn(dn);
        if (fromDn != null) {
            return fromDn;
        }
        return "default";
    }
}
