package io.authcert.transport.winrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.exchange.FaultMoment;
import io.authcert.lab.wsman.KerberosSettings;
import io.authcert.lab.wsman.LogonEvent;
import io.authcert.lab.wsman.WinRmConfig;
import io.authcert.lab.wsman.WinRmPolicy;
import io.authcert.testing.Kdc;
import io.authcert.testing.KdcExtension;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import io.authcert.transport.CommandResult;
import io.authcert.transport.Target;
import io.authcert.transport.TransportException;
import io.authcert.vault.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kerberos ticket that expires mid-run, through the engine's transport against the lab's strict server
 * ({@code HostFaults.expireKerberosTickets}) with the tests' real KDC: the kept, sealed connection is refused,
 * and the engine logs on again once (managed) and goes on, sending again only what the server refused
 * unprocessed; with the user's own ticket cache it stops with what to run.
 */
@Requires(RequiredTool.KRB5_KDC)
@ExtendWith(KdcExtension.class)
class WinRmTransportKerberosExpiryIT {

    private static final String SCRIPT = io.authcert.lab.testing.LabScripts.EXCHANGE
            + "(Get-AuthConfig).CurrentCertificateThumbprint\n";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;
    private Kdc kdc;
    private EmbeddedLab lab;

    @BeforeEach
    void start(Kdc theKdc) throws Exception {
        kdc = theKdc;
        KerberosSettings keys = new KerberosSettings(kdc.serviceKeytab(Kdc.LAB_HOSTS), null, kdc.krb5Conf());
        lab = EmbeddedLab.start("healthy", 1, EmbeddedLab.Options.defaults().withKerberos(keys)
                .withWinRm(WinRmPolicy.all(WinRmConfig.windowsDefaults())).withInventoryFile(tmp.resolve("inv.yml")));
    }

    @AfterEach
    void stop() {
        lab.close();
    }

    private Target target(Map<String, Object> more) {
        Map<String, Object> v = new HashMap<>(Map.of("ansible_host", "127.0.0.1", "ansible_port", lab.port("ex01"),
                "ansible_winrm_scheme", "http", "ansible_user", kdc.userPrincipal(),
                "ansible_winrm_transport", "kerberos", "ansible_winrm_kerberos_hostname_override", "ex01.contoso.local",
                "ansible_winrm_operation_timeout_sec", 1, "ansible_winrm_read_timeout_sec", 10));
        v.putAll(more);
        return new TargetResolver().resolve("ex01", v);
    }

    private Target managed() {
        return target(Map.of("ansible_password", Secret.of(Kdc.PASSWORD)));
    }

    private Target manual() {
        return target(Map.of("ansible_winrm_kinit_mode", "manual"));
    }

    private WinRmTransport transport() {
        return new WinRmTransport(RetryPolicy.NONE, Thread::sleep, kdc.clientEnvironment());
    }

    @Test
    void managedTheNextCommandOnTheKeptConnectionLogsOnAgainOnceAndRuns() throws Exception {
        try (WinRmTransport transport = transport()) {
            String thumbprint = transport.run(managed(), SCRIPT, TIMEOUT).stdout().trim();
            assertThat(thumbprint).matches("[0-9A-F]{40}");
            long logonsBefore = ticketGrantingTickets();

            expireTicketsIssuedUntilNow();
            CommandResult after = transport.run(managed(), SCRIPT, TIMEOUT);

            assertThat(after.exitCode()).isZero();
            assertThat(after.stdout().trim()).isEqualTo(thumbprint);
            assertThat(ticketGrantingTickets() - logonsBefore).as("new logons at the KDC").isEqualTo(1);
            assertThat(failures()).as("the lab refused the old context").anyMatch(f -> f.startsWith("SEC_E_CONTEXT_EXPIRED"));
            assertThat(lastLogon().succeeded()).isTrue();
            // the refused Command request was not processed, so it went again: the script ran once after the fault
            assertThat(lab.audit().of("ex01")).hasSize(2);

            transport.run(managed(), SCRIPT, TIMEOUT);
            assertThat(ticketGrantingTickets() - logonsBefore).as("no further logon once the new ticket is in").isEqualTo(1);
        }
    }

    @Test
    void managedAReceiveRefusedWhileTheCommandRunsIsSentAgainAndTheCommandRanOnce() throws Exception {
        try (WinRmTransport transport = transport()) {
            transport.run(managed(), SCRIPT, TIMEOUT);
            long logonsBefore = ticketGrantingTickets();
            waitForTheNextSecond();
            // the fault strikes once the command has started, which then runs 2.5 s late: the Receive after the
            // first w:TimedOut (operation timeout 1 s) meets the expired context
            lab.moments().arm(FaultMoment.before("Get-AuthConfig").on("ex01").delaying(Duration.ofMillis(2500))
                    .switching("this", new ObjectMapper().readTree("{\"kerberos_tickets_expired\": true}")));

            CommandResult r = transport.run(managed(), SCRIPT, TIMEOUT);

            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout().trim()).matches("[0-9A-F]{40}");
            assertThat(lab.moments().fired()).hasSize(1);
            assertThat(failures()).anyMatch(f -> f.startsWith("SEC_E_CONTEXT_EXPIRED"));
            assertThat(ticketGrantingTickets() - logonsBefore).isEqualTo(1);
            assertThat(lab.audit().of("ex01")).as("each command ran once").hasSize(2);
        }
    }

    @Test
    void manualAnExpiredTicketCacheStopsTheHostWithWhatToRunAndAFreshKinitWorks() throws Exception {
        kdc.kinit();
        try (WinRmTransport transport = transport()) {
            transport.run(manual(), SCRIPT, TIMEOUT);
            long logonsBefore = ticketGrantingTickets();

            expireTicketsIssuedUntilNow();
            assertThatThrownBy(() -> transport.run(manual(), SCRIPT, TIMEOUT))
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.kind()).as("the Command was refused: it did not run")
                                .isEqualTo(TransportException.Kind.AUTHENTICATION);
                        assertThat(e.getMessage()).contains("the Kerberos ticket of " + kdc.userPrincipal(),
                                "ticket cache " + kdc.credentialCache(), "has expired", "run kinit " + kdc.userPrincipal(),
                                "KRB5_CLIENT_KTNAME", "ansible_password").doesNotContain(Kdc.PASSWORD);
                    });
            assertThat(ticketGrantingTickets()).as("the engine cannot log on for a ticket cache").isEqualTo(logonsBefore);
            assertThat(lab.audit().of("ex01")).as("the refused command never ran").hasSize(1);
            // the same run does not try again
            assertThatThrownBy(() -> transport.run(manual(), SCRIPT, TIMEOUT)).hasMessageContaining("not tried again");
        }
        kdc.kinit();
        try (WinRmTransport transport = transport()) {
            assertThat(transport.run(manual(), SCRIPT, TIMEOUT).exitCode()).as("after a fresh kinit").isZero();
        }
    }

    @Test
    void manualATicketExpiringWhileTheCommandRunsLeavesItsOutcomeUnknown() throws Exception {
        kdc.kinit();
        try (WinRmTransport transport = transport()) {
            transport.run(manual(), SCRIPT, TIMEOUT);
            waitForTheNextSecond();
            lab.moments().arm(FaultMoment.before("Get-AuthConfig").on("ex01").delaying(Duration.ofMillis(2500))
                    .switching("this", new ObjectMapper().readTree("{\"kerberos_tickets_expired\": true}")));

            assertThatThrownBy(() -> transport.run(manual(), SCRIPT, TIMEOUT))
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.kind()).as("the command had started").isEqualTo(TransportException.Kind.RESPONSE_LOST);
                        assertThat(e.commandDidNotRun()).isFalse();
                        assertThat(e.getMessage()).contains("has expired", "run kinit", "may or may not have run");
                    });
        }
    }

    /** The fault from now on, past the second of the run's first logon (authtime has whole seconds). */
    private void expireTicketsIssuedUntilNow() throws InterruptedException {
        waitForTheNextSecond();
        lab.faults("ex01").expireKerberosTickets(Instant.now());
    }

    private static void waitForTheNextSecond() throws InterruptedException {
        Instant now = Instant.now();
        Thread.sleep(now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1).toEpochMilli() - now.toEpochMilli() + 20);
    }

    private long ticketGrantingTickets() throws IOException {
        return Files.readAllLines(kdc.directory().resolve("kdc.log")).stream().filter(l -> l.contains("AS_REQ")
                && l.contains("ISSUE") && l.contains(kdc.userPrincipal() + " for krbtgt/")).count();
    }

    private List<String> failures() {
        return lab.logons("ex01").stream().filter(e -> !e.succeeded()).map(LogonEvent::failure).toList();
    }

    private LogonEvent lastLogon() {
        List<LogonEvent> events = lab.logons("ex01");
        return events.get(events.size() - 1);
    }
}
