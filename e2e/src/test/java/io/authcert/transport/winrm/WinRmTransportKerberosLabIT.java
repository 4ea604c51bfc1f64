package io.authcert.transport.winrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.wsman.KerberosSettings;
import io.authcert.lab.wsman.Logon;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's Kerberos client against the lab's Kerberos acceptor, both with the tests' KDC: sealed bodies
 * over HTTP at WinRM's defaults, HTTPS, delegation recorded by the lab, a ticket for the wrong name refused.
 */
@Requires(RequiredTool.KRB5_KDC)
@ExtendWith(KdcExtension.class)
class WinRmTransportKerberosLabIT {

    private static final String SCRIPT = io.authcert.lab.testing.LabScripts.EXCHANGE
            + "(Get-AuthConfig).CurrentCertificateThumbprint\n";

    @TempDir
    static Path tmp;
    private static Kdc kdc;
    private static Path wire;
    private static EmbeddedLab http;
    private static EmbeddedLab https;

    @BeforeAll
    static void start(Kdc theKdc) throws Exception {
        kdc = theKdc;
        wire = tmp.resolve("wire.log");
        KerberosSettings keys = new KerberosSettings(kdc.serviceKeytab(Kdc.LAB_HOSTS), null, kdc.krb5Conf());
        EmbeddedLab.Options defaults = EmbeddedLab.Options.defaults().withKerberos(keys)
                .withWinRm(WinRmPolicy.all(WinRmConfig.windowsDefaults()));
        http = EmbeddedLab.start("healthy", 2, defaults.withWireLog(wire).withInventoryFile(tmp.resolve("http.yml")));
        https = EmbeddedLab.start("healthy", 1, defaults.withHttps(true).withInventoryFile(tmp.resolve("https.yml")));
    }

    @AfterAll
    static void stop() {
        http.close();
        https.close();
    }

    private static Target target(EmbeddedLab lab, String host, String spnHost, Map<String, Object> more) {
        Map<String, Object> v = new HashMap<>(Map.of("ansible_host", "127.0.0.1", "ansible_port", lab.port(host),
                "ansible_winrm_scheme", lab.endpoint(host).https() ? "https" : "http",
                "ansible_user", kdc.userPrincipal(), "ansible_password", Secret.of(Kdc.PASSWORD),
                "ansible_winrm_transport", "kerberos", "ansible_winrm_kerberos_hostname_override", spnHost));
        v.putAll(more);
        return new TargetResolver().resolve(host, v);
    }

    private static LogonEvent lastLogon(EmbeddedLab lab, String host) {
        List<LogonEvent> events = lab.logons(host);
        return events.get(events.size() - 1);
    }

    @Test
    void sealedOverHttpAtWindowsDefaultsWithDelegationTheLabSeesWhoAndNothingReadableTravels() throws Exception {
        Target t = target(http, "ex01", "ex01.contoso.local", Map.of("ansible_winrm_kerberos_delegation", true));
        try (WinRmTransport transport = new WinRmTransport(RetryPolicy.NONE)) {
            for (int i = 0; i < 2; i++) {
                CommandResult r = transport.run(t, SCRIPT, Duration.ofSeconds(60));
                assertThat(r.exitCode()).isZero();
                assertThat(r.stdout().trim()).matches("[0-9A-F]{40}");
            }
        }
        assertThat(lastLogon(http, "ex01").logon())
                .isEqualTo(new Logon("Kerberos", "CONTOSO\\administrator", kdc.userPrincipal(), true));
        String log = Files.readString(wire, StandardCharsets.ISO_8859_1);
        assertThat(log).contains("Authorization: Negotiate YI").contains("Www-authenticate: Negotiate Y")
                .contains("protocol=\"application/HTTP-SPNEGO-session-encrypted\"");
        assertThat(log).doesNotContain("Get-AuthConfig").doesNotContainIgnoringCase("powershell")
                .doesNotContain("CommandLine").doesNotContain(Kdc.PASSWORD);
    }

    @Test
    void overHttpsTheTokenRidesOnTheFirstMessage() throws Exception {
        Target t = target(https, "ex01", "ex01.contoso.local",
                Map.of("ansible_winrm_ca_trust_path", https.caFile().orElseThrow().toString()));
        try (WinRmTransport transport = new WinRmTransport(RetryPolicy.NONE)) {
            CommandResult r = transport.run(t, SCRIPT, Duration.ofSeconds(60));
            assertThat(r.stdout().trim()).matches("[0-9A-F]{40}");
        }
        assertThat(lastLogon(https, "ex01").succeeded()).isTrue();
    }

    @Test
    void aTicketForAnotherServersNameIsAnAuthenticationFailure() {
        try (WinRmTransport transport = new WinRmTransport(RetryPolicy.NONE)) {
            assertThatThrownBy(() -> transport.run(target(http, "ex01", "ex02.contoso.local", Map.of()), SCRIPT,
                    Duration.ofSeconds(30))).isInstanceOfSatisfying(TransportException.class, e ->
                    assertThat(e.kind()).isEqualTo(TransportException.Kind.AUTHENTICATION));
        }
        assertThat(lastLogon(http, "ex01").failure()).contains("Checksum failed");
    }
}
