package io.authcert.lab.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.testing.PyWinRm;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pywinrm, an independent client, against a lab server at WinRM's defaults: NTLM with MS-WSMV message
 * encryption works and nothing readable travels; Basic and unencrypted NTLM are refused with 401.
 */
@Requires(RequiredTool.PYWINRM)
class NtlmEncryptionAgainstLabIT {

    private static final String SCRIPT = io.authcert.lab.testing.LabScripts.EXCHANGE
            + "(Get-AuthConfig).CurrentCertificateThumbprint\n";
    private static final String PASSWORD = "Lab-Passw0rd!";

    @TempDir
    static Path tmp;
    private static EmbeddedLab strict;
    private static PyWinRm pywinrm;
    private static Path wire;

    @BeforeAll
    static void start() throws Exception {
        wire = tmp.resolve("wire.log");
        strict = EmbeddedLab.start("healthy", 1, EmbeddedLab.Options.defaults()
                .withWinRm(WinRmPolicy.all(WinRmConfig.windowsDefaults())).withWireLog(wire)
                .withInventoryFile(tmp.resolve("strict.yml")));
        pywinrm = PyWinRm.open();
    }

    @AfterAll
    static void stop() {
        pywinrm.close();
        strict.close();
    }

    private static PyWinRm.Result run(String user, String password, String transport, String encryption) {
        return pywinrm.run(strict.endpoint("ex01").url(), user, password, null, transport, encryption, SCRIPT);
    }

    @Test
    void ntlmWithEncryptionRunsGetAuthConfig() {
        PyWinRm.Result r = run("CONTOSO\\administrator", PASSWORD, "ntlm", "auto");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout().trim()).matches("[0-9A-F]{40}");
    }

    @Test
    void userPrincipalNameAndLocalAccountsLogOn() {
        assertThat(run("administrator@contoso.local", PASSWORD, "ntlm", "auto").stdout().trim()).matches("[0-9A-F]{40}");
        assertThat(run("administrator", "Local-Passw0rd!", "ntlm", "always").stdout().trim()).matches("[0-9A-F]{40}");
    }

    /** pywinrm decrypts a 500's body and finds w:TimedOut (code 2150858793) in it, as against Windows. */
    @Test
    void aSilentCommandOutlivesTheOperationTimeoutThroughSealedTimedOutFaults() {
        PyWinRm.Result r = pywinrm.run(strict.endpoint("ex01").url(), "CONTOSO\\administrator", PASSWORD, null, "ntlm",
                "auto", "Start-Sleep -Seconds 6\nWrite-Output 'patient'\n");
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("patient\r\n");
    }

    @Test
    void wrongPasswordIsRefused() {
        assertThatThrownBy(() -> run("CONTOSO\\administrator", "not-the-password", "ntlm", "auto"))
                .hasMessageContaining("credentials were rejected");
    }

    @Test
    void basicIsRefusedAtDefaults() {
        assertThatThrownBy(() -> run("CONTOSO\\administrator", PASSWORD, "basic", "auto"))
                .hasMessageContaining("credentials were rejected");
    }

    @Test
    void unencryptedNtlmIsRefusedAtDefaults() {
        assertThatThrownBy(() -> run("CONTOSO\\administrator", PASSWORD, "ntlm", "never"))
                .hasMessageContaining("500");
    }

    @Test
    void unauthenticatedPostIsAnswered401WithNegotiateAndKerberosOnly() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(strict.endpoint("ex01").url()))
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("<s:Envelope/>")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactlyInAnyOrder("Negotiate", "Kerberos");
    }

    @Test
    void nothingReadableOnTheWire() throws Exception {
        run("CONTOSO\\administrator", PASSWORD, "ntlm", "auto");
        String log = Files.readString(wire, StandardCharsets.ISO_8859_1);
        assertThat(log).contains("multipart/encrypted").contains("Authorization: Negotiate ");
        String encodedScript = Base64.getEncoder().encodeToString(SCRIPT.getBytes(StandardCharsets.UTF_16LE));
        assertThat(log).doesNotContain("Get-AuthConfig").doesNotContainIgnoringCase("powershell")
                .doesNotContain(encodedScript.substring(0, 24)).doesNotContain("CommandLine")
                .doesNotContain(PASSWORD)
                .doesNotContain(Base64.getEncoder().encodeToString(PASSWORD.getBytes(StandardCharsets.UTF_8)))
                .doesNotContain(new String(PASSWORD.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1));
    }

    @Test
    void withBasicOverHttpThePowerShellIsReadable() throws Exception {
        Path basicWire = tmp.resolve("basic-wire.log");
        try (EmbeddedLab open = EmbeddedLab.start("healthy", 1, EmbeddedLab.Options.defaults().withWireLog(basicWire)
                .withCredentials(EmbeddedLab.Options.LOCAL_USER, PASSWORD).withBasicOverHttp()
                .withInventoryFile(tmp.resolve("basic.yml")))) {
            PyWinRm.Result r = pywinrm.run(open.endpoint("ex01").url(), open.user(), open.password(), null, "basic",
                    "auto", SCRIPT);
            assertThat(r.stdout().trim()).matches("[0-9A-F]{40}");
        }
        assertThat(Files.readString(basicWire, StandardCharsets.ISO_8859_1)).containsIgnoringCase("powershell")
                .contains("Authorization: Basic ");
    }
}
