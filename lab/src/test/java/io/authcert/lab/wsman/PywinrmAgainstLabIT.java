package io.authcert.lab.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authcert.lab.Lab;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pywinrm (Debian python3-winrm, transport='basic'), an independent client, runs commands against the lab:
 * the Basic path, so the labs opt in to Basic (over HTTP, and over HTTPS) as a real server would need.
 */
@Requires(RequiredTool.PYWINRM)
class PywinrmAgainstLabIT {

    private static final String USER = "labadmin";
    private static final String PASSWORD = "S3cret!pass";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final EchoHost PLAIN = new EchoHost("ex01");
    private static final EchoHost SECURE = new EchoHost("ex02");
    private static Lab lab;
    private static Lab tlsLab;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start(List.of(PLAIN), Lab.Options.http(USER, PASSWORD).withBasicOverHttp());
        tlsLab = Lab.start(List.of(SECURE), Lab.Options.https(USER, PASSWORD).withBasic());
    }

    @AfterAll
    static void stop() {
        lab.close();
        tlsLab.close();
    }

    /** Runs the pywinrm script of the test resources with {@code job} and returns its JSON answer. */
    static JsonNode pywinrm(Map<String, Object> job) throws Exception {
        Path script = tmp.resolve("pywinrm_run.py");
        if (!Files.exists(script)) {
            try (InputStream in = PywinrmAgainstLabIT.class.getResourceAsStream("pywinrm_run.py")) {
                Files.write(script, in.readAllBytes());
            }
        }
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        p.getOutputStream().write(JSON.writeValueAsBytes(job));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return JSON.readTree(out);
    }

    static Map<String, Object> job(String endpoint, String password, String command, List<String> args) {
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("endpoint", endpoint);
        job.put("username", USER);
        job.put("password", password);
        job.put("command", command);
        job.put("arguments", args);
        return job;
    }

    static List<String> encoded(String script) {
        return List.of("-NoProfile", "-NonInteractive", "-EncodedCommand",
                Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE)));
    }

    @Test
    void runsAnEncodedCommandWithStdoutStderrAndExitCode() throws Exception {
        JsonNode r = pywinrm(job(lab.endpoint("ex01").url(), PASSWORD, "powershell",
                encoded("Write-Output 'grüße'\nWrite-Error 'it broke'\nexit 2")));
        assertThat(r.path("error").asText(null)).isNull();
        assertThat(r.get("stdout").asText()).isEqualTo("grüße\r\n");
        assertThat(r.get("stderr").asText()).startsWith("#< CLIXML").contains("it broke");
        assertThat(r.get("exit_code").asInt()).isEqualTo(2);
    }

    @Test
    void scriptOnStdinWithCommandDash() throws Exception {
        Map<String, Object> job = job(lab.endpoint("ex01").url(), PASSWORD, "powershell",
                List.of("-NoProfile", "-NonInteractive", "-Command", "-"));
        job.put("stdin", "Write-Output 'from stdin'\nexit 0\n");
        JsonNode r = pywinrm(job);
        assertThat(r.path("error").asText(null)).isNull();
        assertThat(r.get("stdout").asText()).isEqualTo("from stdin\r\n");
        assertThat(PLAIN.scripts).contains("Write-Output 'from stdin'\nexit 0\n");
    }

    @Test
    void longOutputSpansSeveralReceives() throws Exception {
        JsonNode r = pywinrm(job(lab.endpoint("ex01").url(), PASSWORD, "powershell",
                encoded("Write-Output ('xyz' * 100000)")));
        assertThat(r.get("stdout").asText()).hasSize(300_002);
    }

    @Test
    void pywinrmRecognisesTheTimedOutFaultAndKeepsReceiving() throws Exception {
        Map<String, Object> job = job(lab.endpoint("ex01").url(), PASSWORD, "powershell",
                encoded("Start-Sleep -Milliseconds 2500\nWrite-Output 'patient'"));
        job.put("operation_timeout_sec", 1);
        job.put("read_timeout_sec", 5);
        JsonNode r = pywinrm(job);
        assertThat(r.path("error").asText(null)).isNull();
        assertThat(r.get("stdout").asText()).isEqualTo("patient\r\n");
    }

    @Test
    void wrongPasswordIsRejected() throws Exception {
        JsonNode r = pywinrm(job(lab.endpoint("ex01").url(), "nope", "powershell", encoded("Write-Output 'x'")));
        assertThat(r.get("error_type").asText()).isEqualTo("InvalidCredentialsError");
    }

    @Test
    void httpsWithTheLabCaTrusted() throws Exception {
        Path ca = tlsLab.writeCaPem(tmp.resolve("lab-ca.pem"));
        Map<String, Object> job = job(tlsLab.endpoint("ex02").url(), PASSWORD, "powershell", encoded("Write-Output 'tls'"));
        job.put("ca_trust_path", ca.toString());
        JsonNode r = pywinrm(job);
        assertThat(r.path("error").asText(null)).isNull();
        assertThat(r.get("stdout").asText()).isEqualTo("tls\r\n");
        assertThat(tlsLab.endpoint("ex02").url()).startsWith("https://127.0.0.1:");
    }
}
