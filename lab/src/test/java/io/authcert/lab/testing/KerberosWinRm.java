package io.authcert.lab.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authcert.testing.Kdc;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs PowerShell on a lab server over Kerberos from Python ({@code /usr/bin/python3}), an independent
 * client, with the KDC fixture's ticket cache ({@link Kdc#kinit()} first): pywinrm itself
 * ({@code transport='kerberos'}, no message encryption on Debian, so over HTTPS), or pywinrm's Protocol
 * and Encryption with a python-gssapi auth object that seals bodies over HTTP
 * ({@code kerberos_winrm.py} beside this class says how).
 */
public final class KerberosWinRm {

    /**
     * What to run.
     *
     * @param client           {@code pywinrm} or {@code gssapi}
     * @param spnHost          the host of the SPN {@code HTTP@spnHost} (pywinrm's kerberos_hostname_override)
     * @param mech             gssapi only: {@code kerberos} (a raw Kerberos token) or {@code spnego}
     * @param plainAfter       after the script, send one plain SOAP request on the same connection
     * @param caFile           over HTTPS, the PEM of the CA to trust (pywinrm 0.3's {@code server_cert_validation
     *                         ='ignore'} loses to a {@code REQUESTS_CA_BUNDLE} in the environment); null for HTTP
     */
    public record Job(String client, String url, String spnHost, String mech, boolean delegate,
                      boolean plainAfter, Path caFile, String script) {

        public static Job pywinrm(String url, String spnHost, String script) {
            return new Job("pywinrm", url, spnHost, null, false, false, null, script);
        }

        public static Job gssapi(String url, String spnHost, String mech, String script) {
            return new Job("gssapi", url, spnHost, mech, false, false, null, script);
        }

        public Job delegating() {
            return new Job(client, url, spnHost, mech, true, plainAfter, caFile, script);
        }

        public Job thenUnencrypted() {
            return new Job(client, url, spnHost, mech, delegate, true, caFile, script);
        }

        public Job trusting(Path ca) {
            return new Job(client, url, spnHost, mech, delegate, plainAfter, ca, script);
        }
    }

    /**
     * What came back: the script's output, or the error Python raised.
     *
     * @param unencryptedStatus the HTTP status of the plain request ({@link Job#thenUnencrypted}), else null
     * @param channelBinding    what requests_kerberos bound the channel to (pywinrm client), null for none
     */
    public record Result(String stdout, String stderr, int exitCode, Integer unencryptedStatus, String channelBinding,
                         boolean channelBindingTried, String error, String errorType) {
        public boolean ok() {
            return error == null;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private KerberosWinRm() {
    }

    /** Runs {@code job} with {@code kdc}'s krb5.conf and ticket cache. */
    public static Result run(Kdc kdc, Job job) {
        try {
            Path script = Files.createTempFile("kerberos_winrm", ".py");
            try (InputStream in = KerberosWinRm.class.getResourceAsStream("kerberos_winrm.py")) {
                Files.write(script, in.readAllBytes());
            }
            ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", script.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().putAll(kdc.clientEnvironment());
            Process p = pb.start();
            ObjectNode request = JSON.createObjectNode().put("client", job.client()).put("url", job.url())
                    .put("spn_host", job.spnHost()).put("mech", job.mech()).put("delegate", job.delegate())
                    .put("then_unencrypted", job.plainAfter()).put("script", job.script())
                    .put("ca_trust_path", job.caFile() == null ? null : job.caFile().toString());
            p.getOutputStream().write(JSON.writeValueAsBytes(request));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("kerberos_winrm.py did not finish in 60 s");
            }
            Files.deleteIfExists(script);
            JsonNode n = JSON.readTree(out);
            if (n == null) {
                throw new IllegalStateException("kerberos_winrm.py printed nothing (exit " + p.exitValue() + ")");
            }
            return new Result(n.path("stdout").asText(null), n.path("stderr").asText(null), n.path("exit_code").asInt(-1),
                    n.hasNonNull("unencrypted_status") ? n.get("unencrypted_status").asInt() : null,
                    n.path("cbt").asText(null), n.path("cbt_tried").asBoolean(), n.path("error").asText(null),
                    n.path("error_type").asText(null));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kerberos_winrm.py: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while kerberos_winrm.py ran", e);
        }
    }
}
