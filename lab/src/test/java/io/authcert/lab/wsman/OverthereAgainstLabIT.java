package io.authcert.lab.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.xebialabs.overthere.CmdLine;
import com.xebialabs.overthere.ConnectionOptions;
import com.xebialabs.overthere.OperatingSystemFamily;
import com.xebialabs.overthere.OverthereConnection;
import com.xebialabs.overthere.OverthereProcess;
import com.xebialabs.overthere.cifs.BaseCifsConnectionBuilder;
import com.xebialabs.overthere.cifs.CifsConnectionBuilder;
import com.xebialabs.overthere.cifs.CifsConnectionType;
import com.xebialabs.overthere.util.DefaultAddressPortMapper;
import io.authcert.lab.CommandOutcome;
import io.authcert.lab.Lab;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Overthere, unchanged, runs commands against the lab's WinRM endpoints; it speaks only Basic, so the lab opts in to Basic over HTTP. */
class OverthereAgainstLabIT {

    private static final String USER = "labadmin";
    private static final String PASSWORD = "S3cret!pass";
    private static final EchoHost HOST = new EchoHost("ex01");
    private static Lab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start(List.of(HOST), Lab.Options.http(USER, PASSWORD).withBasicOverHttp());
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    static ConnectionOptions options(String password) {
        ConnectionOptions o = new ConnectionOptions();
        o.set(ConnectionOptions.OPERATING_SYSTEM, OperatingSystemFamily.WINDOWS);
        o.set(BaseCifsConnectionBuilder.CONNECTION_TYPE, CifsConnectionType.WINRM_INTERNAL);
        o.set(ConnectionOptions.ADDRESS, "127.0.0.1");
        o.set(ConnectionOptions.PORT, lab.port("ex01"));
        o.set(ConnectionOptions.USERNAME, USER);
        o.set(ConnectionOptions.PASSWORD, password);
        o.set(BaseCifsConnectionBuilder.WINRM_TIMEMOUT, "PT2.000S");
        return o;
    }

    record Run(String stdout, String stderr, int exit) {
    }

    static Run run(ConnectionOptions options, CmdLine cmd, String stdin) throws Exception {
        OverthereConnection c = new CifsConnectionBuilder("cifs", options, DefaultAddressPortMapper.INSTANCE).connect();
        try {
            OverthereProcess p = c.startProcess(cmd);
            CompletableFuture<byte[]> out = drain(p.getStdout());
            CompletableFuture<byte[]> err = drain(p.getStderr());
            if (stdin != null) {
                p.getStdin().write(stdin.getBytes(StandardCharsets.UTF_8));
                p.getStdin().flush();
            }
            p.getStdin().close();
            int exit = p.waitFor();
            return new Run(new String(out.get(), StandardCharsets.UTF_8), new String(err.get(), StandardCharsets.UTF_8), exit);
        } finally {
            c.close();
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            try {
                in.transferTo(b);
            } catch (Exception ignored) {
                // the pipe closes when the process ends
            }
            return b.toByteArray();
        });
    }

    static CmdLine encoded(String script) {
        String b64 = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
        return CmdLine.build("powershell", "-NoProfile", "-NonInteractive", "-EncodedCommand", b64);
    }

    @Test
    void runsAnEncodedCommandWithStdoutStderrAndExitCode() throws Exception {
        Run r = run(options(PASSWORD), encoded("Write-Output 'hello ü'\nWrite-Error 'it broke'\nexit 3"), null);
        assertThat(r.stdout()).isEqualTo("hello ü\r\n");
        assertThat(r.stderr()).startsWith("#< CLIXML").contains("it broke");
        assertThat(r.exit()).isEqualTo(3);
    }

    @Test
    void longOutputArrivesInFull() throws Exception {
        Run r = run(options(PASSWORD), encoded("Write-Output ('ab' * 300000)"), null);
        assertThat(r.stdout()).hasSize(600_002).startsWith("abab").endsWith("ab\r\n");
        assertThat(r.exit()).isZero();
    }

    @Test
    void aTooLongCommandLineFailsLikeCmdExe() throws Exception {
        Run r = run(options(PASSWORD), encoded("Write-Output ('x' * 1)\n#" + "y".repeat(4000)), null);
        assertThat(r.stderr()).isEqualTo("The command line is too long.\r\n");
        assertThat(r.exit()).isEqualTo(1);
    }

    @Test
    void wrongPasswordIsRefusedWith401() {
        assertThatThrownBy(() -> run(options("wrong"), encoded("Write-Output 'x'"), null))
                .hasMessageContaining("401");
    }

    @Test
    void aSilentCommandLongerThanTheOperationTimeoutGetsTheTimedOutFault() {
        assertThatThrownBy(() -> run(options(PASSWORD), encoded("Start-Sleep -Milliseconds 3500\nWrite-Output 'late'"), null))
                .hasStackTraceContaining("500");
    }

    @Test
    void aFault500DispositionIsAnHttp500() {
        HOST.nextDisposition = CommandOutcome.Disposition.FAULT_500;
        assertThatThrownBy(() -> run(options(PASSWORD), encoded("Write-Output 'x'"), null))
                .hasStackTraceContaining("500");
    }

    @Test
    void healthPagesAnswerOnTheSamePort() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + lab.port("ex01") + "/owa/healthcheck.htm")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("200 OK");
    }
}
