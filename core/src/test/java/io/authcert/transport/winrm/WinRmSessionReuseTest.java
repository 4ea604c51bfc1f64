package io.authcert.transport.winrm;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.transport.CommandResult;
import io.authcert.transport.Target;
import io.authcert.vault.Secret;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the client puts on the wire across the steps of a run: one connection, one shell, no 401 per request. */
class WinRmSessionReuseTest {

    /** The Basic tests' server speaks Basic over plain HTTP, which a host must opt in to. */
    private static final Map<String, Object> BASIC_OVER_HTTP = Map.of(TargetResolver.ALLOW_BASIC_OVER_HTTP, true);

    private static Target target(int port, String user, Map<String, Object> extra) {
        Map<String, Object> v = new HashMap<>(Map.of("ansible_host", "127.0.0.1", "ansible_port", port,
                "ansible_winrm_scheme", "http", "ansible_user", user, "ansible_password", Secret.of("Passw0rd!")));
        v.putAll(extra);
        return new TargetResolver().resolve("ex01", v);
    }

    @Test
    void basicStepsOfARunShareOneConnectionAndOneShellWithoutA401() throws Exception {
        try (CountingWinRmServer server = new CountingWinRmServer(CountingWinRmServer.Auth.BASIC)) {
            Target t = target(server.port(), "svc", BASIC_OVER_HTTP);
            try (WinRmTransport transport = new WinRmTransport()) {
                for (int i = 0; i < 3; i++) {
                    CommandResult r = transport.run(t, "Write-Output 'x'\n", Duration.ofSeconds(30));
                    assertThat(r.stdout()).isEqualTo("x\r\n");
                }
                assertThat(server.count("Delete")).as("the shell is kept during the run").isZero();
            }
            assertThat(server.connections.get()).isEqualTo(1);
            assertThat(server.unauthorized.get()).isZero();
            assertThat(server.count("Create")).isEqualTo(1);
            assertThat(server.count("Command")).isEqualTo(3);
            assertThat(server.count("Delete")).as("closing the transport ends the run").isEqualTo(1);
            assertThat(server.requests.get()).as("Create, 3 x (Command, Receive), Delete").isEqualTo(8);
        }
    }

    @Test
    void aKeptShellTheServerForgotIsReplacedAndTheCommandRunsOnce() throws Exception {
        try (CountingWinRmServer server = new CountingWinRmServer(CountingWinRmServer.Auth.BASIC);
             WinRmTransport transport = new WinRmTransport()) {
            Target t = target(server.port(), "svc", BASIC_OVER_HTTP);
            transport.run(t, "Write-Output 'x'\n", Duration.ofSeconds(30));
            server.forgetShells.set(1);
            CommandResult r = transport.run(t, "Write-Output 'x'\n", Duration.ofSeconds(30));
            assertThat(r.stdout()).isEqualTo("x\r\n");
            assertThat(server.count("Create")).isEqualTo(2);
            assertThat(server.count("Command")).as("the refused one and the one that ran").isEqualTo(3);
            assertThat(server.count("Receive")).isEqualTo(2);
        }
    }

    @Test
    void aTimedOutFaultIsRecognisedByItsCodeEvenWhenItComesAtOnce() throws Exception {
        try (CountingWinRmServer server = new CountingWinRmServer(CountingWinRmServer.Auth.BASIC)) {
            server.timedOutFirst.set(2);
            // An operation timeout of 20 s: the faults arrive in milliseconds, so timing could not tell them apart.
            try (WinRmTransport transport = new WinRmTransport()) {
                CommandResult r = transport.run(target(server.port(), "svc", BASIC_OVER_HTTP), "Write-Output 'x'\n",
                        Duration.ofSeconds(30));
                assertThat(r.exitCode()).isZero();
                assertThat(r.stdout()).isEqualTo("x\r\n");
            }
            assertThat(server.count("Receive")).isEqualTo(3);
        }
    }

    /**
     * A Windows server seals its faults too: the 500's outer type is multipart/encrypted, the SOAP inside. The
     * w:TimedOut and w:InvalidSelectors faults must read as themselves there, not as a bare HTTP 500.
     */
    @Test
    void sealedFaultsAreRecognisedByTheirCodesOverNtlmWithEncryption() throws Exception {
        try (CountingWinRmServer server = new CountingWinRmServer(CountingWinRmServer.Auth.NTLM_ENCRYPTED);
             WinRmTransport transport = new WinRmTransport()) {
            Target t = target(server.port(), "CONTOSO\\svc", Map.of("ansible_winrm_transport", "ntlm"));
            server.timedOutFirst.set(2);
            CommandResult r = transport.run(t, "Write-Output 'x'\n", Duration.ofSeconds(30));
            assertThat(r.stdout()).isEqualTo("x\r\n");
            assertThat(server.count("Receive")).isEqualTo(3);
            server.forgetShells.set(1);
            assertThat(transport.run(t, "Write-Output 'x'\n", Duration.ofSeconds(30)).stdout()).isEqualTo("x\r\n");
            assertThat(server.count("Create")).as("the forgotten shell replaced").isEqualTo(2);
        }
    }

    @Test
    void ntlmAuthenticatesOncePerConnectionAndEncryptsEveryMessageOverHttp() throws Exception {
        for (String user : new String[] {"CONTOSO\\svc", "svc@CONTOSO.COM", "svc"}) {
            try (CountingWinRmServer server = new CountingWinRmServer(CountingWinRmServer.Auth.NTLM_ENCRYPTED)) {
                Target t = target(server.port(), user, Map.of("ansible_winrm_transport", "ntlm"));
                try (WinRmTransport transport = new WinRmTransport()) {
                    for (int i = 0; i < 2; i++) {
                        CommandResult r = transport.run(t, "Write-Output 'x'\n", Duration.ofSeconds(30));
                        assertThat(r.stdout()).as(user).isEqualTo("x\r\n");
                    }
                }
                assertThat(server.connections.get()).isEqualTo(1);
                assertThat(server.unauthorized.get()).as("one NTLM challenge for the connection").isEqualTo(1);
                assertThat(server.count("Create")).isEqualTo(1);
                assertThat(server.count("Delete")).isEqualTo(1);
                assertThat(server.wireBodies).as("no SOAP in clear on the wire")
                        .noneMatch(b -> b.contains("Envelope") || b.contains("EncodedCommand"))
                        .anyMatch(b -> b.contains("application/HTTP-SPNEGO-session-encrypted"));
            }
        }
    }

    @Test
    void aWrongNtlmPasswordIsAnAuthenticationFailure() throws Exception {
        try (CountingWinRmServer server = new CountingWinRmServer(CountingWinRmServer.Auth.NTLM_ENCRYPTED);
             WinRmTransport transport = new WinRmTransport(RetryPolicy.NONE)) {
            Map<String, Object> v = new HashMap<>(Map.of("ansible_host", "127.0.0.1", "ansible_port", server.port(),
                    "ansible_winrm_scheme", "http", "ansible_user", "CONTOSO\\svc", "ansible_password", Secret.of("wrong"),
                    "ansible_winrm_transport", "ntlm"));
            Target t = new TargetResolver().resolve("ex01", v);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> transport.run(t, "Write-Output 'x'\n",
                            Duration.ofSeconds(30)))
                    .isInstanceOfSatisfying(io.authcert.transport.TransportException.class, e ->
                            assertThat(e.kind()).isEqualTo(io.authcert.transport.TransportException.Kind.AUTHENTICATION));
            assertThat(server.count("Create")).isZero();
        }
    }
}
