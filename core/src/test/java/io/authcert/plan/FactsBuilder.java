package io.authcert.plan;

import io.authcert.facts.AppPoolFacts;
import io.authcert.facts.AuthAdminFacts;
import io.authcert.facts.AuthConfigFacts;
import io.authcert.facts.BindingFacts;
import io.authcert.facts.CertificateFacts;
import io.authcert.facts.Facts;
import io.authcert.facts.HostFacts;
import io.authcert.facts.OrganizationServer;
import io.authcert.facts.OrganizationServers;
import io.authcert.facts.ServerInfo;
import io.authcert.facts.ServiceFacts;
import io.authcert.playbook.modules.AuthCertificateSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds facts for planner tests: servers that start healthy-looking (Mailbox, clock in sync, services
 * and app pools started a day ago, an Exchange self-signed certificate for SMTP and the back end) and
 * then get the Auth-certificate state each case needs.
 */
public final class FactsBuilder {

    public static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    static final String AUTH_SUBJECT = "CN=Microsoft Exchange Server Auth Certificate";

    /** A deterministic 40-hex-digit thumbprint for a name. */
    public static String tp(String seed) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final class Host {
        String name;
        boolean reachable = true;
        boolean edge;
        boolean hybrid;
        List<String> roles = List.of("Mailbox");
        String organization = "contoso";
        String site = "Default-First-Site-Name";
        Instant clock = NOW;
        String current;
        String previous;
        String next;
        Instant nextDate;
        Map<String, CertificateFacts> certificates = new LinkedHashMap<>();
        Instant serviceStart = NOW.minus(Duration.ofDays(1));
        Instant poolStart = NOW.minus(Duration.ofDays(1));
        String binding;
        Instant serviceletRun;
        List<AuthAdminFacts.Publish> published;
        String serverListUnknown;
        String internalTransport;
        io.authcert.facts.OwaSignInErrors signInErrors = io.authcert.facts.OwaSignInErrors.UNKNOWN;
    }

    private final Map<String, Host> hosts = new LinkedHashMap<>();
    /** Servers of the organisations that are not hosts of the plan: organisation -> servers. */
    private final Map<String, List<OrganizationServer>> others = new LinkedHashMap<>();

    public FactsBuilder hosts(String... names) {
        for (String n : names) {
            Host h = new Host();
            h.name = n;
            String exchange = tp("exchange-" + n);
            h.certificates.put(exchange, new CertificateFacts(exchange, "CN=" + n.toUpperCase(Locale.ROOT), "Microsoft Exchange",
                    NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(1400)), true, false, true,
                    List.of("IIS", "SMTP"), "Valid", 2048, List.of(n.toUpperCase(Locale.ROOT))));
            h.binding = exchange;
            h.internalTransport = exchange;
            hosts.put(n, h);
        }
        return this;
    }

    /** An Auth certificate valid from {@code notBefore} to {@code notAfter} in the store of the given hosts (all when none). */
    public FactsBuilder authCert(String thumbprint, Instant notBefore, Instant notAfter, String... on) {
        CertificateFacts c = new CertificateFacts(thumbprint, AUTH_SUBJECT, "Microsoft Exchange Server Auth Certificate",
                notBefore, notAfter, true, true, true, List.of("SMTP"), "Valid", 2048, List.of());
        for (Host h : select(on)) {
            h.certificates.put(thumbprint, c);
        }
        return this;
    }

    /** The AuthConfig as every server reads it. */
    public FactsBuilder auth(String current, String previous, String next, Instant nextDate) {
        for (Host h : hosts.values()) {
            h.current = current;
            h.previous = previous;
            h.next = next;
            h.nextDate = nextDate;
        }
        return this;
    }

    /** The whole AuthConfig as the given servers read it (one organisation among several). */
    public FactsBuilder authOn(String current, String previous, String next, Instant nextDate, String... on) {
        for (Host h : select(on)) {
            h.current = current;
            h.previous = previous;
            h.next = next;
            h.nextDate = nextDate;
        }
        return this;
    }

    /** The AuthConfig as one server reads it (AD replication lag). */
    public FactsBuilder authOn(String host, String current) {
        hosts.get(host).current = current;
        return this;
    }

    public FactsBuilder poolsStarted(String host, Instant at) {
        hosts.get(host).poolStart = at;
        return this;
    }

    public FactsBuilder serviceStarted(String host, Instant at) {
        hosts.get(host).serviceStart = at;
        return this;
    }

    /** The AuthAdmin servicelet last ran at {@code at} on the given hosts (all when none). */
    public FactsBuilder serviceletRan(Instant at, String... on) {
        for (Host h : select(on)) {
            h.serviceletRun = at;
        }
        return this;
    }

    /** The given hosts' Application logs were read; each holds event 2014 for every {@code thumbprint, at} pair given. */
    public FactsBuilder published(String thumbprint, Instant at, String... on) {
        for (Host h : select(on)) {
            h.published = h.published == null ? new ArrayList<>() : h.published;
            if (thumbprint != null) {
                h.published.add(new AuthAdminFacts.Publish(thumbprint, at));
            }
        }
        return this;
    }

    public FactsBuilder unreachable(String host) {
        hosts.get(host).reachable = false;
        return this;
    }

    public FactsBuilder edge(String host) {
        Host h = hosts.get(host);
        h.edge = true;
        h.roles = List.of("Edge");
        return this;
    }

    public FactsBuilder site(String site, String... on) {
        for (Host h : select(on)) {
            h.site = site;
        }
        return this;
    }

    public FactsBuilder hybrid(String host) {
        hosts.get(host).hybrid = true;
        return this;
    }

    public FactsBuilder clock(String host, Instant clock) {
        hosts.get(host).clock = clock;
        return this;
    }

    public FactsBuilder organization(String org, String... on) {
        for (Host h : select(on)) {
            h.organization = org;
        }
        return this;
    }

    public FactsBuilder bind(String host, String thumbprint) {
        hosts.get(host).binding = thumbprint;
        return this;
    }

    public FactsBuilder certificate(String host, CertificateFacts c) {
        hosts.get(host).certificates.put(c.thumbprint(), c);
        return this;
    }

    /**
     * A Mailbox server of Exchange 2019 in organisation "contoso" that Get-ExchangeServer lists but that
     * is not a host of the plan (not in the inventory).
     */
    public FactsBuilder outside(String... names) {
        return outsideIn("contoso", names);
    }

    /** Mailbox servers of Exchange 2019 in {@code organization} that are not hosts of the plan. */
    public FactsBuilder outsideIn(String organization, String... names) {
        for (String n : names) {
            orgServer(organization, new OrganizationServer(n.toUpperCase(Locale.ROOT), n + ".contoso.test",
                    "contoso.test/Configuration/Sites/Default-First-Site-Name", List.of("Mailbox"), "Version 15.2 (Build 1544.4)",
                    true, true, false));
        }
        return this;
    }

    /** Any server listed by Get-ExchangeServer in {@code organization} besides the hosts (Edge, Exchange 2010, ...). */
    public FactsBuilder orgServer(String organization, OrganizationServer server) {
        others.computeIfAbsent(organization, k -> new ArrayList<>()).add(server);
        return this;
    }

    /** The Application log of this host holds {@code count} OWA sign-in failures in the last day, the newest at {@code newest}. */
    public FactsBuilder signInErrors(String host, int count, Instant newest) {
        hosts.get(host).signInErrors = new io.authcert.facts.OwaSignInErrors(NOW.minus(Duration.ofDays(1)), count, newest);
        return this;
    }

    /** Get-ExchangeServer failed on this host: its list of the organisation's servers is unknown. */
    public FactsBuilder serverListUnknown(String host, String why) {
        hosts.get(host).serverListUnknown = why;
        return this;
    }

    public List<String> names() {
        return List.copyOf(hosts.keySet());
    }

    private List<Host> select(String... on) {
        if (on.length == 0) {
            return List.copyOf(hosts.values());
        }
        List<Host> out = new ArrayList<>();
        for (String n : on) {
            out.add(hosts.get(n));
        }
        return out;
    }

    /** The hosts' internal transport (default SMTP) certificate as Get-TransportService names it; null: unknown. */
    public FactsBuilder internalTransport(String thumbprint, String... on) {
        for (Host h : select(on)) {
            h.internalTransport = thumbprint;
        }
        return this;
    }

    public Facts build() {
        Map<String, HostFacts> out = new LinkedHashMap<>();
        for (Host h : hosts.values()) {
            if (!h.reachable) {
                out.put(h.name, HostFacts.failed(h.name, NOW, "connection refused (" + h.name + ":5985)"));
                continue;
            }
            ServerInfo server = new ServerInfo(h.name.toUpperCase(Locale.ROOT), h.name + ".contoso.test", "15.2.1544.4",
                    h.roles, h.site, h.edge, h.organization, h.clock);
            AuthConfigFacts auth = h.edge ? null : new AuthConfigFacts(h.current, h.previous, h.next, h.nextDate,
                    "00000002-0000-0ff1-ce00-000000000000", "", "CN=Auth Configuration,CN=" + h.organization
                            + ",CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=test");
            out.put(h.name, new HostFacts(h.name, NOW, server, auth, List.copyOf(h.certificates.values()),
                    h.edge ? null : new ServiceFacts("MSExchangeServiceHost", "Running", h.serviceStart),
                    h.edge ? List.of() : List.of(new AppPoolFacts("MSExchangeOWAAppPool", "Started", h.poolStart),
                            new AppPoolFacts("MSExchangeECPAppPool", "Started", h.poolStart)),
                    h.edge ? null : new BindingFacts("Exchange Back End", 444, h.binding), h.hybrid, List.of(),
                    new AuthAdminFacts(h.serviceletRun, h.published),
                    h.serverListUnknown != null ? OrganizationServers.unknown(h.serverListUnknown)
                            : OrganizationServers.known(listedBy(h)), h.signInErrors)
                    .withInternalTransportCertificate(h.internalTransport));
        }
        return new Facts(out);
    }

    /** What Get-ExchangeServer lists on {@code h}: every host of its organisation (reachable or not) and the others. */
    private List<OrganizationServer> listedBy(Host h) {
        List<OrganizationServer> listed = new ArrayList<>();
        for (Host o : hosts.values()) {
            if (o.organization.equals(h.organization)) {
                boolean mailbox = o.roles.stream().anyMatch(r -> r.equalsIgnoreCase("Mailbox"));
                listed.add(new OrganizationServer(o.name.toUpperCase(Locale.ROOT), o.name + ".contoso.test", o.site, o.roles,
                        "Version 15.2 (Build 1544.4)", mailbox, mailbox, o.edge));
            }
        }
        listed.addAll(others.getOrDefault(h.organization, List.of()));
        return listed;
    }

    PlanRequest request(AuthCertificateSpec spec) {
        return new PlanRequest("playbooks/auth-certificate.yml", names(), null, null, spec, null, null, null, build(),
                Map.of(), NOW);
    }

    /** The request for these hosts with servers outside them ignored on purpose ({@code --ignore-server}). */
    PlanRequest request(AuthCertificateSpec spec, String... ignored) {
        return request(spec).withIgnoredServers(List.of(ignored));
    }

    /** A healthy organisation: current certificate C on every server, three years left, nothing staged. */
    public static FactsBuilder healthy(String... names) {
        String c = tp("C");
        return new FactsBuilder().hosts(names)
                .authCert(c, NOW.minus(Duration.ofDays(400)), NOW.plus(Duration.ofDays(1000)))
                .auth(c, null, null, null);
    }

    /** Spec helpers: the defaults with one thing changed. */
    static AuthCertificateSpec spec() {
        return AuthCertificateSpec.defaults();
    }

    static AuthCertificateSpec spec(AuthCertificateSpec.Distribute distribute) {
        AuthCertificateSpec d = spec();
        return new AuthCertificateSpec(d.subject(), d.friendlyName(), d.keySize(), d.domainNames(), d.renewBeforeDays(),
                d.stageDays(), d.rotation(), distribute, d.replicationTimeout(), d.clearPrevious(), d.hybrid(), d.unreachable(),
                d.primary());
    }

    static AuthCertificateSpec spec(AuthCertificateSpec.Rotation rotation, AuthCertificateSpec.HybridPolicy hybrid,
            AuthCertificateSpec.UnreachablePolicy unreachable, String primary) {
        AuthCertificateSpec d = spec();
        return new AuthCertificateSpec(d.subject(), d.friendlyName(), d.keySize(), d.domainNames(), d.renewBeforeDays(),
                d.stageDays(), rotation, d.distribute(), d.replicationTimeout(), d.clearPrevious(), hybrid, unreachable, primary);
    }
}
