package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Module;
import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.exchange.ExchangeCertificate;
import io.authcert.lab.exchange.ExchangeServer;
import io.authcert.lab.exchange.FaultMoment;
import io.authcert.lab.wsman.KerberosSettings;
import io.authcert.lab.wsman.LogonEvent;
import io.authcert.testing.Kdc;
import io.authcert.testing.KdcExtension;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import io.authcert.transport.RoutingTransport;
import io.authcert.transport.Target;
import io.authcert.transport.Transport;
import io.authcert.transport.winrm.WinRmTransportWithEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12's fault "an expired Kerberos ticket mid-run": the seed's outage healed over Kerberos at WinRM's defaults
 * with the tests' real KDC, while the lab's servers start refusing every ticket issued before the create
 * ({@code HostFaults.expireKerberosTickets}: kept connections refused on their next request, old tickets refused
 * on new ones). With the password the engine logs on again once and converges with one new Auth certificate; with
 * the administrator's own ticket cache it stops with what to run, leaving the organisation no worse, and after a
 * fresh kinit one more apply converges.
 */
@Requires(RequiredTool.KRB5_KDC)
@ExtendWith(KdcExtension.class)
class ApplyKerberosTicketExpiryIT {

    private static final String PLAYBOOK = "playbooks/auth-certificate.yml";
    private static final String AUTH_SUBJECT = "CN=Microsoft Exchange Server Auth Certificate";

    @TempDir
    Path dir;

    /** The fault matrix's Kerberos row (docs/reliability.md): the expiry at each of its moments. */
    @ParameterizedTest(name = "tickets expire {0}")
    @EnumSource(FaultMatrixIT.Moment.class)
    void managedTheEngineLogsOnAgainOnceAndConvergesWithOneNewCertificate(FaultMatrixIT.Moment moment, Kdc kdc)
            throws Exception {
        try (EmbeddedLab lab = startLab(kdc)) {
            Set<String> before = authThumbprints(lab);
            Path inventory = kerberosInventory(lab, kdc, "ansible_password: " + quoted(Kdc.PASSWORD));
            expireTicketsAt(lab, moment.moment());
            long logons = ticketGrantingTickets(kdc);

            LabApplier engine = new LabApplier(lab, dir.resolve("state"));
            FaultMatrixIT.SignInWatch watch = new FaultMatrixIT.SignInWatch(lab);
            LabApplier.Outcome applied;
            try (watch) {
                applied = engine.whileWaiting(watch::sample).apply(inventory, PLAYBOOK);
            }
            assertThat(watch.lost()).as("servers that lost OWA sign-in").isEmpty();

            assertThat(lab.moments().fired()).as("the fault struck mid-run").hasSize(1);
            assertThat(applied.exitCode()).as(applied.all()).isZero();
            assertThat(applied.out()).contains("Verified.");
            assertThat(ticketGrantingTickets(kdc) - logons).as("logons at the KDC: the first and one after the expiry")
                    .isEqualTo(2);
            assertThat(refusals(lab, "SEC_E_CONTEXT_EXPIRED")).as("kept connections refused").isNotEmpty();
            Set<String> made = authThumbprints(lab);
            made.removeAll(before);
            assertThat(made).as("new Auth certificates").hasSize(1);
            assertThat(lab.audit().entries(e -> e.mentions("New-ExchangeCertificate"))).as("the create ran once").hasSize(1);
            assertThat(lab.organisation().clearedWhileLacking()).isEmpty();
            for (String host : lab.hosts()) {
                assertThat(lab.healthOf(host).owa()).as("OWA on %s", host).isEqualTo(200);
            }
            LabApplier.Outcome replan = engine.engine("plan", "-i", inventory.toString(), PLAYBOOK, "--detailed-exitcode");
            assertThat(replan.exitCode()).as("nothing left to do: %s", replan.all()).isZero();
            assertThat(applied.all()).doesNotContain(Kdc.PASSWORD);
        }
    }

    /**
     * Manual mode: the administrator's own forwardable ticket cache and no password, the ticket delegated so that the
     * Exchange management endpoint is reached as the logon itself (the second hop).
     */
    @Test
    void manualTheHostStopsWithWhatToRunAndAfterAFreshKinitOneMoreApplyConverges(Kdc kdc) throws Exception {
        try (EmbeddedLab lab = startLab(kdc)) {
            Set<String> before = authThumbprints(lab);
            Path inventory = kerberosInventory(lab, kdc, "ansible_winrm_kinit_mode: manual",
                    "ansible_winrm_kerberos_delegation: true");
            assertThat(Files.readString(inventory)).doesNotContain(Kdc.PASSWORD);
            kdc.kinitForwardable();
            expireTicketsAt(lab, FaultMatrixIT.Moment.BEFORE_CREATE.moment());
            long logons = ticketGrantingTickets(kdc);
            LabApplier engine = new LabApplier(lab, dir.resolve("state"), environment(kdc.clientEnvironment()));

            LabApplier.Outcome first = engine.apply(inventory, PLAYBOOK);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "kerberos-expiry-manual.txt"), first.all()); // what the user saw

            assertThat(lab.moments().fired()).as("the fault struck mid-run\n%s", first.all()).hasSize(1);
            assertThat(first.exitCode()).as(first.all()).isEqualTo(1);
            assertThat(first.all()).contains("the Kerberos ticket of " + kdc.userPrincipal(),
                    "ticket cache " + kdc.credentialCache(), "has expired", "run kinit " + kdc.userPrincipal())
                    .doesNotContain(Kdc.PASSWORD);
            assertThat(ticketGrantingTickets(kdc)).as("the engine never logs on for a ticket cache").isEqualTo(logons);
            Set<String> made = authThumbprints(lab);
            made.removeAll(before);
            assertThat(made).as("new Auth certificates after the failed apply").hasSizeLessThanOrEqualTo(1);
            assertThat(lab.audit().entries(e -> e.mentions("-ClearPreviousCertificate"))).as("nothing cleared").isEmpty();
            assertThat(lab.organisation().clearedWhileLacking()).isEmpty();

            kdc.kinitForwardable();
            LabApplier.Outcome rerun = engine.apply(inventory, PLAYBOOK);

            assertThat(rerun.exitCode()).as(rerun.all()).isZero();
            assertThat(rerun.out()).contains("Verified.");
            made = authThumbprints(lab);
            made.removeAll(before);
            assertThat(made).as("new Auth certificates across both applies").hasSize(1);
            LabApplier.Outcome replan = engine.engine("plan", "-i", inventory.toString(), PLAYBOOK, "--detailed-exitcode");
            assertThat(replan.exitCode()).as("nothing left to do: %s", replan.all()).isZero();
        }
    }

    /**
     * At the moment, every server expires the tickets issued until then; the moment is put past the second of the
     * run's logon, since a ticket's authtime has whole seconds.
     */
    private static void expireTicketsAt(EmbeddedLab lab, FaultMoment at) {
        lab.moments().arm(at);
        lab.moments().onFired(fired -> {
            Instant firstLogon = lab.logons("ex01").stream().filter(LogonEvent::succeeded).map(LogonEvent::time)
                    .findFirst().orElseThrow();
            Instant moment = firstLogon.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            try {
                Thread.sleep(Math.max(0, moment.toEpochMilli() - System.currentTimeMillis() + 20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Instant now = Instant.now();
            lab.hosts().forEach(h -> lab.faults(h).expireKerberosTickets(now));
        });
    }

    private static EmbeddedLab startLab(Kdc kdc) throws IOException {
        KerberosSettings keys = new KerberosSettings(kdc.serviceKeytab(Kdc.LAB_HOSTS), null, kdc.krb5Conf());
        return EmbeddedLab.start("expired", 3, LabApplier.frozen().withKerberos(keys)
                .withCredentials(kdc.userPrincipal(), Kdc.PASSWORD));
    }

    private Path kerberosInventory(EmbeddedLab lab, Kdc kdc, String... credentials) throws IOException {
        StringBuilder y = new StringBuilder("all:\n  children:\n    exchange:\n      vars:\n")
                .append("        ansible_connection: winrm\n")
                .append("        ansible_winrm_scheme: http\n")
                .append("        ansible_winrm_transport: kerberos\n")
                .append("        ansible_user: ").append(quoted(kdc.userPrincipal())).append('\n');
        for (String c : credentials) {
            y.append("        ").append(c).append('\n');
        }
        y.append("      hosts:\n");
        for (String host : lab.hosts()) {
            y.append("        ").append(host).append(":\n")
                    .append("          ansible_host: 127.0.0.1\n")
                    .append("          ansible_port: ").append(lab.port(host)).append('\n')
                    .append("          ansible_winrm_kerberos_hostname_override: ").append(host).append(".contoso.local\n")
                    .append("          owa_health_url: ").append(quoted(lab.owaHealthUrl(host))).append('\n');
        }
        Path inventory = dir.resolve("kerberos.yml");
        Files.writeString(inventory, y);
        return inventory;
    }

    private static long ticketGrantingTickets(Kdc kdc) throws IOException {
        return Files.readAllLines(kdc.directory().resolve("kdc.log")).stream().filter(l -> l.contains("AS_REQ")
                && l.contains("ISSUE") && l.contains(kdc.userPrincipal() + " for krbtgt/")).count();
    }

    private static java.util.List<String> refusals(EmbeddedLab lab, String prefix) {
        return lab.hosts().stream().flatMap(h -> lab.logons(h).stream()).filter(e -> !e.succeeded())
                .map(LogonEvent::failure).filter(f -> f.startsWith(prefix)).toList();
    }

    private static Set<String> authThumbprints(EmbeddedLab lab) {
        Set<String> out = new HashSet<>();
        for (ExchangeServer s : lab.organisation().servers()) {
            for (ExchangeCertificate c : lab.organisation().certificatesOn(s)) {
                if (AUTH_SUBJECT.equalsIgnoreCase(c.subject())) {
                    out.add(c.thumbprint());
                }
            }
        }
        return out;
    }

    /**
     * The CLI's transport as AppModule wires it (the Exchange shell added by RoutingTransport), its WinRM transport
     * reading KRB5CCNAME from {@code env}: a bare WinRmTransport would run the scripts without the Exchange cmdlets.
     */
    private static Module environment(Map<String, String> env) {
        return binder -> binder.bind(Transport.class).toInstance(new RoutingTransport(Map.of(
                Target.Connection.WINRM, WinRmTransportWithEnvironment.of(env))));
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
