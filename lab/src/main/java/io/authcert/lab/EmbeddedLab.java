package io.authcert.lab;

import io.authcert.lab.exchange.AuditLog;
import io.authcert.lab.exchange.ExchangeHost;
import io.authcert.lab.exchange.ExchangeServer;
import io.authcert.lab.exchange.HostFaults;
import io.authcert.lab.exchange.Organisation;
import io.authcert.lab.exchange.Scenario;
import io.authcert.lab.exchange.FaultMoment;
import io.authcert.lab.exchange.FaultMoments;
import io.authcert.lab.exchange.SimClock;
import io.authcert.lab.exchange.cmdlets.ExchangeCmdlets;
import io.authcert.lab.pwsh.CmdletRegistry;
import io.authcert.lab.wsman.WinRmConfig;
import io.authcert.lab.wsman.KerberosSettings;
import io.authcert.lab.wsman.LogonEvent;
import io.authcert.lab.wsman.WinRmPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole simulated Exchange organisation served over real WinRM on 127.0.0.1, in this JVM: the lab
 * behind {@code engine lab up}, {@code apply --lab} and every end-to-end test. Starts on free ports
 * by default (tests run in parallel) and writes an Ansible YAML inventory for its servers.
 *
 * <pre>{@code
 * try (EmbeddedLab lab = EmbeddedLab.start("expired", 3, EmbeddedLab.Options.defaults())) {
 *     Path inventory = lab.inventoryFile();
 *     lab.clock().advance(Duration.ofHours(12));
 *     lab.faults("ex02").latency(Duration.ofMillis(200));
 *     assertThat(lab.healthOf("ex01").signIn()).isEqualTo(500);
 * }
 * }</pre>
 */
public final class EmbeddedLab implements AutoCloseable {

    /**
     * How to start the lab.
     *
     * @param user          the account the inventory and the test clients log on with: {@code DOMAIN\\name} or
     *                      {@code name@domain} is a domain account of the scenario's domain (made or given this
     *                      password), a bare name a local Administrator of every server (the only kind Basic takes)
     * @param password      its password
     * @param portBase      server i (1-based) listens on portBase+i-1; 0 picks free ports
     * @param https         serve HTTPS with a lab CA (written beside the inventory)
     * @param speed         simulated seconds per real second (1 = real time; 0 = frozen until advanced)
     * @param now           the simulated start time; null for the real time
     * @param auditLog      also append the audit log as JSON lines to this file; null for memory only
     * @param inventoryFile where to write the inventory; null for a temporary file
     * @param winrm         every server's WinRM settings, overriding the scenario's; null for the scenario's
     * @param wireLog       log every HTTP message as it travels to this file; null for none
     * @param kerberos      how the servers accept Kerberos (keytab, realm, krb5.conf); null: Kerberos is refused
     * @param latency       how long every command on every server takes before it runs (added to a server's latency
     *                      fault; a fault file does not lift it); null or zero for none
     * @param replicationDelay every AD site's replication delay, overriding the scenario's; null for the scenario's
     * @param requestLog    append every HTTP request the servers answer to this file as JSON lines; null for none
     */
    public record Options(String user, String password, int portBase, boolean https, double speed, Instant now,
            Path auditLog, Path inventoryFile, WinRmPolicy winrm, Path wireLog, KerberosSettings kerberos,
            Duration latency, Duration replicationDelay, Path requestLog) {

        public Options(String user, String password, int portBase, boolean https, double speed, Instant now,
                       Path auditLog, Path inventoryFile) {
            this(user, password, portBase, https, speed, now, auditLog, inventoryFile, null, null, null, null, null,
                    null);
        }

        public Options withWinRm(WinRmPolicy policy) {
            return new Options(user, password, portBase, https, speed, now, auditLog, inventoryFile, policy, wireLog,
                    kerberos, latency, replicationDelay, requestLog);
        }

        /**
         * Every server opted in to Basic over plain HTTP (Auth/Basic, AllowUnencrypted), overriding the
         * scenario: for Basic-only clients (Overthere) and tests of the Basic path. Basic takes a local
         * account: pair it with {@code withCredentials(LOCAL_USER, ...)}.
         */
        public Options withBasicOverHttp() {
            return withWinRm(WinRmPolicy.all(WinRmConfig.basicOverHttp()));
        }

        public Options withWireLog(Path file) {
            return new Options(user, password, portBase, https, speed, now, auditLog, inventoryFile, winrm, file,
                    kerberos, latency, replicationDelay, requestLog);
        }

        /** Kerberos accepted with the servers' keys from {@code settings}' keytab (as each server's AD account). */
        public Options withKerberos(KerberosSettings settings) {
            return new Options(user, password, portBase, https, speed, now, auditLog, inventoryFile, winrm, wireLog,
                    settings, latency, replicationDelay, requestLog);
        }

        /** Every command on every server answered after {@code perCommand} (a network and server far away). */
        public Options withLatency(Duration perCommand) {
            return new Options(user, password, portBase, https, speed, now, auditLog, inventoryFile, winrm, wireLog,
                    kerberos, perCommand, replicationDelay, requestLog);
        }

        /** Every AD site replicates after {@code delay}, whatever the scenario says. */
        public Options withReplicationDelay(Duration delay) {
            return new Options(user, password, portBase, https, speed, now, auditLog, inventoryFile, winrm, wireLog,
                    kerberos, latency, delay, requestLog);
        }

        /** Every HTTP request the servers answer appended to {@code file} as a JSON line. */
        public Options withRequestLog(Path file) {
            return new Options(user, password, portBase, https, speed, now, auditLog, inventoryFile, winrm, wireLog,
                    kerberos, latency, replicationDelay, file);
        }

        /** The scenarios' domain administrator (Organization Management), as an Exchange administrator logs on. */
        public static final String DEFAULT_USER = "CONTOSO\\administrator";
        /** The scenarios' password of that account. */
        public static final String DEFAULT_PASSWORD = "Lab-Passw0rd!";
        /** A local Administrator of every server, for tests that opt in to Basic (which takes local accounts only). */
        public static final String LOCAL_USER = "labadmin";

        public static Options defaults() {
            return new Options(DEFAULT_USER, DEFAULT_PASSWORD, 0, false, 1.0, null, null, null);
        }

        public Options withCredentials(String newUser, String newPassword) {
            return new Options(newUser, newPassword, portBase, https, speed, now, auditLog, inventoryFile, winrm, wireLog,
                    kerberos, latency, replicationDelay, requestLog);
        }

        public Options withPortBase(int base) {
            return new Options(user, password, base, https, speed, now, auditLog, inventoryFile, winrm, wireLog,
                    kerberos, latency, replicationDelay, requestLog);
        }

        public Options withHttps(boolean on) {
            return new Options(user, password, portBase, on, speed, now, auditLog, inventoryFile, winrm, wireLog,
                    kerberos, latency, replicationDelay, requestLog);
        }

        public Options withSpeed(double newSpeed) {
            return new Options(user, password, portBase, https, newSpeed, now, auditLog, inventoryFile, winrm, wireLog,
                    kerberos, latency, replicationDelay, requestLog);
        }

        public Options withNow(Instant start) {
            return new Options(user, password, portBase, https, speed, start, auditLog, inventoryFile, winrm, wireLog,
                    kerberos, latency, replicationDelay, requestLog);
        }

        public Options withAuditLog(Path file) {
            return new Options(user, password, portBase, https, speed, now, file, inventoryFile, winrm, wireLog, kerberos, latency,
                    replicationDelay, requestLog);
        }

        public Options withInventoryFile(Path file) {
            return new Options(user, password, portBase, https, speed, now, auditLog, file, winrm, wireLog, kerberos, latency,
                    replicationDelay, requestLog);
        }
    }

    /**
     * One server right now: the OWA and ECP health page status codes, and the status OWA's forms-based
     * sign-in would get with valid credentials (302 signed in, 500 the ExAssert, 503 pool stopped).
     */
    public record Health(int owa, int ecp, int signIn) {
        /** Users can sign in: the health pages alone say nothing about the Auth certificate. */
        public boolean healthy() {
            return owa == 200 && ecp == 200 && signIn == 302;
        }
    }

    private final Scenario scenario;
    private final Organisation organisation;
    private final AuditLog audit;
    private final Map<String, ExchangeHost> hosts;
    private final Lab lab;
    private final Options options;
    private final Path inventoryFile;
    private final Path caFile;

    private EmbeddedLab(Scenario scenario, Organisation organisation, AuditLog audit, Map<String, ExchangeHost> hosts,
            Lab lab, Options options, Path inventoryFile, Path caFile) {
        this.scenario = scenario;
        this.organisation = organisation;
        this.audit = audit;
        this.hosts = hosts;
        this.lab = lab;
        this.options = options;
        this.inventoryFile = inventoryFile;
        this.caFile = caFile;
    }

    /** Builds scenario {@code scenario} (a shipped name or a YAML path) with {@code servers} servers and serves it. */
    public static EmbeddedLab start(String scenario, int servers, Options options) throws IOException {
        Scenario loaded = Scenario.load(scenario);
        if (options.replicationDelay() != null) {
            loaded = loaded.withReplicationDelay(options.replicationDelay());
        }
        SimClock clock = new SimClock(options.now() == null ? Instant.now() : options.now(), options.speed());
        return serve(loaded, loaded.build(servers, clock), options);
    }

    /**
     * Serves an organisation built elsewhere (a rehearsal's twin of a real one), with the accounts and
     * WinRM settings of {@code scenario}; {@code options.now()} and {@code speed()} are ignored: the
     * organisation's own clock rules.
     */
    public static EmbeddedLab serve(Scenario scenario, Organisation org, Options options) throws IOException {
        Scenario loaded = scenario;
        AuditLog audit = options.auditLog() == null ? new AuditLog() : new AuditLog(options.auditLog());
        io.authcert.lab.wsman.LabAccounts accounts = loaded.accounts().withAccount(options.user(), options.password());
        audit.redacting(accounts.passwords());
        CmdletRegistry registry = ExchangeCmdlets.registryFor(org, accounts);
        Map<String, ExchangeHost> hosts = new LinkedHashMap<>();
        for (ExchangeServer s : org.servers()) {
            ExchangeHost host = new ExchangeHost(org, s, registry, audit);
            if (options.latency() != null) {
                host.commandLatency(options.latency());
            }
            hosts.put(s.name(), host);
        }
        Lab lab;
        try {
            lab = Lab.start(new ArrayList<>(hosts.values()),
                    new Lab.Options(options.portBase(), options.user(), options.password(), options.https(),
                            options.winrm() != null ? options.winrm() : loaded.winrm(), loaded.accounts(),
                            options.wireLog()).withKerberos(options.kerberos()).withRequestLog(options.requestLog()));
        } catch (IOException | RuntimeException e) {
            audit.close();
            throw e;
        }
        try {
            Path inventory = options.inventoryFile() != null ? options.inventoryFile()
                    : Files.createTempFile("authcert-lab-" + loaded.name() + "-", ".yml");
            Path ca = null;
            if (options.https()) {
                ca = inventory.resolveSibling(inventory.getFileName().toString().replaceFirst("\\.ya?ml$", "") + "-ca.pem");
                lab.writeCaPem(ca);
            }
            String text = LabInventory.render(loaded, lab.endpoints(), org, options.user(), options.password(), ca);
            if (inventory.getParent() != null) {
                Files.createDirectories(inventory.getParent());
            }
            Files.writeString(inventory, text, StandardCharsets.UTF_8);
            return new EmbeddedLab(loaded, org, audit, hosts, lab, options, inventory, ca);
        } catch (IOException | RuntimeException e) {
            lab.close();
            audit.close();
            throw e;
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    public Organisation organisation() {
        return organisation;
    }

    /** The Ansible YAML inventory of the lab's servers. */
    public Path inventoryFile() {
        return inventoryFile;
    }

    /** The lab CA's PEM file (beside the inventory) when serving HTTPS. */
    public java.util.Optional<Path> caFile() {
        return java.util.Optional.ofNullable(caFile);
    }

    public AuditLog audit() {
        return audit;
    }

    public SimClock clock() {
        return organisation.clock();
    }

    /** The server names, ex01..exNN. */
    public List<String> hosts() {
        return List.copyOf(hosts.keySet());
    }

    public ExchangeHost host(String name) {
        ExchangeHost h = hosts.get(name);
        if (h == null) {
            throw new IllegalArgumentException("no simulated server named " + name + "; the lab has " + hosts.keySet());
        }
        return h;
    }

    /** The faults of one server; switch them while the lab runs. */
    public HostFaults faults(String host) {
        return host(host).faults();
    }

    /** The fault moments armed for this lab's commands (see {@link FaultMoment}). */
    public FaultMoments moments() {
        return organisation.faultMoments();
    }

    /** Lifts every fault: each server's, and the moments not yet reached. */
    public void clearFaults() {
        organisation.faultMoments().disarm();
        hosts.values().forEach(h -> h.faults().clear());
    }

    public Health healthOf(String host) {
        ExchangeHost h = host(host);
        SimulatedHost.HttpAnswer owa = h.health("/owa/healthcheck.htm");
        SimulatedHost.HttpAnswer ecp = h.health("/ecp/healthcheck.htm");
        int signIn = h.server().isEdge() ? 404 : organisation.signInStatus(h.server());
        return new Health(owa == null ? 404 : owa.status(), ecp == null ? 404 : ecp.status(), signIn);
    }

    /** Every server's WinRM endpoint, ex01 first. */
    public List<Lab.Endpoint> endpointsInOrder() {
        return lab.endpoints();
    }

    public Lab.Endpoint endpoint(String host) {
        return lab.endpoint(host);
    }

    public int port(String host) {
        return lab.port(host);
    }

    public String user() {
        return options.user();
    }

    public String password() {
        return options.password();
    }

    /** The latest logon attempts (NTLM, Kerberos) on a server, oldest first: who logged on, or why not. */
    public List<LogonEvent> logons(String host) {
        return lab.logons(host);
    }

    /** OWA's forms-based sign-in of a server, as a URL a client can POST the logon form to. */
    public String owaSignInUrl(String host) {
        return owaHealthUrl(host).replace("/owa/healthcheck.htm", "/owa/auth.owa");
    }

    /** The OWA health page of a server, as a URL a client can GET. */
    public String owaHealthUrl(String host) {
        Lab.Endpoint e = endpoint(host);
        return (e.https() ? "https" : "http") + "://127.0.0.1:" + e.port() + "/owa/healthcheck.htm";
    }

    @Override
    public void close() {
        lab.close();
        audit.close();
    }
}
