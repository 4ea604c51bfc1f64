package io.authcert.lab.exchange;

import io.authcert.lab.SimulatedHost.HttpAnswer;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * The simulated Exchange organisation: one Auth configuration in Active Directory that servers read
 * back after replication, each server's certificate store, services and app pools, and the AuthAdmin
 * servicelet that runs in MSExchangeServiceHost when it starts and every 12 hours after (it publishes
 * a due next certificate, logging event 2014, and deploys the Auth certificates to servers that lack
 * them). Time is the {@link SimClock}; whatever the servicelets would have done up to "now" is caught
 * up lazily on each access ({@link #sync()}), so moving the clock forward by days costs nothing until
 * someone looks. All state changes happen under this object's lock.
 */
public final class Organisation {

    /** How often the AuthAdmin servicelet runs after the service host started. */
    public static final Duration SERVICELET_PERIOD = Duration.ofHours(12);


    /** The event the AuthAdmin servicelet logs when it makes the next certificate current (Microsoft Learn, "Maintain the OAuth certificate"). */
    public static final String AUTH_ADMIN_SOURCE = "MSExchange AuthAdmin";
    public static final int CERTIFICATE_PUBLISHED_EVENT = 2014;

    private record Due(Instant at, ExchangeServer server) {
    }

    private final String name;
    private final String domain;
    private final SimClock clock;
    private final Directory directory;
    private final HybridConfiguration hybrid;
    private final Map<String, ExchangeServer> servers = new LinkedHashMap<>();
    private final PriorityQueue<Due> servicelets = new PriorityQueue<>(Comparator.comparing(Due::at));
    private int nextPid = 1000;
    private final FaultMoments faultMoments = new FaultMoments();
    private final List<String> clearedWhileLacking = new ArrayList<>();

    public Organisation(String name, String domain, SimClock clock, AuthConfig initial, HybridConfiguration hybrid) {
        this.name = name;
        this.domain = domain;
        this.clock = clock;
        this.directory = new Directory(initial, clock.instant());
        this.hybrid = hybrid;
    }

    public String name() {
        return name;
    }

    public String domain() {
        return domain;
    }

    public SimClock clock() {
        return clock;
    }

    public Optional<HybridConfiguration> hybrid() {
        return Optional.ofNullable(hybrid);
    }

    /**
     * Adds a server whose service host started at {@code serviceHostStarted} (its servicelet ran then
     * and at every 12-hour mark since, and next runs at the first mark after now) and whose app pools
     * started at {@code appPoolsStarted} (they cache the Auth certificate the server saw then, from the
     * certificates already in its store).
     */
    public synchronized ExchangeServer addServer(String serverName, AdSite site, List<String> roles, String version,
            boolean edge, ZoneId zone, List<ExchangeCertificate> certificates, String backEndThumbprint,
            Instant serviceHostStarted, Instant appPoolsStarted) {
        ExchangeServer s = new ExchangeServer(serverName, serverName + "." + domain, site, roles, version, edge, zone);
        for (ExchangeCertificate c : certificates) {
            s.store.put(c.thumbprint(), c);
        }
        for (String service : List.of(ExchangeServer.SERVICE_HOST, "MSExchangeTransport", "MSExchangeIS", "W3SVC")) {
            if (edge && (service.equals("MSExchangeIS") || service.equals("W3SVC"))) {
                continue;
            }
            ExchangeServer.ServiceState state = new ExchangeServer.ServiceState(service, displayName(service));
            state.pid = newProcess(s, service.equals(ExchangeServer.SERVICE_HOST) ? serviceHostStarted : appPoolsStarted);
            s.services.put(service.toLowerCase(Locale.ROOT), state);
        }
        if (!edge) {
            for (String pool : List.of("MSExchangeOWAAppPool", "MSExchangeECPAppPool", "MSExchangeServicesAppPool",
                    "MSExchangeAutodiscoverAppPool")) {
                ExchangeServer.AppPoolState state = new ExchangeServer.AppPoolState(pool);
                state.pid = newProcess(s, appPoolsStarted);
                if (ExchangeServer.AUTH_APP_POOLS.contains(pool)) {
                    state.cachedAuthCertificate = authCertificateFor(s, appPoolsStarted);
                }
                s.appPools.put(pool.toLowerCase(Locale.ROOT), state);
            }
            s.backEndThumbprint = backEndThumbprint;
            Instant now = clock.instant();
            Instant next = serviceHostStarted.plus(SERVICELET_PERIOD);
            while (!next.isAfter(now)) {
                next = next.plus(SERVICELET_PERIOD);
            }
            s.lastServiceletRun = serviceHostStarted.isAfter(now) ? null : next.minus(SERVICELET_PERIOD);
            s.nextServiceletRun = next;
            servicelets.add(new Due(next, s));
        }
        servers.put(serverName.toLowerCase(Locale.ROOT), s);
        return s;
    }

    public synchronized List<ExchangeServer> servers() {
        return List.copyOf(servers.values());
    }

    /** The server by short name or FQDN, case-insensitive. */
    public synchronized Optional<ExchangeServer> server(String identity) {
        String key = identity.toLowerCase(Locale.ROOT);
        ExchangeServer s = servers.get(key);
        if (s == null) {
            s = servers.values().stream().filter(x -> x.fqdn().equalsIgnoreCase(identity)).findFirst().orElse(null);
        }
        return Optional.ofNullable(s);
    }

    /** Runs every servicelet that was due between the last look and now, in time order. */
    public synchronized void sync() {
        Instant now = clock.instant();
        while (!servicelets.isEmpty() && !servicelets.peek().at().isAfter(now)) {
            Due due = servicelets.poll();
            if (!due.at().equals(due.server().nextServiceletRun)) {
                continue; // superseded by a service restart
            }
            runAuthAdmin(due.server(), due.at());
            Instant next = due.at().plus(SERVICELET_PERIOD);
            due.server().nextServiceletRun = next;
            servicelets.add(new Due(next, due.server()));
        }
    }

    // ---- Active Directory -------------------------------------------------------------------

    /** The Auth configuration as {@code reader} sees it now (after replication to its site). */
    public synchronized AuthConfig authConfigSeenBy(ExchangeServer reader) {
        sync();
        return authConfigSeenBy(reader, clock.instant());
    }

    private AuthConfig authConfigSeenBy(ExchangeServer reader, Instant at) {
        return directory.read(reader.name(), at, reader.site().replicationDelay(), reader.faults().replicationStalledSince());
    }

    /** The newest Auth configuration written anywhere. */
    public synchronized AuthConfig authConfigInDirectory() {
        sync();
        return directory.latest();
    }

    /**
     * A scenario's history: {@code config} became the Auth configuration everywhere at {@code at}, published
     * by {@code publisher}'s servicelet (which logged event 2014 then). Servers added afterwards whose
     * pools started earlier cached the certificate that was current before.
     */
    public synchronized void publishedEarlier(AuthConfig config, Instant at) {
        directory.write(config, at, null);
    }

    /** Logs the servicelet's event 2014 on {@code publisher} at {@code at}, for a publish of the scenario's history. */
    public synchronized void logPublishEvent(ExchangeServer publisher, Instant at, String thumbprint) {
        logPublished(publisher, at, thumbprint);
    }

    /** Writes the Auth configuration through {@code writer}'s domain controller. */
    public synchronized void writeAuthConfig(ExchangeServer writer, AuthConfig config) {
        sync();
        AuthConfig before = directory.latest();
        if (before.previousThumbprint() != null && config.previousThumbprint() == null) {
            witnessClear(config.currentThumbprint());
        }
        directory.write(config, clock.instant(), writer.name());
    }

    /** Notes every server that lacks the current certificate when the previous one is cleared. */
    private void witnessClear(String current) {
        for (ExchangeServer s : servers.values()) {
            if (!s.isEdge() && (current == null || certificateOn(s, current).isEmpty())) {
                clearedWhileLacking.add(clock.instant() + ": previous certificate cleared while " + s.name()
                        + " lacks the current one (" + current + ")");
            }
        }
    }

    /**
     * A witness for tests: each time the previous certificate was cleared while a server of the organisation
     * did not hold the current one (the rule every rotation must keep: that server's sign-ins would then fail).
     */
    public synchronized List<String> clearedWhileLacking() {
        return List.copyOf(clearedWhileLacking);
    }

    /** The fault moments armed for this organisation's commands. */
    public FaultMoments faultMoments() {
        return faultMoments;
    }

    // ---- certificate stores ---------------------------------------------------------------------

    public synchronized List<ExchangeCertificate> certificatesOn(ExchangeServer server) {
        sync();
        return server.certificates();
    }

    public synchronized Optional<ExchangeCertificate> certificateOn(ExchangeServer server, String thumbprint) {
        sync();
        return server.certificate(thumbprint);
    }

    /** Adds or replaces a certificate in a server's store. */
    public synchronized void putCertificate(ExchangeServer server, ExchangeCertificate certificate) {
        sync();
        server.store.put(certificate.thumbprint(), certificate);
    }

    /** The server's internal transport (default SMTP) certificate's thumbprint, or null when none is set. */
    public synchronized String internalTransportCertificate(ExchangeServer server) {
        return server.internalTransportThumbprint;
    }

    public synchronized void setInternalTransportCertificate(ExchangeServer server, String thumbprint) {
        server.internalTransportThumbprint = thumbprint == null ? null : thumbprint.toUpperCase(Locale.ROOT);
    }

    public synchronized boolean removeCertificate(ExchangeServer server, String thumbprint) {
        sync();
        return server.store.remove(thumbprint.toUpperCase(Locale.ROOT)) != null;
    }

    // ---- the servicelet as Exchange's diagnostics and event log show it ---------------------------

    /** When the AuthAdmin servicelet last ran on {@code server}; empty on Edge servers or before its first run. */
    public synchronized Optional<Instant> lastServiceletRun(ExchangeServer server) {
        sync();
        return Optional.ofNullable(server.lastServiceletRun);
    }

    /** The server's Application event log, newest first. */
    public synchronized List<ExchangeServer.EventLogEntry> applicationLog(ExchangeServer server) {
        sync();
        List<ExchangeServer.EventLogEntry> newestFirst = new ArrayList<>(server.applicationLog);
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

    // ---- services, processes, app pools, bindings ------------------------------------------------

    public synchronized List<ExchangeServer.ServiceView> services(ExchangeServer server) {
        sync();
        return server.services.values().stream().map(s -> serviceView(server, s)).toList();
    }

    public synchronized Optional<ExchangeServer.ServiceView> service(ExchangeServer server, String serviceName) {
        sync();
        ExchangeServer.ServiceState s = server.services.get(serviceName.toLowerCase(Locale.ROOT));
        return s == null ? Optional.empty() : Optional.of(serviceView(server, s));
    }

    /** Restarts a service; restarting MSExchangeServiceHost runs the AuthAdmin servicelet at once. */
    public synchronized void restartService(ExchangeServer server, String serviceName) {
        sync();
        ExchangeServer.ServiceState s = server.services.get(serviceName.toLowerCase(Locale.ROOT));
        if (s == null) {
            throw new IllegalArgumentException("no service " + serviceName);
        }
        Instant now = clock.instant();
        s.pid = replaceProcess(server, s.pid, now);
        s.status = "Running";
        if (s.name.equals(ExchangeServer.SERVICE_HOST) && !server.isEdge()) {
            runAuthAdmin(server, now);
            server.nextServiceletRun = now.plus(SERVICELET_PERIOD);
            servicelets.add(new Due(server.nextServiceletRun, server));
        }
    }

    /** When the process started, or empty when no such process runs. */
    public synchronized Optional<Instant> processStart(ExchangeServer server, int pid) {
        return Optional.ofNullable(server.processes.get(pid));
    }

    public synchronized List<ExchangeServer.AppPoolView> appPools(ExchangeServer server) {
        sync();
        return server.appPools.values().stream().map(p -> poolView(server, p)).toList();
    }

    public synchronized Optional<ExchangeServer.AppPoolView> appPool(ExchangeServer server, String pool) {
        sync();
        ExchangeServer.AppPoolState p = server.appPools.get(pool.toLowerCase(Locale.ROOT));
        return p == null ? Optional.empty() : Optional.of(poolView(server, p));
    }

    /** Recycles an app pool: a new worker process, which caches the Auth certificate it can find now. */
    public synchronized void restartAppPool(ExchangeServer server, String pool) {
        sync();
        ExchangeServer.AppPoolState p = server.appPools.get(pool.toLowerCase(Locale.ROOT));
        if (p == null) {
            throw new IllegalArgumentException("no app pool " + pool);
        }
        Instant now = clock.instant();
        p.pid = replaceProcess(server, p.pid, now);
        p.state = "Started";
        if (ExchangeServer.AUTH_APP_POOLS.stream().anyMatch(a -> a.equalsIgnoreCase(pool))) {
            p.cachedAuthCertificate = authCertificateFor(server, now);
        }
    }

    public synchronized Optional<ExchangeServer.BindingView> backEndBinding(ExchangeServer server) {
        if (server.isEdge()) {
            return Optional.empty();
        }
        return Optional.of(new ExchangeServer.BindingView(ExchangeServer.BACK_END_SITE, "https", ExchangeServer.BACK_END_PORT,
                "*:" + ExchangeServer.BACK_END_PORT + ":", server.backEndThumbprint));
    }

    public synchronized void bindBackEnd(ExchangeServer server, String thumbprint) {
        sync();
        server.backEndThumbprint = thumbprint == null ? null : thumbprint.toUpperCase(Locale.ROOT);
    }

    /**
     * Answers OWA's and ECP's health pages as component state does: 200 while the protocol's app pool
     * runs, whatever its Auth certificate (no source shows healthcheck.htm failing for it; it does not
     * go through forms-based sign-in), 503 while the pool is stopped.
     */
    public synchronized HttpAnswer health(ExchangeServer server, String path) {
        sync();
        String lower = path.toLowerCase(Locale.ROOT);
        ExchangeServer.AppPoolState p;
        if (lower.equals("/owa/healthcheck.htm")) {
            p = server.appPools.get("msexchangeowaapppool");
        } else if (lower.equals("/ecp/healthcheck.htm")) {
            p = server.appPools.get("msexchangeecpapppool");
        } else {
            return null;
        }
        if (p == null) {
            return null;
        }
        return "Started".equals(p.state) ? new HttpAnswer(200, "text/html", "200 OK<br/>" + server.fqdn())
                : FormsSignIn.unavailable();
    }

    /**
     * Answers OWA's forms-based sign-in ({@code POST /owa/auth.owa}): 500 with the ExAssert page, and
     * event 1003 in the Application log, when the OWA pool's cached Auth certificate is gone from the
     * store or no longer valid; else a redirect setting the cadata cookies (or back to the logon page
     * when the credentials were refused, which happens before any cookie is signed).
     */
    public synchronized HttpAnswer signIn(ExchangeServer server, String path, Map<String, String> form, boolean credentialsAccepted) {
        sync();
        if (!FormsSignIn.handles(path)) {
            return null;
        }
        ExchangeServer.AppPoolState p = server.appPools.get("msexchangeowaapppool");
        if (p == null || !"Started".equals(p.state)) {
            return FormsSignIn.unavailable();
        }
        if (!credentialsAccepted) {
            return FormsSignIn.refused();
        }
        if (!signsCookies(server, p)) {
            server.applicationLog.add(new ExchangeServer.EventLogEntry(clock.instant(), FormsSignIn.PROXY_SOURCE,
                    FormsSignIn.PROXY_ERROR_EVENT, "Error", FormsSignIn.proxyErrorMessage()));
            return FormsSignIn.exAssertPage();
        }
        return FormsSignIn.signedIn(form);
    }

    /**
     * The status OWA's sign-in with valid credentials would get now (503, 500 or 302), without signing in:
     * nothing is logged.
     */
    public synchronized int signInStatus(ExchangeServer server) {
        sync();
        ExchangeServer.AppPoolState p = server.appPools.get("msexchangeowaapppool");
        if (p == null || !"Started".equals(p.state)) {
            return 503;
        }
        return signsCookies(server, p) ? 302 : 500;
    }

    /** Whether both protocols' pools run and OWA's sign-in would sign its cookies now (nothing is logged). */
    public synchronized boolean healthy(ExchangeServer server) {
        HttpAnswer owa = health(server, "/owa/healthcheck.htm");
        HttpAnswer ecp = health(server, "/ecp/healthcheck.htm");
        return owa != null && ecp != null && owa.status() == 200 && ecp.status() == 200 && signInStatus(server) == 302;
    }

    /** The lab's rule for "HMACProvider has a certificate": the pool's cached one is in the store and valid now. */
    private boolean signsCookies(ExchangeServer server, ExchangeServer.AppPoolState p) {
        ExchangeCertificate cached = p == null ? null : p.cachedAuthCertificate;
        return cached != null && server.store.containsKey(cached.thumbprint()) && cached.isValidAt(clock.instant());
    }

    // ---- internals -----------------------------------------------------------------------------

    /**
     * The AuthAdmin servicelet on {@code server} at {@code at}: publishes the next certificate once its
     * effective date is reached (and logs event 2014), then deploys the current and next certificates
     * (with their keys) both ways: to every server that lacks one this server holds, in any AD site,
     * and to this server from a server that holds one it lacks. So restarting the Service Host on the
     * server that has the certificate, or on the one that lacks it, brings it over; a server whose
     * copies are stalled ({@link HostFaults#stallCertificateCopy}) gets nothing.
     */
    private void runAuthAdmin(ExchangeServer server, Instant at) {
        if (server.isEdge()) {
            return;
        }
        server.lastServiceletRun = at;
        AuthConfig seen = authConfigSeenBy(server, at);
        if (seen.nextThumbprint() != null && seen.nextEffectiveDate() != null && !at.isBefore(seen.nextEffectiveDate())
                && server.store.containsKey(seen.nextThumbprint())) {
            String published = seen.nextThumbprint();
            seen = seen.published();
            directory.write(seen, at, server.name());
            logPublished(server, at, published);
        }
        for (String thumbprint : new String[] {seen.currentThumbprint(), seen.nextThumbprint()}) {
            if (thumbprint == null) {
                continue;
            }
            ExchangeCertificate own = server.store.get(thumbprint);
            if (own != null && deployable(own)) {
                for (ExchangeServer other : servers.values()) {
                    if (other != server && !other.isEdge() && !other.store.containsKey(thumbprint)
                            && !other.faults().certificateCopyStalled()) {
                        other.store.put(thumbprint, own);
                    }
                }
            } else if (own == null && !server.faults().certificateCopyStalled()) {
                servers.values().stream()
                        .filter(other -> other != server && !other.isEdge())
                        .map(other -> other.store.get(thumbprint))
                        .filter(c -> c != null && deployable(c))
                        .findFirst()
                        .ifPresent(c -> server.store.put(thumbprint, c));
            }
        }
    }

    /**
     * The servicelet deploys a certificate with its private key, so only one whose key may be exported
     * (MEAC makes its certificates exportable and New-ExchangeCertificate is called with
     * -PrivateKeyExportable $true for this; an inference: the servicelet's own rule is not documented).
     */
    private static boolean deployable(ExchangeCertificate c) {
        return c.hasPrivateKey() && c.privateKeyExportable();
    }

    private static void logPublished(ExchangeServer server, Instant at, String thumbprint) {
        server.applicationLog.add(new ExchangeServer.EventLogEntry(at, AUTH_ADMIN_SOURCE, CERTIFICATE_PUBLISHED_EVENT,
                "Information", "The current signing certificate for Exchange has been updated to certificate with thumbprint "
                        + thumbprint + "."));
    }

    /** The Auth certificate a worker process starting at {@code at} on {@code server} would load, or null. */
    private ExchangeCertificate authCertificateFor(ExchangeServer server, Instant at) {
        String current = authConfigSeenBy(server, at).currentThumbprint();
        ExchangeCertificate certificate = current == null ? null : server.store.get(current);
        return certificate != null && certificate.hasPrivateKey() ? certificate : null;
    }

    private int newProcess(ExchangeServer server, Instant started) {
        nextPid += 4;
        server.processes.put(nextPid, started);
        return nextPid;
    }

    /** A restart: the old process ends and a new one starts at {@code started}; returns the new pid. */
    private int replaceProcess(ExchangeServer server, int oldPid, Instant started) {
        server.processes.remove(oldPid);
        return newProcess(server, started);
    }

    private ExchangeServer.ServiceView serviceView(ExchangeServer server, ExchangeServer.ServiceState s) {
        return new ExchangeServer.ServiceView(s.name, s.displayName, s.status, s.pid, server.processes.get(s.pid));
    }

    private ExchangeServer.AppPoolView poolView(ExchangeServer server, ExchangeServer.AppPoolState p) {
        return new ExchangeServer.AppPoolView(p.name, p.state, p.pid, server.processes.get(p.pid),
                p.cachedAuthCertificate == null ? null : p.cachedAuthCertificate.thumbprint());
    }

    private static String displayName(String service) {
        return switch (service) {
            case ExchangeServer.SERVICE_HOST -> "Microsoft Exchange Service Host";
            case "MSExchangeTransport" -> "Microsoft Exchange Transport";
            case "MSExchangeIS" -> "Microsoft Exchange Information Store";
            case "W3SVC" -> "World Wide Web Publishing Service";
            default -> service;
        };
    }

    /** All servers of one AD site. */
    public synchronized List<ExchangeServer> serversIn(String site) {
        List<ExchangeServer> out = new ArrayList<>();
        for (ExchangeServer s : servers.values()) {
            if (s.site().name().equalsIgnoreCase(site)) {
                out.add(s);
            }
        }
        return out;
    }
}
