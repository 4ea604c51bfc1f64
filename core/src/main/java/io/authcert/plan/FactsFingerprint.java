package io.authcert.plan;

import io.authcert.facts.AppPoolFacts;
import io.authcert.facts.AuthConfigFacts;
import io.authcert.facts.CertificateFacts;
import io.authcert.facts.Facts;
import io.authcert.facts.HostFacts;
import io.authcert.facts.OrganizationServers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * A stable hash of the facts a plan depends on, to refuse applying a plan after the world changed
 * (Terraform's stale plan). It covers what the decisions read (AuthConfig, certificates, service and
 * app pool start times, bindings, hybrid, reachability, the organisation's servers) and ignores what changes on every gathering
 * (when it was gathered, the servers' clock readings) and the order facts arrived in.
 */
public final class FactsFingerprint {

    private FactsFingerprint() {
    }

    /** "sha256:" and 64 hex digits. */
    public static String of(Facts facts, List<String> hosts) {
        StringBuilder sb = new StringBuilder();
        TreeMap<String, HostFacts> sorted = new TreeMap<>();
        for (String host : hosts) {
            HostFacts f = facts.hosts().get(host);
            if (f != null) {
                sorted.put(host, f);
            }
        }
        for (var e : sorted.entrySet()) {
            canonical(sb, e.getKey(), e.getValue());
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * True when facts gathered now are those the plan was made from (else the plan is stale): the
     * fingerprint over the plan's hosts and its skipped hosts, as the planner computed it.
     */
    public static boolean matches(io.authcert.plan.Plan plan, Facts facts) {
        List<String> hosts = new java.util.ArrayList<>(plan.hosts());
        hosts.addAll(plan.skippedHosts());
        return of(facts, hosts).equals(plan.factsFingerprint());
    }

    /** The canonical text that is hashed (shown by tests and useful when a fingerprint differs). */
    static void canonical(StringBuilder sb, String host, HostFacts f) {
        sb.append("host=").append(host).append('\n');
        sb.append(" reachable=").append(f.reachable()).append('\n');
        if (!f.reachable()) {
            return;
        }
        sb.append(" server=").append(f.server().name()).append('|').append(f.server().edge()).append('|')
                .append(f.server().roles().stream().map(r -> r.toLowerCase(Locale.ROOT)).sorted().toList()).append('|')
                .append(f.server().organization()).append('\n');
        AuthConfigFacts a = f.authConfig();
        if (a != null) {
            sb.append(" auth=").append(up(a.currentThumbprint())).append('|').append(up(a.previousThumbprint())).append('|')
                    .append(up(a.nextThumbprint())).append('|').append(a.nextEffectiveDate()).append('|')
                    .append(a.distinguishedName()).append('\n');
        }
        f.certificates().stream().sorted(Comparator.comparing(c -> up(c.thumbprint()))).forEach(c -> certificate(sb, c));
        if (f.serviceHost() != null) {
            sb.append(" service=").append(f.serviceHost().name()).append('|').append(f.serviceHost().status()).append('|')
                    .append(f.serviceHost().startTime()).append('\n');
        }
        f.appPools().stream().sorted(Comparator.comparing(AppPoolFacts::name))
                .forEach(p -> sb.append(" pool=").append(p.name()).append('|').append(p.state()).append('|')
                        .append(p.startTime()).append('\n'));
        if (f.backendBinding() != null) {
            sb.append(" binding=").append(f.backendBinding().site()).append('|').append(f.backendBinding().port()).append('|')
                    .append(up(f.backendBinding().thumbprint())).append('\n');
        }
        sb.append(" hybrid=").append(f.hybrid()).append('\n');
        OrganizationServers servers = f.organizationServers();
        if (!servers.known()) {
            sb.append(" organization_servers=unknown\n");
        }
        servers.servers().stream()
                .map(s -> s.name() + '|' + s.fqdn() + '|' + s.site() + '|' + s.roles() + '|' + s.version() + '|'
                        + s.mailbox() + '|' + s.clientAccess() + '|' + s.edge())
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .forEach(line -> sb.append(" organization_server=").append(line).append('\n'));
    }

    private static void certificate(StringBuilder sb, CertificateFacts c) {
        sb.append(" cert=").append(up(c.thumbprint())).append('|').append(c.subject()).append('|').append(c.friendlyName())
                .append('|').append(c.notBefore()).append('|').append(c.notAfter()).append('|').append(c.hasPrivateKey())
                .append('|').append(c.services() == null ? null : c.services().stream().sorted().toList()).append('\n');
    }

    private static String up(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }
}
