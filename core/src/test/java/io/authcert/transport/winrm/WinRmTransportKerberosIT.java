package io.authcert.transport.winrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.testing.Kdc;
import io.authcert.testing.KdcExtension;
import io.authcert.testing.Krb5Login;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import io.authcert.transport.CommandResult;
import io.authcert.transport.Target;
import io.authcert.transport.TransportException;
import io.authcert.vault.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's WinRM client over Kerberos on the wire, against a small listener whose JGSS acceptor
 * holds a lab host's keytab from a real KDC: at WinRM's defaults (HTTP, every body encrypted), one
 * logon per run, negotiate's choice, and the refusals, each before the script is sent.
 */
@Requires(RequiredTool.KRB5_KDC)
@ExtendWith(KdcExtension.class)
class WinRmTransportKerberosIT {

    private static final String SCRIPT = "Write-Output 'x'\n";
    private static final Duration STEP = Duration.ofSeconds(30);

    private Kdc kdc;
    @TempDir
    Path temp;

    @BeforeEach
    void realm(Kdc kdc) {
        this.kdc = kdc;
        kdc.useForJgss();
    }

    private CountingWinRmServer server(CountingWinRmServer.Auth auth, String host) throws Exception {
        return new CountingWinRmServer(auth, Krb5Login.acceptor(kdc.servicePrincipal(host), kdc.serviceKeytab(host)));
    }

    /** What a user writes for a Kerberos-only server the engine reaches at 127.0.0.1. */
    private Target target(CountingWinRmServer server, String spnHost, Map<String, Object> extra) {
        Map<String, Object> v = new HashMap<>(Map.of("ansible_host", "127.0.0.1", "ansible_port", server.port(),
                "ansible_winrm_scheme", "http", "ansible_user", "administrator@contoso.local",
                "ansible_password", Secret.of(Kdc.PASSWORD), "ansible_winrm_transport", "kerberos",
                "ansible_winrm_kerberos_hostname_override", spnHost));
        v.putAll(extra);
        return new TargetResolver().resolve(spnHost, v);
    }

    private static WinRmTransport transport(Map<String, String> env) {
        return new WinRmTransport(RetryPolicy.NONE, millis -> { }, env);
    }

    @Test
    void atWinRmDefaultsEveryBodyIsEncryptedAfterOneHandshakeAndNoMore401s() throws Exception {
        try (CountingWinRmServer server = server(CountingWinRmServer.Auth.KERBEROS, "ex01.contoso.local")) {
            Target t = target(server, "ex01.contoso.local", Map.of());
            try (WinRmTransport transport = transport(Map.of())) {
                for (int i = 0; i < 3; i++) {
                    CommandResult r = transport.run(t, SCRIPT, STEP);
                    assertThat(r.stdout()).isEqualTo("x\r\n");
                }
            }
            assertThat(server.connections.get()).isEqualTo(1);
            assertThat(server.unauthorized.get()).isZero();
            assertThat(server.authorizations.get()).as("the token once, on the empty-body handshake").isEqualTo(1);
            assertThat(server.requests.get()).as("handshake, Create, 3 x (Command, Receive), Delete").isEqualTo(9);
            assertThat(server.wireBodies.get(0)).as("nothing but the token before the server proved itself").isEmpty();
            assertThat(server.wireBodies).as("no SOAP in clear on the wire")
                    .noneMatch(b -> b.contains("Envelope") || b.contains("EncodedCommand"))
                    .anyMatch(b -> b.contains("application/HTTP-SPNEGO-session-encrypted"));
            assertThat(server.kerberosClients).containsExactly("administrator@CONTOSO.LOCAL");
        }
    }

    @Test
    void aRunLogsOnOnceAndFetchesOneTicketPerServer() throws Exception {
        String user = kdc.userPrincipal();
        try (CountingWinRmServer ex02 = server(CountingWinRmServer.Auth.KERBEROS, "ex02.contoso.local");
             CountingWinRmServer ex03 = server(CountingWinRmServer.Auth.KERBEROS, "ex03.contoso.local");
             WinRmTransport transport = transport(Map.of())) {
            long logons = KdcLog.ticketGrantingTicketsIssued(kdc, user);
            long tickets02 = KdcLog.serviceTicketsIssued(kdc, user, "HTTP/ex02.contoso.local");
            for (CountingWinRmServer s : List.of(ex02, ex03, ex02, ex03)) {
                String host = s == ex02 ? "ex02.contoso.local" : "ex03.contoso.local";
                assertThat(transport.run(target(s, host, Map.of()), SCRIPT, STEP).exitCode()).isZero();
            }
            assertThat(KdcLog.ticketGrantingTicketsIssued(kdc, user) - logons).as("AS exchanges in the run").isEqualTo(1);
            assertThat(KdcLog.serviceTicketsIssued(kdc, user, "HTTP/ex02.contoso.local") - tickets02)
                    .as("TGS exchanges for ex02").isEqualTo(1);
        }
    }

    @Test
    void withoutEncryptionTheTokenTravelsWithTheFirstMessageAsOverHttps() throws Exception {
        try (CountingWinRmServer server = server(CountingWinRmServer.Auth.KERBEROS, "ex01.contoso.local");
             WinRmTransport transport = transport(Map.of())) {
            Target t = target(server, "ex01.contoso.local", Map.of("ansible_winrm_message_encryption", "never"));
            assertThat(transport.run(t, SCRIPT, STEP).stdout()).isEqualTo("x\r\n");
            assertThat(server.requests.get()).as("Create, Command, Receive: no empty handshake").isEqualTo(3);
            assertThat(server.authorizations.get()).isEqualTo(1);
            assertThat(server.wireBodies.get(0)).contains("Envelope");
        }
    }

    @Test
    void withTheUsersOwnTicketNoPasswordIsNeeded() throws Exception {
        kdc.kinit();
        try (CountingWinRmServer server = server(CountingWinRmServer.Auth.KERBEROS, "ex01.contoso.local");
             WinRmTransport transport = transport(kdc.clientEnvironment())) {
            Map<String, Object> v = new HashMap<>(Map.of("ansible_host", "127.0.0.1", "ansible_port", server.port(),
                    "ansible_winrm_scheme", "http", "ansible_winrm_transport", "kerberos",
                    "ansible_winrm_kerberos_hostname_override", "ex01.contoso.local"));
            Target t = new TargetResolver().resolve("ex01", v);
            assertThat(t.kerberos().kinitMode()).isEqualTo(Target.KinitMode.MANUAL);
            assertThat(transport.run(t, SCRIPT, STEP).stdout()).isEqualTo("x\r\n");
            assertThat(server.kerberosClients).containsExactly(kdc.userPrincipal());
        }
    }

    @Test
    void noPasswordAndNoTicketIsRefusedBeforeAnythingIsSent() throws Exception {
        try (CountingWinRmServer server = server(CountingWinRmServer.Auth.KERBEROS, "ex01.contoso.local");
             WinRmTransport transport = transport(Map.of("KRB5CCNAME", "FILE:" + temp.resolve("none")))) {
            Map<String, Object> v = new HashMap<>(Map.of("ansible_host", "127.0.0.1", "ansible_port", server.port(),
                    "ansible_winrm_scheme", "http", "ansible_user", "administrator@CONTOSO.LOCAL",
                    "ansible_winrm_kerberos_hostname_override", "ex01.contoso.local"));
            Target t = new TargetResolver().resolve("ex01", v);
            assertThatThrownBy(() -> transport.run(t, SCRIPT, STEP)).isInstanceOfSatisfying(TransportException.class, e -> {
                assertThat(e.kind()).isEqualTo(TransportException.Kind.AUTHENTICATION);
                assertThat(e.commandDidNotRun()).isTrue();
                assertThat(e.getMessage()).startsWith("ex01: Kerberos authentication to http://127.0.0.1:")
                        .contains("no Kerberos ticket for administrator@CONTOSO.LOCAL", "run kinit", "ansible_password");
            });
            assertThat(server.requests.get()).isZero();
        }
    }

    @Test
    void negotiateSpeaksKerberosWhenTheUserCanLogOnAndNtlmWhenTheRealmHasNoKdc() throws Exception {
        try (CountingWinRmServer server = server(CountingWinRmServer.Auth.NEGOTIATE, "ex01.contoso.local");
             WinRmTransport transport = transport(Map.of())) {
            Target kerberos = target(server, "ex01.contoso.local", Map.of("ansible_winrm_transport", "negotiate"));
            assertThat(kerberos.authTransport()).isEqualTo(Target.AuthTransport.NEGOTIATE);
            assertThat(transport.run(kerberos, SCRIPT, STEP).exitCode()).isZero();
            assertThat(server.kerberosClients).containsExactly(kdc.userPrincipal());
            assertThat(server.unauthorized.get()).as("Kerberos needs no challenge").isZero();

            // CONTOSO.COM is in no krb5.conf: no KDC to ask, so NTLM with the same account, as Windows' Negotiate does.
            Target ntlm = target(server, "ex01.contoso.local", Map.of("ansible_winrm_transport", "negotiate",
                    "ansible_user", "svc@CONTOSO.COM", "ansible_password", Secret.of("Passw0rd!")));
            assertThat(transport.run(ntlm, SCRIPT, STEP).exitCode()).isZero();
            assertThat(server.kerberosClients).hasSize(1);
            assertThat(server.unauthorized.get()).as("NTLM's one challenge").isEqualTo(1);
        }
    }

    @Test
    void negotiateDoesNotFallBackToNtlmAfterTheKdcRefusedThePassword() throws Exception {
        try (CountingWinRmServer server = server(CountingWinRmServer.Auth.NEGOTIATE, "ex01.contoso.local");
             WinRmTransport transport = transport(Map.of())) {
            Target t = target(server, "ex01.contoso.local", Map.of("ansible_winrm_transport", "negotiate",
                    "ansible_password", Secret.of("Wr0ng-Passw0rd!")));
            assertThatThrownBy(() -> transport.run(t, SCRIPT, STEP)).isInstanceOfSatisfying(TransportException.class, e -> {
                assertThat(e.kind()).isEqualTo(TransportException.Kind.AUTHENTICATION);
                assertThat(e.getMessage()).contains("check ansible_password").doesNotContain("Wr0ng-Passw0rd!");
            });
            assertThat(server.requests.get()).as("no second bad-password count through NTLM").isZero();
        }
    }

    @Test
    void aTicketForAnotherServerGetsA401ThatSaysWhatToCheck() throws Exception {
        try (CountingWinRmServer ex01 = server(CountingWinRmServer.Auth.KERBEROS, "ex01.contoso.local");
             WinRmTransport transport = transport(Map.of())) {
            Target t = target(ex01, "ex02.contoso.local", Map.of());
            assertThatThrownBy(() -> transport.run(t, SCRIPT, STEP)).isInstanceOfSatisfying(TransportException.class, e -> {
                assertThat(e.kind()).isEqualTo(TransportException.Kind.AUTHENTICATION);
                assertThat(e.getMessage()).contains("refused the Kerberos ticket for HTTP/ex02.contoso.local",
                        "setspn", "ansible_winrm_kerberos_hostname_override");
            });
            assertThat(ex01.count("Create")).isZero();
            assertThat(ex01.unauthorized.get()).as("one try, no loop of 401s").isEqualTo(1);
        }
    }

    @Test
    void aServerThatDoesNotProveWhoItIsNeverGetsTheScript() throws Exception {
        try (CountingWinRmServer server = server(CountingWinRmServer.Auth.KERBEROS, "ex01.contoso.local");
             WinRmTransport transport = transport(Map.of())) {
            server.withholdMutualToken.set(true);
            Target t = target(server, "ex01.contoso.local", Map.of());
            assertThatThrownBy(() -> transport.run(t, SCRIPT, STEP)).isInstanceOfSatisfying(TransportException.class, e -> {
                assertThat(e.kind()).isEqualTo(TransportException.Kind.AUTHENTICATION);
                assertThat(e.getMessage()).contains("did not prove that it is HTTP/ex01.contoso.local");
            });
            assertThat(server.wireBodies).as("only the empty handshake went").containsExactly("");
        }
    }
}
