package io.authcert.plan;

import io.authcert.facts.AuthConfigFacts;
import io.authcert.facts.CertificateFacts;
import io.authcert.facts.HostFacts;
import io.authcert.facts.OrganizationServers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One Exchange organisation of the inventory: its in-scope servers in host order, the primary that
 * runs its organisation-wide steps, and its AuthConfig as the primary reads it (the one AD object).
 */
record Organisation(String name, HostFacts primary, List<HostFacts> hosts) {

    Organisation {
        hosts = List.copyOf(hosts);
    }

    AuthConfigFacts auth() {
        return primary.authConfig();
    }

    /**
     * The host whose list of the organisation's servers counts: the same AD data on every server, and the engine
     * asks only one server for it. The primary's list when it was read, else the first host's that was read; when
     * none was, the host that says why (a server not asked says nothing).
     */
    HostFacts lister() {
        return Stream.concat(Stream.of(primary), hosts.stream()).filter(h -> h.organizationServers().known()).findFirst()
                .or(() -> Stream.concat(Stream.of(primary), hosts.stream())
                        .filter(h -> !h.organizationServers().notAsked()).findFirst())
                .orElse(primary);
    }

    /** Every server of the organisation, or why that is unknown ({@link #lister()}). */
    OrganizationServers organizationServers() {
        return lister().organizationServers();
    }

    /** The Exchange server name of a host (what {@code -Server} takes). */
    static String serverName(HostFacts host) {
        return host.server().name() == null || host.server().name().isBlank() ? host.host() : host.server().name();
    }

    /** The certificate as some server holds it, the primary first. */
    Optional<CertificateFacts> certificate(String thumbprint) {
        if (thumbprint == null) {
            return Optional.empty();
        }
        Optional<CertificateFacts> onPrimary = primary.certificate(thumbprint);
        if (onPrimary.isPresent()) {
            return onPrimary;
        }
        return hosts.stream().map(h -> h.certificate(thumbprint)).flatMap(Optional::stream).findFirst();
    }

    /**
     * True when the host holds the certificate and nothing says its private key is missing: a key the
     * facts could not read (RawData only) is unknown, never absent, so it is no reason to replace or
     * distribute the certificate ({@link #keyUnknown} names the hosts where it matters).
     */
    static boolean holds(HostFacts host, String thumbprint) {
        return thumbprint != null && host.certificate(thumbprint).map(c -> !c.keyAbsent()).orElse(false);
    }

    /** The hosts that hold the certificate but whose facts do not say whether its private key is there. */
    List<HostFacts> keyUnknown(String thumbprint) {
        return hosts.stream().filter(h -> h.certificate(thumbprint).map(CertificateFacts::keyUnknown).orElse(false)).toList();
    }

    List<HostFacts> holders(String thumbprint) {
        List<HostFacts> out = new ArrayList<>();
        if (holds(primary, thumbprint)) {
            out.add(primary);
        }
        hosts.stream().filter(h -> h != primary && holds(h, thumbprint)).forEach(out::add);
        return out;
    }

    /** When some server's AuthAdmin servicelet made {@code thumbprint} current (the newest event 2014 naming it), if any says so. */
    Optional<java.time.Instant> publishedAt(String thumbprint) {
        return hosts.stream().map(h -> h.authAdmin().publishedAt(thumbprint)).flatMap(Optional::stream)
                .max(java.util.Comparator.naturalOrder());
    }

    List<HostFacts> lacking(String thumbprint) {
        return hosts.stream().filter(h -> !holds(h, thumbprint)).toList();
    }

    /** Hosts whose AuthConfig (after AD replication) names another current certificate than the primary's. */
    List<HostFacts> lagging(String currentThumbprint) {
        return hosts.stream()
                .filter(h -> !sameThumbprint(h.authConfig().currentThumbprint(), currentThumbprint))
                .toList();
    }

    static boolean sameThumbprint(String a, String b) {
        return a == null ? b == null : a.equalsIgnoreCase(b == null ? "" : b);
    }
}
