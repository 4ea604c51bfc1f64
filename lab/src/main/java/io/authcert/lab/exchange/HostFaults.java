package io.authcert.lab.exchange;

import io.authcert.lab.SimulatedHost;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The faults switched on for one simulated server, read on every request and changeable while the
 * lab runs (from the scenario, from tests, from the command line). Thread-safe.
 */
public final class HostFaults implements SimulatedHost.EndpointFaults {

    private volatile boolean unreachable;
    private volatile boolean rejectCredentials;
    private volatile Duration latency = Duration.ZERO;
    private volatile Instant replicationStalledSince;
    private volatile boolean certificateCopyStalled;
    private volatile boolean rawDataOnlyCertificates;
    private volatile Instant kerberosTicketsExpiredBefore;
    private final AtomicInteger responsesToLose = new AtomicInteger();
    private final Map<String, Boolean> fault500Cmdlets = new ConcurrentHashMap<>();
    private final Map<String, Boolean> loseResponseCmdlets = new ConcurrentHashMap<>();
    private final Map<String, String> failingCmdlets = new ConcurrentHashMap<>();

    @Override
    public boolean unreachable() {
        return unreachable;
    }

    @Override
    public boolean rejectCredentials() {
        return rejectCredentials;
    }

    public HostFaults unreachable(boolean on) {
        unreachable = on;
        return this;
    }

    public HostFaults rejectCredentials(boolean on) {
        rejectCredentials = on;
        return this;
    }

    /**
     * Kerberos tickets issued before {@code before} expire (null lifts the fault), as a service ticket's end
     * time passing mid-run: from now on every Kerberos context established before that moment is refused on
     * its next request (401 with the Negotiate and Kerberos challenges, as SSPI's SEC_E_CONTEXT_EXPIRED), and
     * every AP-REQ whose ticket's authtime is before it is refused as KRB_AP_ERR_TKT_EXPIRED, so that only a
     * ticket from a new logon at the KDC gets in. Wall-clock time, as the KDC's; authtime has whole seconds,
     * so a ticket issued in the same second as {@code before} still counts as fresh. NTLM is not affected.
     */
    public HostFaults expireKerberosTickets(Instant before) {
        kerberosTicketsExpiredBefore = before;
        return this;
    }

    /** {@link #expireKerberosTickets(Instant)} from this moment: every ticket issued until now has expired. */
    public HostFaults expireKerberosTickets() {
        return expireKerberosTickets(Instant.now());
    }

    @Override
    public Instant kerberosTicketsExpiredBefore() {
        return kerberosTicketsExpiredBefore;
    }

    /** Time added to every command (simulated WAN or a busy server); wall-clock time, not lab time. */
    public HostFaults latency(Duration perCommand) {
        latency = perCommand == null ? Duration.ZERO : perCommand;
        return this;
    }

    public Duration latency() {
        return latency;
    }

    /** The next {@code count} commands run, but their response never reaches the client (-1: every one). */
    public HostFaults loseResponses(int count) {
        responsesToLose.set(count);
        return this;
    }

    /** Whether the response of the command that just ran is to be lost; counts it down. */
    public boolean takeLostResponse() {
        while (true) {
            int left = responsesToLose.get();
            if (left == 0) {
                return false;
            }
            if (left < 0 || responsesToLose.compareAndSet(left, left - 1)) {
                return true;
            }
        }
    }

    /**
     * The first command that uses {@code cmdlet} runs, but its response never reaches the client; later
     * ones are answered normally. Unlike {@link #loseResponses}, it can hit a step deep in a run rather
     * than the first command (fact gathering).
     */
    public HostFaults loseResponseOn(String cmdlet) {
        loseResponseCmdlets.put(key(cmdlet), Boolean.TRUE);
        return this;
    }

    public java.util.Set<String> loseResponseCmdlets() {
        return java.util.Set.copyOf(loseResponseCmdlets.keySet());
    }

    /** Whether the response of a command using {@code cmdlet} is to be lost; true once per armed cmdlet. */
    public boolean takeLostResponseOn(String cmdlet) {
        return loseResponseCmdlets.remove(key(cmdlet)) != null;
    }

    /** What {@link #fault500On} takes to answer every command with a 500 fault. */
    public static final String EVERY_COMMAND = "all";

    /** A command that uses {@code cmdlet} ({@link #EVERY_COMMAND}: any command) is answered with a SOAP 500 fault instead of running. */
    public HostFaults fault500On(String cmdlet) {
        fault500Cmdlets.put(key(cmdlet), Boolean.TRUE);
        return this;
    }

    public boolean faults500On(String cmdlet) {
        return fault500Cmdlets.containsKey(key(cmdlet));
    }

    public java.util.Set<String> fault500Cmdlets() {
        return java.util.Set.copyOf(fault500Cmdlets.keySet());
    }

    /** {@code cmdlet} fails with {@code error} as its terminating error message. */
    public HostFaults failCmdlet(String cmdlet, String error) {
        failingCmdlets.put(key(cmdlet), error);
        return this;
    }

    public Optional<String> failureOf(String cmdlet) {
        return Optional.ofNullable(failingCmdlets.get(key(cmdlet)));
    }

    /** Replication of AD writes to this server stops from {@code since} on (null: replication works). */
    public HostFaults stallReplication(Instant since) {
        replicationStalledSince = since;
        return this;
    }

    public Instant replicationStalledSince() {
        return replicationStalledSince;
    }

    /**
     * The Service Host's certificate deployment never brings a certificate to this server (what
     * Microsoft's monitoring script calls "in rare cases the Exchange certificate servicelet will fail
     * to deploy the certificate"); export and import still work.
     */
    public HostFaults stallCertificateCopy(boolean on) {
        certificateCopyStalled = on;
        return this;
    }

    public boolean certificateCopyStalled() {
        return certificateCopyStalled;
    }

    /**
     * Get-ExchangeCertificate returns objects holding only RawData (and their ToString), as Exchange's
     * serialization data signing or a broken deserialization does (MEAC's Get-ExchangeServerCertificate
     * checks {@code $certs[0].Thumbprint} for this); the store itself is intact.
     */
    public HostFaults rawDataOnlyCertificates(boolean on) {
        rawDataOnlyCertificates = on;
        return this;
    }

    public boolean rawDataOnlyCertificates() {
        return rawDataOnlyCertificates;
    }

    /** Switches every fault off. */
    public HostFaults clear() {
        unreachable = false;
        rejectCredentials = false;
        latency = Duration.ZERO;
        replicationStalledSince = null;
        certificateCopyStalled = false;
        rawDataOnlyCertificates = false;
        kerberosTicketsExpiredBefore = null;
        responsesToLose.set(0);
        fault500Cmdlets.clear();
        loseResponseCmdlets.clear();
        failingCmdlets.clear();
        return this;
    }

    private static String key(String cmdlet) {
        return cmdlet.toLowerCase(Locale.ROOT);
    }
}
