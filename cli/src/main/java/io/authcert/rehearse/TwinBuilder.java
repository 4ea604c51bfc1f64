package io.authcert.rehearse;

import io.authcert.facts.AppPoolFacts;
import io.authcert.facts.AuthConfigFacts;
import io.authcert.facts.CertificateFacts;
import io.authcert.facts.Facts;
import io.authcert.facts.HostFacts;
import io.authcert.facts.OrganizationServer;
import io.authcert.lab.exchange.AdSite;
import io.authcert.lab.exchange.AllowedServices;
import io.authcert.lab.exchange.AuthConfig;
import io.authcert.lab.exchange.CertificateMaker;
import io.authcert.lab.exchange.ExchangeCertificate;
import io.authcert.lab.exchange.ExchangeServer;
import io.authcert.lab.exchange.HybridConfiguration;
import io.authcert.lab.exchange.Organisation;
import io.authcert.lab.exchange.SimClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the lab's twin of the organisation the facts describe, on a frozen clock at the plan's time:
 * the same servers (names, roles, versions, Edge or not, AD sites), the same Auth configuration
 * (current, next with its effective date, previous, and when the current one was published), every
 * certificate on the servers that hold it with the same subject, validity and key (present, absent,
 * exportable), the Back End binding and default SMTP certificate, the Service Host's and the OWA pool's
 * start times (so the twin's OWA sign-in fails where the real one would) and hybrid.
 */
public final class TwinBuilder {

    /** The lab's default; the facts do not say how long AD replication takes. */
    static final Duration REPLICATION_DELAY = Duration.ofMinutes(15);
    static final String DEFAULT_SITE = "Default-First-Site-Name";
    private static final Pattern CN = Pattern.compile("CN=([^,]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern DC = Pattern.compile("DC=([^,]+)", Pattern.CASE_INSENSITIVE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Facts facts;
    private final Instant at;
    private final ThumbprintMap thumbprints = new ThumbprintMap();
    private final Map<String, ExchangeCertificate> made = new LinkedHashMap<>();
    private final Set<String> assumptions = new LinkedHashSet<>();

    private TwinBuilder(Facts facts, Instant at) {
        this.facts = facts;
        this.at = at.truncatedTo(ChronoUnit.SECONDS);
    }

    /** The twin of the organisation of {@code facts}, its clock frozen at {@code at} (the plan's time). */
    public static Twin build(Facts facts, Instant at) {
        return new TwinBuilder(facts, at).build();
    }

    private Twin build() {
        List<HostFacts> servers = facts.hosts().values().stream().filter(HostFacts::reachable).toList();
        facts.hosts().values().stream().filter(h -> !h.reachable()).forEach(h -> assumptions.add(h.host()
                + " could not be gathered: the twin does not have it"));
        if (servers.isEmpty()) {
            throw new RehearsalException("no host of the facts was gathered, so there is no organisation to copy");
        }
        Set<String> organisations = new LinkedHashSet<>();
        servers.forEach(h -> organisations.add(Objects.toString(h.server().organization(), "")));
        if (organisations.size() > 1) {
            throw new RehearsalException("the facts hold " + organisations.size() + " organisations; a twin copies one:"
                    + " rehearse each with --limit (its hosts)");
        }
        HostFacts primary = servers.stream().filter(h -> h.authConfig() != null && !h.server().edge()).findFirst()
                .orElseThrow(() -> new RehearsalException("no gathered host reads an Auth configuration (Edge servers only)"));
        String orgDn = primary.authConfig().distinguishedName() != null ? primary.authConfig().distinguishedName()
                : primary.server().organization();
        String domain = domain(orgDn, primary.server().fqdn());
        String orgName = organisationName(orgDn);

        SimClock clock = SimClock.frozen(at);
        AuthConfig configured = authConfig(primary.authConfig(), orgName, domain);
        Optional<Published> published = published(servers, primary.authConfig().currentThumbprint());
        AuthConfig initial = published.isEmpty() ? configured
                : new AuthConfig(configured.previousThumbprint(), null, null, null, configured.serviceName(),
                        configured.realm(), configured.distinguishedName());
        Organisation org = new Organisation(orgName, domain, clock, initial, hybrid(servers));
        published.ifPresent(p -> org.publishedEarlier(configured, p.at()));
        noteReplication(servers, primary);

        Map<String, AdSite> sites = new LinkedHashMap<>();
        Map<String, String> serverOfHost = new LinkedHashMap<>();
        for (HostFacts h : servers) {
            String name = h.server().name() == null || h.server().name().isBlank() ? h.host() : h.server().name();
            String twinName = name.toLowerCase(Locale.ROOT);
            AdSite site = sites.computeIfAbsent(siteName(h.server().adSite()), s -> new AdSite(s, REPLICATION_DELAY));
            ExchangeServer added = org.addServer(twinName, site, roles(h), version(h), h.server().edge(), ZoneOffset.UTC,
                    certificates(h), twinThumbprint(h.backendBinding() == null ? null : h.backendBinding().thumbprint()),
                    serviceHostStarted(h), poolsStarted(h));
            org.setInternalTransportCertificate(added, twinThumbprint(h.internalTransportCertificate()));
            if (h.certificates().stream().anyMatch(CertificateFacts::keyUnknown)) {
                // read back as the real one was, so the planner holds back on the twin what it held back for real
                added.faults().rawDataOnlyCertificates(true);
                assumptions.add(h.host() + "'s certificates were read from RawData alone: the twin's server answers so too");
            }
            serverOfHost.put(h.host(), twinName);
        }
        published.ifPresent(p -> org.server(serverOfHost.get(p.host()))
                .ifPresent(s -> org.logPublishEvent(s, p.at(), configured.currentThumbprint())));
        addOutsideServers(org, sites, servers, serverOfHost);
        assumptions.add("AD replication takes " + REPLICATION_DELAY.toMinutes() + " minutes in every site (the facts do not say"
                + " how long it takes)");
        return new Twin(org, serverOfHost, thumbprints, List.copyOf(assumptions));
    }

    private AuthConfig authConfig(AuthConfigFacts a, String orgName, String domain) {
        String dn = a.distinguishedName() != null ? a.distinguishedName() : AuthConfig.distinguishedNameFor(orgName, domain);
        return new AuthConfig(twinThumbprintOrStandIn(a.currentThumbprint()), twinThumbprintOrStandIn(a.previousThumbprint()),
                twinThumbprintOrStandIn(a.nextThumbprint()), a.nextEffectiveDate(),
                a.serviceName() == null ? AuthConfig.EXCHANGE_SERVICE_NAME : a.serviceName(),
                a.realm() == null ? "" : a.realm(), dn);
    }

    /** When the current certificate became current, from the newest event 2014 naming it on any server. */
    private record Published(String host, Instant at) {
    }

    private Optional<Published> published(List<HostFacts> servers, String current) {
        Published newest = null;
        for (HostFacts h : servers) {
            Optional<Instant> when = h.authAdmin().publishedAt(current);
            if (when.isPresent() && !when.get().isAfter(at) && (newest == null || when.get().isAfter(newest.at()))) {
                newest = new Published(h.host(), when.get());
            }
        }
        return Optional.ofNullable(newest);
    }

    private void noteReplication(List<HostFacts> servers, HostFacts primary) {
        for (HostFacts h : servers) {
            if (h.authConfig() != null && h != primary && !sameThumbprints(h.authConfig(), primary.authConfig())) {
                assumptions.add(h.host() + " read another Auth configuration than " + primary.host()
                        + " (AD replication on its way): on the twin every server reads " + primary.host() + "'s");
            }
        }
    }

    private static boolean sameThumbprints(AuthConfigFacts a, AuthConfigFacts b) {
        return Objects.equals(a.currentThumbprint(), b.currentThumbprint()) && Objects.equals(a.nextThumbprint(), b.nextThumbprint())
                && Objects.equals(a.previousThumbprint(), b.previousThumbprint())
                && Objects.equals(a.nextEffectiveDate(), b.nextEffectiveDate());
    }

    /**
     * Servers of the organisation that the facts list ({@code Get-ExchangeServer}) but did not gather are on
     * the twin too, so it lists them as the real one does and the plan made on the twin holds back for
     * them what the real plan holds back; what their stores hold is unknown, so they hold nothing.
     */
    private void addOutsideServers(Organisation org, Map<String, AdSite> sites, List<HostFacts> servers,
            Map<String, String> serverOfHost) {
        Map<String, OrganizationServer> outside = new LinkedHashMap<>();
        for (HostFacts h : servers) {
            for (OrganizationServer s : h.organizationServers().needingAuthCertificate()) {
                if (serverOfHost.values().stream().noneMatch(s::isNamed) && s.name() != null && !s.name().isBlank()) {
                    outside.putIfAbsent(s.name().toLowerCase(Locale.ROOT), s);
                }
            }
        }
        outside.forEach((twinName, s) -> {
            AdSite site = sites.computeIfAbsent(siteName(s.site()), n -> new AdSite(n, REPLICATION_DELAY));
            org.addServer(twinName, site, s.roles().isEmpty() ? List.of("Mailbox") : s.roles(),
                    s.version() == null ? "Version 15.2 (Build 1544.4)" : s.version(), false, ZoneOffset.UTC, List.of(), null,
                    at.minus(Duration.ofHours(6)), at.minus(Duration.ofHours(6)));
            assumptions.add(s.displayName() + " is a server of the organisation that was not gathered: on the twin it is"
                    + " listed and holds no certificate (the plan holds back for it what it held back)");
        });
    }

    /** The certificates of {@code h}'s store, each the twin of the real one with the same thumbprint everywhere. */
    private List<ExchangeCertificate> certificates(HostFacts h) {
        List<ExchangeCertificate> out = new ArrayList<>();
        for (CertificateFacts c : h.certificates()) {
            ExchangeCertificate twin = made.computeIfAbsent(c.thumbprint().toUpperCase(Locale.ROOT), k -> make(c));
            thumbprints.put(c.thumbprint(), twin.thumbprint());
            boolean exportable = !Boolean.FALSE.equals(c.privateKeyExportable());
            if (c.keyUnknown()) {
                assumptions.add(h.host() + ": whether " + c.thumbprint() + " has its private key is unknown; on the twin it has it");
            }
            if (c.privateKeyExportable() == null && !c.keyAbsent()) {
                assumptions.add(h.host() + ": whether the key of " + c.thumbprint() + " is exportable is unknown; on the twin it is");
            }
            out.add(new ExchangeCertificate(twin.x509(), c.keyAbsent() ? null : twin.privateKey(), !c.keyAbsent() && exportable,
                    c.friendlyName() == null ? "" : c.friendlyName(), services(c)));
        }
        return out;
    }

    private static ExchangeCertificate make(CertificateFacts c) {
        int keySize = c.keySize() == 1024 || c.keySize() == 4096 ? c.keySize() : 2048;
        return CertificateMaker.selfSigned(c.subject() == null || c.subject().isBlank() ? "CN=localhost" : c.subject(),
                c.friendlyName() == null ? "" : c.friendlyName(), c.domains(), c.notBefore().truncatedTo(ChronoUnit.SECONDS),
                c.notAfter().truncatedTo(ChronoUnit.SECONDS), keySize, true, services(c));
    }

    private static int services(CertificateFacts c) {
        return c.services() == null || c.services().isEmpty() ? AllowedServices.NONE : AllowedServices.parse(String.join(", ", c.services()));
    }

    /** The twin's thumbprint for a real one that some store holds; null for none. */
    private String twinThumbprint(String real) {
        if (real == null) {
            return null;
        }
        String twin = thumbprints.twinOf(real);
        if (twin == null) {
            assumptions.add(real + " is named but no gathered server holds it: the twin names a certificate it has nowhere");
            twin = standIn(real);
        }
        return twin;
    }

    /** As {@link #twinThumbprint}, for the Auth configuration, which may name a certificate before any store is read. */
    private String twinThumbprintOrStandIn(String real) {
        if (real == null) {
            return null;
        }
        for (HostFacts h : facts.hosts().values()) {
            Optional<CertificateFacts> c = h.certificate(real);
            if (c.isPresent()) {
                ExchangeCertificate twin = made.computeIfAbsent(real.toUpperCase(Locale.ROOT), k -> make(c.get()));
                thumbprints.put(real, twin.thumbprint());
                return twin.thumbprint();
            }
        }
        return twinThumbprint(real);
    }

    /** A thumbprint no twin certificate has, standing for a real certificate that is on no gathered server. */
    private String standIn(String real) {
        byte[] b = new byte[20];
        RANDOM.nextBytes(b);
        String twin = HexFormat.of().withUpperCase().formatHex(b);
        thumbprints.put(real, twin);
        return twin;
    }

    private List<String> roles(HostFacts h) {
        if (h.server().edge()) {
            return List.of("Edge");
        }
        return h.server().roles().isEmpty() ? List.of("Mailbox") : h.server().roles();
    }

    private static String version(HostFacts h) {
        return h.server().version() == null ? "Version 15.2 (Build 1544.4)" : h.server().version();
    }

    private Instant serviceHostStarted(HostFacts h) {
        if (h.serviceHost() != null && h.serviceHost().startTime() != null) {
            return h.serviceHost().startTime();
        }
        if (!h.server().edge()) {
            assumptions.add(h.host() + ": when MSExchangeServiceHost started is unknown; on the twin 6 hours before the plan");
        }
        return at.minus(Duration.ofHours(6));
    }

    /** The OWA pool's start: it decides what OWA's sign-in caches (the twin's pools share one start). */
    private Instant poolsStarted(HostFacts h) {
        Optional<Instant> owa = h.appPool("MSExchangeOWAAppPool").map(AppPoolFacts::startTime);
        Optional<Instant> ecp = h.appPool("MSExchangeECPAppPool").map(AppPoolFacts::startTime);
        if (owa.isPresent() && ecp.isPresent() && !owa.get().equals(ecp.get())) {
            assumptions.add(h.host() + ": the ECP pool started at another time than OWA's; on the twin both at OWA's ("
                    + owa.get() + ")");
        }
        if (owa.isPresent()) {
            return owa.get();
        }
        if (!h.server().edge()) {
            assumptions.add(h.host() + ": when the OWA pool started is unknown; on the twin at the Service Host's start");
        }
        return serviceHostStarted(h);
    }

    private static HybridConfiguration hybrid(List<HostFacts> servers) {
        return servers.stream().anyMatch(HostFacts::hybrid)
                ? new HybridConfiguration("Hybrid Configuration", List.of(), List.of(), "") : null;
    }

    /** {@code contoso.local/Configuration/Sites/Branch} is site {@code Branch}. */
    static String siteName(String adSite) {
        if (adSite == null || adSite.isBlank()) {
            return DEFAULT_SITE;
        }
        String s = adSite.endsWith("/") ? adSite.substring(0, adSite.length() - 1) : adSite;
        return s.substring(s.lastIndexOf('/') + 1);
    }

    /** The organisation container {@code CN=Contoso,CN=Microsoft Exchange,...} is organisation {@code Contoso}. */
    static String organisationName(String organizationDn) {
        if (organizationDn != null) {
            Matcher m = CN.matcher(organizationDn);
            List<String> names = new ArrayList<>();
            while (m.find()) {
                names.add(m.group(1));
            }
            names.remove("Auth Configuration");
            if (!names.isEmpty()) {
                return names.get(0);
            }
        }
        return "Organisation";
    }

    /** The DNS domain: the DCs of the Auth configuration's name, else the server's FQDN without its first label. */
    static String domain(String dn, String fqdn) {
        if (dn != null) {
            Matcher m = DC.matcher(dn);
            List<String> parts = new ArrayList<>();
            while (m.find()) {
                parts.add(m.group(1));
            }
            if (!parts.isEmpty()) {
                return String.join(".", parts).toLowerCase(Locale.ROOT);
            }
        }
        if (fqdn != null && fqdn.contains(".")) {
            return fqdn.substring(fqdn.indexOf('.') + 1).toLowerCase(Locale.ROOT);
        }
        return "contoso.local";
    }
}
