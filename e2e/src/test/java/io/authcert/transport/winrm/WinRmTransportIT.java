package io.authcert.transport.winrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.lab.CommandOutcome;
import io.authcert.lab.Lab;
import io.authcert.lab.wsman.EchoHost;
import io.authcert.transport.CommandResult;
import io.authcert.transport.Target;
import io.authcert.transport.TransportException;
import io.authcert.transport.TransportException.Kind;
import io.authcert.vault.Secret;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's WinRM transport against the lab, over real WinRM on loopback: each of Overthere's limits. Over
 * HTTP the lab is at WinRM's defaults and the engine speaks NTLM, every body encrypted; over HTTPS the lab has
 * Auth/Basic on and the engine speaks Basic, so both supported configurations meet every case here.
 */
class WinRmTransportIT {

    private static final String USER = "labadmin";
    private static final String PASSWORD = "S3cret!pass";
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final EchoHost EX01 = new EchoHost("ex01");
    private static final EchoHost EX02 = new EchoHost("ex02");
    private static final EchoHost TLS = new EchoHost("ex03");
    private static Lab lab;
    private static Lab tlsLab;
    private final WinRmTransport transport = new WinRmTransport(new RetryPolicy(3, Duration.ofMillis(50)));
    private final TargetResolver resolver = new TargetResolver();

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start(List.of(EX01, EX02), Lab.Options.http(USER, PASSWORD));
        tlsLab = Lab.start(List.of(TLS), Lab.Options.https(USER, PASSWORD).withBasic());
    }

    @AfterAll
    static void stop() {
        lab.close();
        tlsLab.close();
    }

    private Map<String, Object> vars(Lab l, String host) {
        Map<String, Object> v = new HashMap<>();
        v.put("ansible_host", "127.0.0.1");
        v.put("ansible_port", l.port(host));
        v.put("ansible_winrm_scheme", l.endpoint(host).https() ? "https" : "http");
        v.put("ansible_user", USER);
        v.put("ansible_password", Secret.of(PASSWORD));
        v.put("ansible_winrm_transport", l.endpoint(host).https() ? "basic" : "ntlm");
        return v;
    }

    private Target target(String host) {
        return resolver.resolve(host, vars(lab, host));
    }

    @Test
    void runsAScriptAndDecodesStdoutStderrAndExitCode() throws Exception {
        CommandResult r = transport.run(target("ex01"), "Write-Output 'hello'\nWrite-Error 'it broke'\nexit 4\n", STEP);
        assertThat(r.stdout()).isEqualTo("hello\r\n");
        assertThat(r.stderr()).isEqualTo("it broke");
        assertThat(r.exitCode()).isEqualTo(4);
        assertThat(r.duration()).isPositive();
    }

    @Test
    void nonAsciiTextSurvivesTheRoundTrip() throws Exception {
        CommandResult r = transport.run(target("ex01"), "Write-Output 'Zertifikat für Exchange – Prüfung €'\n", STEP);
        assertThat(r.stdout()).isEqualTo("Zertifikat für Exchange – Prüfung €\r\n");
        assertThat(EX01.scripts.get(EX01.scripts.size() - 1))
                .startsWith(PowerShellInvocation.UTF8_OUTPUT + "\n");
    }

    @Test
    void aLongScriptTravelsOnStdin() throws Exception {
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            script.append("Write-Output 'line ").append(i).append(" of a long generated script'\n");
        }
        assertThat(script.length()).isGreaterThan(CmdExeLineLimit.CHARS);
        CommandResult r = transport.run(target("ex01"), script.toString(), STEP);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout().lines()).hasSize(400).startsWith("line 0 of a long generated script")
                .endsWith("line 399 of a long generated script");
        assertThat(EX01.scripts.get(EX01.scripts.size() - 1)).contains("line 399 of a long generated script");
    }

    @Test
    void aCommandSilentLongerThanTheOperationTimeoutStillSucceeds() throws Exception {
        Map<String, Object> v = vars(lab, "ex01");
        v.put("ansible_winrm_operation_timeout_sec", 1);
        v.put("ansible_winrm_read_timeout_sec", 5);
        CommandResult r = transport.run(resolver.resolve("ex01", v),
                "Start-Sleep -Milliseconds 2600\nWrite-Output 'done after the TimedOut faults'\n", STEP);
        assertThat(r.stdout()).isEqualTo("done after the TimedOut faults\r\n");
    }

    @Test
    void aCommandLongerThanTheStepTimeoutIsTimedOut() {
        Map<String, Object> v = vars(lab, "ex01");
        v.put("ansible_winrm_operation_timeout_sec", 1);
        v.put("ansible_winrm_read_timeout_sec", 5);
        assertThatThrownBy(() -> transport.run(resolver.resolve("ex01", v), "Start-Sleep -Milliseconds 4000\n",
                Duration.ofSeconds(2)))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.TIMED_OUT);
                    assertThat(e.getMessage()).contains("ex01", "did not finish within 2 s");
                });
    }

    @Test
    void wrongPasswordIsAnAuthenticationFailure() {
        Map<String, Object> v = vars(lab, "ex01");
        v.put("ansible_password", Secret.of("wrong-password"));
        assertThatThrownBy(() -> transport.run(resolver.resolve("ex01", v), "Write-Output 'x'\n", STEP))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
                    assertThat(e.commandDidNotRun()).isTrue();
                    assertThat(e.getMessage()).contains("authentication failed", USER).doesNotContain("wrong-password");
                });
    }

    @Test
    void aServerThatRejectsEveryCredentialIsAnAuthenticationFailure() {
        EX02.rejectCredentials = true;
        try {
            assertThatThrownBy(() -> transport.run(target("ex02"), "Write-Output 'x'\n", STEP))
                    .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION));
            assertThat(EX02.scripts).isEmpty();
        } finally {
            EX02.rejectCredentials = false;
        }
    }

    @Test
    void aClosedPortIsUnreachableAfterRetries() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Map<String, Object> v = vars(lab, "ex01");
        v.put("ansible_port", closed);
        assertThatThrownBy(() -> transport.run(resolver.resolve("ex01", v), "Write-Output 'x'\n", STEP))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
                    assertThat(e.getMessage()).contains("127.0.0.1 port " + closed, "tried 3 times", "refused");
                });
    }

    @Test
    void anUnreachableLabHostIsUnreachable() throws Exception {
        EX02.unreachable = true;
        try {
            Thread.sleep(300); // the lab closes the port within its fault poll interval
            assertThatThrownBy(() -> transport.run(target("ex02"), "Write-Output 'x'\n", STEP))
                    .isInstanceOfSatisfying(TransportException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE));
        } finally {
            EX02.unreachable = false;
        }
    }

    @Test
    void aFault500IsAProtocolError() {
        EX01.nextDisposition = CommandOutcome.Disposition.FAULT_500;
        assertThatThrownBy(() -> transport.run(target("ex01"), "Write-Output 'x'\n", STEP))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.PROTOCOL);
                    assertThat(e.getMessage()).contains("HTTP 500", "Receive");
                });
    }

    @Test
    void aLostResponseIsReportedAsSuch() {
        EX01.nextDisposition = CommandOutcome.Disposition.LOSE_RESPONSE;
        assertThatThrownBy(() -> transport.run(target("ex01"), "Write-Output 'x'\n", STEP))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RESPONSE_LOST);
                    assertThat(e.commandDidNotRun()).isFalse();
                });
    }

    @Test
    void httpsWithTheLabCaInAnsibleWinrmCaTrustPath() throws Exception {
        Map<String, Object> v = vars(tlsLab, "ex03");
        v.put("ansible_winrm_ca_trust_path", tlsLab.writeCaPem(tmp.resolve("ca.pem")).toString());
        CommandResult r = transport.run(resolver.resolve("ex03", v), "Write-Output 'over tls'\n", STEP);
        assertThat(r.stdout()).isEqualTo("over tls\r\n");
    }

    @Test
    void httpsWithAnUntrustedCertificateFailsUnlessValidationIsOff() throws Exception {
        try (Lab other = Lab.start(List.of(new EchoHost("ex09")), Lab.Options.https(USER, PASSWORD).withBasic())) {
            Map<String, Object> v = vars(other, "ex09");
            assertThatThrownBy(() -> transport.run(resolver.resolve("ex09", v), "Write-Output 'x'\n", STEP))
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.kind()).isEqualTo(Kind.UNREACHABLE);
                        assertThat(e.getMessage()).contains("TLS handshake", "ansible_winrm_ca_trust_path");
                    });
            v.put("ansible_winrm_server_cert_validation", "ignore");
            assertThat(transport.run(resolver.resolve("ex09", v), "Write-Output 'x'\n", STEP).stdout()).isEqualTo("x\r\n");
        }
    }

    /** The cmd.exe limit, for readability of the long-script test. */
    private static final class CmdExeLineLimit {
        static final int CHARS = 8191 / 3;
    }
}
