package io.authcert.lab.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.testing.KerberosWinRm;
import io.authcert.lab.testing.KerberosWinRm.Job;
import io.authcert.lab.testing.PyWinRm;
import io.authcert.security.cbt.CbtHardeningLevel;
import io.authcert.testing.Kdc;
import io.authcert.testing.KdcExtension;
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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Independent Kerberos clients (MIT Kerberos from Python) against lab servers that accept Kerberos with
 * keys from the test KDC: pywinrm itself over HTTPS, and pywinrm's Protocol/Encryption with python-gssapi
 * sealing over HTTP at WinRM's defaults; refusals as a real server gives them.
 */
@Requires({RequiredTool.KRB5_KDC, RequiredTool.PYTHON_GSSAPI, RequiredTool.PYWINRM})
@ExtendWith(KdcExtension.class)
class KerberosAgainstLabIT {

    private static final String SCRIPT = io.authcert.lab.testing.LabScripts.EXCHANGE
            + "(Get-AuthConfig).CurrentCertificateThumbprint\n";
    private static final String EX01 = "ex01.contoso.local";
    private static final String EX02 = "ex02.contoso.local";

    @TempDir
    static Path tmp;
    private static Kdc kdc;
    private static Path wire;
    private static EmbeddedLab strict;
    private static EmbeddedLab tls;

    @BeforeAll
    static void start(Kdc theKdc) throws Exception {
        kdc = theKdc;
        kdc.kinit();
        wire = tmp.resolve("wire.log");
        strict = EmbeddedLab.start("healthy", 2, defaults("strict").withWireLog(wire));
        tls = EmbeddedLab.start("healthy", 1, defaults("tls").withHttps(true));
    }

    @AfterAll
    static void stop() {
        if (strict != null) {
            strict.close();
        }
        if (tls != null) {
            tls.close();
        }
    }

    /** WinRM's defaults (Basic off, AllowUnencrypted false, Negotiate and Kerberos) with every lab host's key. */
    private static EmbeddedLab.Options defaults(String name) throws Exception {
        return EmbeddedLab.Options.defaults().withWinRm(WinRmPolicy.all(WinRmConfig.windowsDefaults()))
                .withKerberos(new KerberosSettings(kdc.serviceKeytab(Kdc.LAB_HOSTS), null, kdc.krb5Conf()))
                .withInventoryFile(tmp.resolve(name + ".yml"));
    }

    private static LogonEvent lastLogon(EmbeddedLab lab, String host) {
        List<LogonEvent> events = lab.logons(host);
        assertThat(events).isNotEmpty();
        return events.get(events.size() - 1);
    }

    @Test
    void pywinrmItselfRunsGetAuthConfigOverHttpsWithDelegationAndWithoutChannelBinding() {
        KerberosWinRm.Result r = KerberosWinRm.run(kdc, Job.pywinrm(tls.endpoint("ex01").url(), EX01, SCRIPT)
                .trusting(tls.caFile().orElseThrow()).delegating());

        assertThat(r.error()).isNull();
        assertThat(r.stdout().trim()).matches("[0-9A-F]{40}");
        // Debian's pykerberos 1.1.14 has no channelBindings(): requests_kerberos tries (send_cbt) and sends none.
        assertThat(r.channelBindingTried()).isTrue();
        assertThat(r.channelBinding()).isNull();
        LogonEvent e = lastLogon(tls, "ex01");
        assertThat(e.succeeded()).isTrue();
        assertThat(e.logon()).isEqualTo(new Logon("Kerberos", "CONTOSO\\administrator", kdc.userPrincipal(), true));
    }

    @Test
    void debiansPywinrmOverHttpLogsOnButSendsItsFirstRequestInClearAndWindowsDefaultsAnswer500() throws Exception {
        Path plainWire = tmp.resolve("plain-wire.log");
        try (EmbeddedLab plain = EmbeddedLab.start("healthy", 1, defaults("plain").withWireLog(plainWire))) {
            KerberosWinRm.Result r = KerberosWinRm.run(kdc, Job.pywinrm(plain.endpoint("ex01").url(), EX01, SCRIPT));

            assertThat(r.errorType()).isEqualTo("WinRMTransportError");
            assertThat(r.error()).contains("Code 500");
            assertThat(lastLogon(plain, "ex01").succeeded()).isTrue();
        }
        // refused, but only after the Create request travelled in clear: message_encryption 'auto' cannot encrypt
        // without pykerberos' WinRM calls, so pywinrm sends plain SOAP (the script itself never goes out)
        assertThat(Files.readString(plainWire, StandardCharsets.ISO_8859_1)).contains("Authorization: Negotiate YI")
                .contains("<rsp:Shell");
    }

    @Test
    void underStrictChannelBindingKerberosOverHttpsIsRefusedWithTheReason() throws Exception {
        EmbeddedLab.Options options = defaults("strict-cbt").withHttps(true).withWinRm(WinRmPolicy.all(
                WinRmConfig.windowsDefaults().withCbtHardeningLevel(CbtHardeningLevel.STRICT)));
        try (EmbeddedLab strictCbt = EmbeddedLab.start("healthy", 1, options)) {
            KerberosWinRm.Result r = KerberosWinRm.run(kdc, Job.pywinrm(strictCbt.endpoint("ex01").url(), EX01, SCRIPT)
                    .trusting(strictCbt.caFile().orElseThrow()));

            assertThat(r.errorType()).isEqualTo("InvalidCredentialsError");
            assertThat(lastLogon(strictCbt, "ex01").failure()).startsWith("CbtHardeningLevel Strict over HTTPS");
        }
    }

    @Test
    void sealedKerberosOverHttpAtWindowsDefaultsRunsGetAuthConfigAndNothingReadableTravels() throws Exception {
        KerberosWinRm.Result r = KerberosWinRm.run(kdc, Job.gssapi(strict.endpoint("ex01").url(), EX01, "kerberos", SCRIPT));

        assertThat(r.error()).isNull();
        assertThat(r.stdout().trim()).matches("[0-9A-F]{40}");
        assertThat(lastLogon(strict, "ex01").logon())
                .isEqualTo(new Logon("Kerberos", "CONTOSO\\administrator", kdc.userPrincipal(), false));
        String log = Files.readString(wire, StandardCharsets.ISO_8859_1);
        assertThat(log).contains("Authorization: Negotiate YI").contains("Www-authenticate: Negotiate ")
                .contains("multipart/encrypted;protocol=\"application/HTTP-SPNEGO-session-encrypted\"");
        String encodedScript = Base64.getEncoder().encodeToString(SCRIPT.getBytes(StandardCharsets.UTF_16LE));
        assertThat(log).doesNotContain("Get-AuthConfig").doesNotContainIgnoringCase("powershell")
                .doesNotContain(encodedScript.substring(0, 24)).doesNotContain("CommandLine")
                .doesNotContain("rsp:Shell").doesNotContain(r.stdout().trim());
    }

    @Test
    void spnegoWrappedKerberosIsAcceptedAndSealedToo() {
        KerberosWinRm.Result r = KerberosWinRm.run(kdc, Job.gssapi(strict.endpoint("ex02").url(), EX02, "spnego", SCRIPT)
                .delegating());

        assertThat(r.error()).isNull();
        assertThat(r.stdout().trim()).matches("[0-9A-F]{40}");
        assertThat(lastLogon(strict, "ex02").logon())
                .isEqualTo(new Logon("SPNEGO/Kerberos", "CONTOSO\\administrator", kdc.userPrincipal(), true));
    }

    @Test
    void anUnencryptedRequestOnTheKerberosConnectionIsRefusedWith500() {
        KerberosWinRm.Result r = KerberosWinRm.run(kdc, Job.gssapi(strict.endpoint("ex01").url(), EX01, "kerberos", SCRIPT)
                .thenUnencrypted());

        assertThat(r.error()).isNull();
        assertThat(r.unencryptedStatus()).isEqualTo(500);
    }

    @Test
    void aTicketForAnotherServersNameIsRefused() {
        KerberosWinRm.Result wrong = KerberosWinRm.run(kdc, Job.gssapi(strict.endpoint("ex01").url(), EX02, "kerberos", SCRIPT));

        assertThat(wrong.errorType()).isEqualTo("InvalidCredentialsError");
        LogonEvent e = lastLogon(strict, "ex01");
        assertThat(e.succeeded()).isFalse();
        assertThat(e.failure()).startsWith("Kerberos: ");
        // the same ticket is good where its name belongs
        assertThat(KerberosWinRm.run(kdc, Job.gssapi(strict.endpoint("ex02").url(), EX02, "kerberos", SCRIPT)).error())
                .isNull();
    }

    @Test
    void basicIsRefusedAtDefaults() {
        try (PyWinRm pywinrm = PyWinRm.open()) {
            assertThatThrownBy(() -> pywinrm.run(strict.endpoint("ex01").url(),
                    "administrator", "Local-Passw0rd!", null, "basic", "auto", SCRIPT))
                    .hasMessageContaining("credentials were rejected");
        }
    }

    @Test
    void anUnauthenticatedRequestIsOfferedNegotiateAndKerberos() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(strict.endpoint("ex01").url()))
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("<s:Envelope/>")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().allValues("WWW-Authenticate")).containsExactlyInAnyOrder("Negotiate", "Kerberos");
    }
}
