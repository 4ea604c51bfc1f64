package io.authcert.lab.exchange;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One simulated Exchange server's own state: identity, time zone, local certificate store, services,
 * IIS app pools, the Back End binding, its AuthAdmin servicelet's schedule and its Application event
 * log. Mutated only by {@link Organisation} under its lock.
 */
public final class ExchangeServer {

    /** The OWA and ECP pools, which cache the Auth certificate when their worker process starts. */
    public static final List<String> AUTH_APP_POOLS = List.of("MSExchangeOWAAppPool", "MSExchangeECPAppPool");
    public static final String SERVICE_HOST = "MSExchangeServiceHost";
    public static final String BACK_END_SITE = "Exchange Back End";
    public static final int BACK_END_PORT = 444;

    private final String name;
    private final String fqdn;
    private final AdSite site;
    private final List<String> roles;
    private final String version;
    private final boolean edge;
    private final ZoneId zone;
    private final HostFaults faults = new HostFaults();
    final Map<String, ExchangeCertificate> store = new LinkedHashMap<>();
    final Map<String, ServiceState> services = new LinkedHashMap<>();
    final Map<String, AppPoolState> appPools = new LinkedHashMap<>();
    final Map<Integer, Instant> processes = new LinkedHashMap<>();
    final List<EventLogEntry> applicationLog = new ArrayList<>();
    String backEndThumbprint;
    /** The default SMTP certificate (msExchServerInternalTLSCert; Get-TransportService's InternalTransportCertificateThumbprint). */
    String internalTransportThumbprint;
    Instant nextServiceletRun;
    Instant lastServiceletRun;

    ExchangeServer(String name, String fqdn, AdSite site, List<String> roles, String version, boolean edge, ZoneId zone) {
        this.name = name;
        this.fqdn = fqdn;
        this.site = site;
        this.roles = List.copyOf(roles);
        this.version = version;
        this.edge = edge;
        this.zone = zone;
    }

    public String name() {
        return name;
    }

    public String fqdn() {
        return fqdn;
    }

    public AdSite site() {
        return site;
    }

    public List<String> roles() {
        return roles;
    }

    /** AdminDisplayVersion as Exchange prints it ("Version 15.2 (Build 1544.4)"). */
    public String version() {
        return version;
    }

    public boolean isEdge() {
        return edge;
    }

    /** The server's local time zone: Get-Date and every DateTime an Exchange cmdlet returns are local to it. */
    public ZoneId zone() {
        return zone;
    }

    public HostFaults faults() {
        return faults;
    }

    /** A mutable service entry; {@code pid} 0 when stopped. */
    static final class ServiceState {
        final String name;
        final String displayName;
        String status = "Running";
        int pid;

        ServiceState(String name, String displayName) {
            this.name = name;
            this.displayName = displayName;
        }
    }

    /** A mutable app pool entry with the Auth certificate its worker process cached at start (or null). */
    static final class AppPoolState {
        final String name;
        String state = "Started";
        int pid;
        ExchangeCertificate cachedAuthCertificate;

        AppPoolState(String name) {
            this.name = name;
        }
    }

    /** A read-only view of a service. */
    public record ServiceView(String name, String displayName, String status, int processId, Instant startTime) {
    }

    /** A read-only view of an app pool and its worker process. */
    public record AppPoolView(String name, String state, int processId, Instant startTime, String cachedThumbprint) {
    }

    /** One entry of the server's Application event log (what Get-WinEvent reads). */
    public record EventLogEntry(Instant timeCreated, String providerName, int id, String level, String message) {
    }

    /** The Back End site's HTTPS binding. */
    public record BindingView(String site, String protocol, int port, String bindingInformation, String certificateHash) {
    }

    List<ExchangeCertificate> certificates() {
        return new ArrayList<>(store.values());
    }

    Optional<ExchangeCertificate> certificate(String thumbprint) {
        return thumbprint == null ? Optional.empty() : Optional.ofNullable(store.get(thumbprint.toUpperCase(java.util.Locale.ROOT)));
    }
}
