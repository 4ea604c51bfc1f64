package io.authcert.lab.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authcert.lab.EmbeddedLab;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs PowerShell on lab servers through pywinrm ({@code /usr/bin/python3}, Debian's python3-winrm), an
 * independent WinRM client, sending {@code powershell -encodedcommand} as {@code Session.run_ps} does, as the
 * lab's account over NTLM with message encryption (or the transport asked for), exactly as against a real
 * server at WinRM's defaults. Stderr is returned raw (CLIXML), because
 * run_ps's own clean-up of it fails on bytes in Debian's pywinrm. One Python process serves every call
 * of a test (start-up costs more than a command), so open it once and close it at the end.
 */
public final class PyWinRm implements AutoCloseable {

    /** What the command printed and its exit code, as pywinrm reports them. */
    public record Result(String stdout, String stderr, int exitCode) {
    }

    private static final String DRIVER = String.join("\n",
            "import base64, json, os, sys, winrm",
            "for line in sys.stdin:",
            "    req = json.loads(line)",
            "    try:",
            "        tls = {'server_cert_validation': 'validate', 'ca_trust_path': req['ca']} if req.get('ca') else {}",
            "        if req.get('ignore_cert'):",
            "            # pywinrm 0.3.0 lets REQUESTS_CA_BUNDLE/CURL_CA_BUNDLE override 'ignore' (diyan/pywinrm#201)",
            "            os.environ.pop('REQUESTS_CA_BUNDLE', None)",
            "            os.environ.pop('CURL_CA_BUNDLE', None)",
            "            tls = {'server_cert_validation': 'ignore'}",
            "        if req.get('send_cbt') is not None:",
            "            tls['send_cbt'] = req['send_cbt']",
            "        s = winrm.Session(req['url'], auth=(req['user'], req['password']),",
            "                          transport=req.get('transport') or 'basic',",
            "                          message_encryption=req.get('encryption') or 'auto',",
            "                          read_timeout_sec=8, operation_timeout_sec=5, **tls)",
            "        encoded = base64.b64encode(req['script'].encode('utf_16_le')).decode('ascii')",
            "        r = s.run_cmd('powershell -encodedcommand {0}'.format(encoded))",
            "        out = {'stdout': r.std_out.decode('utf-8', 'replace'),",
            "               'stderr': r.std_err.decode('utf-8', 'replace'), 'status': r.status_code}",
            "    except Exception as e:",
            "        out = {'error': repr(e)}",
            "    print(json.dumps(out), flush=True)",
            "");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedWriter requests;
    private final BufferedReader answers;
    private final Path driver;

    /** OpenSSL 3 keeps MD4 (which ntlm_auth takes from hashlib) in its legacy provider. */
    private static final String OPENSSL_LEGACY = String.join("\n", "openssl_conf = openssl_init", "[openssl_init]",
            "providers = provider_sect", "[provider_sect]", "default = default_sect", "legacy = legacy_sect",
            "[default_sect]", "activate = 1", "[legacy_sect]", "activate = 1", "");

    private PyWinRm() throws IOException {
        driver = Files.createTempFile("pywinrm-driver", ".py");
        Files.writeString(driver, DRIVER, StandardCharsets.UTF_8);
        Path openssl = Files.createTempFile("pywinrm-openssl", ".cnf");
        Files.writeString(openssl, OPENSSL_LEGACY, StandardCharsets.US_ASCII);
        openssl.toFile().deleteOnExit();
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", driver.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().put("OPENSSL_CONF", openssl.toString());
        process = pb.start();
        requests = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts the Python side. */
    public static PyWinRm open() {
        try {
            return new PyWinRm();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start pywinrm: " + e.getMessage(), e);
        }
    }

    /**
     * Runs one script on one lab server as the lab's account over NTLM (message encryption auto) and waits for
     * its result; a transport failure throws.
     */
    public synchronized Result run(EmbeddedLab lab, String host, String script) {
        return run(lab.endpoint(host).url(), lab.user(), lab.password(), lab.caFile().map(Path::toString).orElse(null),
                "ntlm", "auto", script);
    }

    /**
     * Runs a script with pywinrm's {@code transport} ("basic", "ntlm") and {@code message_encryption}
     * ("auto", "always", "never"); {@code caFile} is the PEM of the CA to trust over HTTPS (null for plain HTTP).
     */
    public synchronized Result run(String url, String user, String password, String caFile, String transport,
                                   String encryption, String script) {
        ObjectNode req = JSON.createObjectNode().put("url", url).put("user", user).put("password", password)
                .put("ca", caFile).put("script", script).put("transport", transport).put("encryption", encryption);
        return send(req);
    }

    private Result send(ObjectNode req) {
        try {
            requests.write(JSON.writeValueAsString(req));
            requests.newLine();
            requests.flush();
            String line = answers.readLine();
            if (line == null) {
                throw new IllegalStateException("pywinrm driver ended unexpectedly");
            }
            JsonNode n = JSON.readTree(line);
            if (n.has("error")) {
                throw new IllegalStateException("pywinrm failed: " + n.get("error").asText());
            }
            return new Result(n.get("stdout").asText(), n.get("stderr").asText(), n.get("status").asInt());
        } catch (IOException e) {
            throw new UncheckedIOException("pywinrm driver: " + e.getMessage(), e);
        }
    }

    /**
     * Runs a script over HTTPS with pywinrm's NTLM transport (no message encryption: TLS protects the
     * bodies), validating the server against {@code caFile}, or trusting any certificate when it is null
     * ({@code server_cert_validation='ignore'}); {@code sendCbt} is pywinrm's {@code send_cbt}, whether
     * requests_ntlm binds the logon to the TLS channel.
     */
    public synchronized Result runNtlmOverHttps(String url, String user, String password, String caFile,
                                                boolean sendCbt, String script) {
        ObjectNode req = JSON.createObjectNode().put("url", url).put("user", user).put("password", password)
                .put("ca", caFile).put("ignore_cert", caFile == null).put("send_cbt", sendCbt).put("script", script)
                .put("transport", "ntlm").put("encryption", "auto");
        return send(req);
    }

    @Override
    public void close() {
        try {
            requests.close();
            process.waitFor();
            Files.deleteIfExists(driver);
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
        }
    }
}
