package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Module;
import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.wsman.KerberosSettings;
import io.authcert.lab.wsman.Logon;
import io.authcert.lab.wsman.LogonEvent;
import io.authcert.lab.wsman.WinRmConfig;
import io.authcert.lab.wsman.WireLog;
import io.authcert.testing.Kdc;
import io.authcert.testing.KdcExtension;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import io.authcert.transport.Transport;
import io.authcert.transport.winrm.WinRmTransportWithEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's outage healed the way an Exchange administrator in the domain connects to servers at WinRM's
 * defaults with Kerberos: {@code administrator@CONTOSO.LOCAL}, plain HTTP, message encryption left at auto,
 * tickets from the tests' real MIT KDC, through the engine's real transport on loopback. The lab's servers
 * hold their {@code HTTP/} keys; they listen on 127.0.0.1, so every host names its SPN with
 * {@code ansible_winrm_kerberos_hostname_override}. Once with the password in the inventory (the engine logs
 * on itself), once with the administrator's own kinit ticket and no password.
 */
@Requires(RequiredTool.KRB5_KDC)
@ExtendWith(KdcExtension.class)
class ApplyOverKerberosIT {

    private static final String PLAYBOOK = "playbooks/auth-certificate.yml";
    private static final String DOMAIN = "contoso.local";

    @TempDir
    Path dir;

    @Test
    void theExpiredOutageHealsOverKerberosWithThePasswordAndEveryBodySealed(Kdc kdc) throws Exception {
        Path wire = dir.resolve("wire.log");
        try (EmbeddedLab lab = startLab(kdc, wire)) {
            Path inventory = kerberosInventory(lab, kdc, "ansible_password: " + quoted(Kdc.PASSWORD));

            healsAndConverges(lab, new LabApplier(lab, dir.resolve("state")), inventory);

            everyLogonIsKerberosOfTheAdministrator(lab, kdc, wire, false);
        }
        theWireShowsOnlySealedBodies(wire);
    }

    /**
     * Manual mode reads the ticket cache from KRB5CCNAME, which the CLI takes from the process environment;
     * the tests' JVM cannot set that, and an engine in a JVM of its own would lose the lab's frozen clock
     * (the apply's waits of hours would be real). So the commands run here, with the CLI's WinRM transport
     * given the KDC fixture's client environment instead of the process's.
     */
    @Test
    void theExpiredOutageHealsOverKerberosWithTheAdministratorsOwnTicketAndNoPassword(Kdc kdc) throws Exception {
        Path wire = dir.resolve("wire.log");
        try (EmbeddedLab lab = startLab(kdc, wire)) {
            // With no password for -Credential, the management endpoint is reached as the logon itself: that takes a
            // delegated (forwardable) ticket, as it would on Windows (the second hop).
            Path inventory = kerberosInventory(lab, kdc, "ansible_winrm_kinit_mode: manual",
                    "ansible_winrm_kerberos_delegation: true");
            assertThat(Files.readString(inventory)).doesNotContain("ansible_password").doesNotContain(Kdc.PASSWORD);

            Path noCache = dir.resolve("no-such-ccache");
            LabApplier.Outcome noTicket = new LabApplier(lab, dir.resolve("state"),
                    environment(Map.of("KRB5CCNAME", "FILE:" + noCache))).engine("facts", "-i", inventory.toString());
            assertThat(noTicket.exitCode()).isEqualTo(1);
            assertThat(noTicket.all()).contains("no Kerberos ticket for " + kdc.userPrincipal(), noCache.toString());
            // the OWA probe still ran; no WinRM request went out, no server saw a logon attempt
            assertThat(Eavesdropper.of(wire).winRmConnections()).as("WinRM requests without a ticket").isEmpty();
            assertThat(lab.hosts()).allSatisfy(host -> assertThat(lab.logons(host)).isEmpty());

            kdc.kinitForwardable();
            healsAndConverges(lab, new LabApplier(lab, dir.resolve("state"), environment(kdc.clientEnvironment())),
                    inventory);

            // the ticket was delegated: the management endpoint is reached as the logon itself
            everyLogonIsKerberosOfTheAdministrator(lab, kdc, wire, true);
        }
        theWireShowsOnlySealedBodies(wire);
    }

    /** The expired scenario with the lab's domain account being the KDC's administrator, the servers holding their keys. */
    private static EmbeddedLab startLab(Kdc kdc, Path wire) throws IOException {
        KerberosSettings keys = new KerberosSettings(kdc.serviceKeytab(Kdc.LAB_HOSTS), null, kdc.krb5Conf());
        EmbeddedLab lab = EmbeddedLab.start("expired", 3, LabApplier.frozen().withWireLog(wire).withKerberos(keys)
                .withCredentials(kdc.userPrincipal(), Kdc.PASSWORD));
        for (String host : lab.hosts()) {
            WinRmConfig winrm = lab.scenario().winrm().forServer(host);
            assertThat(winrm.basic() || winrm.allowUnencrypted()).as("%s at WinRM's defaults", host).isFalse();
            assertThat(winrm.kerberos()).as("Auth/Kerberos on %s", host).isTrue();
            assertThat(lab.healthOf(host).signIn()).as("OWA sign-in on %s before", host).isEqualTo(500);
        }
        return lab;
    }

    /** The inventory an administrator writes for these servers: Kerberos over HTTP, each host by its SPN's name. */
    private Path kerberosInventory(EmbeddedLab lab, Kdc kdc, String... credentials) throws IOException {
        StringBuilder y = new StringBuilder("all:\n  children:\n    exchange:\n      vars:\n")
                .append("        ansible_connection: winrm\n")
                .append("        ansible_winrm_scheme: http\n")
                .append("        ansible_winrm_transport: kerberos\n")
                .append("        ansible_user: ").append(quoted(kdc.userPrincipal())).append('\n')
                .append(java.util.Arrays.stream(credentials).map(c -> "        " + c + "\n").collect(java.util.stream.Collectors.joining()))
                .append("      hosts:\n");
        for (String host : lab.hosts()) {
            y.append("        ").append(host).append(":\n")
                    .append("          ansible_host: 127.0.0.1\n")
                    .append("          ansible_port: ").append(lab.port(host)).append('\n')
                    .append("          ansible_winrm_kerberos_hostname_override: ").append(host).append('.').append(DOMAIN)
                    .append('\n')
                    .append("          owa_health_url: ").append(quoted(lab.owaHealthUrl(host))).append('\n');
        }
        Path inventory = dir.resolve("kerberos.yml");
        Files.writeString(inventory, y);
        return inventory;
    }

    private static void healsAndConverges(EmbeddedLab lab, LabApplier engine, Path inventory) {
        LabApplier.Outcome applied = engine.apply(inventory, PLAYBOOK);

        assertThat(applied.exitCode()).as(applied.all()).isZero();
        assertThat(applied.out()).contains("converged", "Verified.");
        for (String host : lab.hosts()) {
            assertThat(lab.healthOf(host).owa()).as("OWA on %s after", host).isEqualTo(200);
            assertThat(lab.healthOf(host).ecp()).as("ECP on %s after", host).isEqualTo(200);
        }
        LabApplier.Outcome replan = engine.engine("plan", "-i", inventory.toString(), PLAYBOOK, "--detailed-exitcode");
        assertThat(replan.exitCode()).as("nothing left to do: %s", replan.all()).isZero();
        assertThat(lab.audit().entries(e -> e.mentions("Set-AuthConfig"))).as("the rotation ran").isNotEmpty();
    }

    /** Every server's Security log: Kerberos logons of CONTOSO\administrator only, one per WinRM connection. */
    private static void everyLogonIsKerberosOfTheAdministrator(EmbeddedLab lab, Kdc kdc, Path wire, boolean delegated)
            throws IOException {
        Logon administrator = new Logon("Kerberos", "CONTOSO\\administrator", kdc.userPrincipal(), delegated);
        List<String> clients = new ArrayList<>();
        for (String host : lab.hosts()) {
            List<LogonEvent> logons = lab.logons(host);
            assertThat(logons).as("logons on %s", host).isNotEmpty();
            assertThat(logons).extracting(LogonEvent::method).as("no NTLM on %s", host).containsOnly("Kerberos");
            assertThat(logons).extracting(LogonEvent::logon).as("logons on %s", host).containsOnly(administrator);
            logons.forEach(e -> clients.add(e.client()));
        }
        assertThat(clients).as("one logon per WinRM connection")
                .containsExactlyInAnyOrderElementsOf(Eavesdropper.of(wire).winRmConnections().keySet());
    }

    /**
     * On every connection one empty-body handshake (a Kerberos AP-REQ under Negotiate, the server's AP-REP
     * proving it is the SPN's owner), then only sealed bodies; no PowerShell and no password readable.
     */
    private static void theWireShowsOnlySealedBodies(Path wire) throws IOException {
        Eavesdropper eavesdropper = Eavesdropper.of(wire);
        assertThat(eavesdropper.messages()).hasSizeGreaterThan(50);
        eavesdropper.readsNoPowerShell();
        eavesdropper.readsNoPassword(Kdc.PASSWORD);

        Map<String, List<WireLog.Message>> connections = eavesdropper.winRmConnections();
        assertThat(connections).isNotEmpty();
        for (Map.Entry<String, List<WireLog.Message>> c : connections.entrySet()) {
            List<WireLog.Message> requests = c.getValue().stream().filter(WireLog.Message::request).toList();
            List<WireLog.Message> answers = c.getValue().stream().filter(m -> !m.request()).toList();
            assertThat(requests).as("requests on %s", c.getKey()).hasSizeGreaterThan(1);
            WireLog.Message handshake = requests.get(0);
            // a GSS-API InitialContextToken (tag 0x60) is "YI" in base64
            assertThat(handshake.header("Authorization")).as(c.getKey()).startsWith("Negotiate YI");
            assertThat(handshake.body()).as(c.getKey()).isEmpty();
            assertThat(answers.get(0).firstLine()).as(c.getKey()).isEqualTo("200");
            assertThat(answers.get(0).header("WWW-Authenticate")).as("mutual authentication on %s", c.getKey())
                    .startsWith("Negotiate Y");
            List<WireLog.Message> withBodies = requests.subList(1, requests.size()).stream()
                    .filter(m -> m.body().length > 0).toList();
            assertThat(withBodies).as("requests with a body on %s", c.getKey()).isNotEmpty();
            for (WireLog.Message after : withBodies) {
                assertThat(after.header("Content-Type")).as("a request on %s after the handshake", c.getKey())
                        .startsWith(Eavesdropper.SEALED);
                assertThat(after.header("Authorization")).as(c.getKey()).isNull();
            }
            for (WireLog.Message answer : answers) {
                if (answer.body().length > 0) {
                    assertThat(answer.header("Content-Type")).as("an answer with a body on %s", c.getKey())
                            .startsWith(Eavesdropper.SEALED);
                }
            }
        }
    }

    /** The CLI's WinRM transport reading Kerberos' variables from {@code env}; a new one for each command. */
    private static Module environment(Map<String, String> env) {
        // as AppModule wires it: RoutingTransport adds the Exchange shell; a bare WinRmTransport would run the
        // scripts without the Exchange cmdlets (what kept this test disabled)
        return binder -> binder.bind(Transport.class).toInstance(new io.authcert.transport.RoutingTransport(Map.of(
                io.authcert.transport.Target.Connection.WINRM, WinRmTransportWithEnvironment.of(env))));
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
