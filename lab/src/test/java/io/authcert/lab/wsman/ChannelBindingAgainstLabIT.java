package io.authcert.lab.wsman;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.testing.PyWinRm;
import io.authcert.security.cbt.CbtHardeningLevel;
import io.authcert.security.cbt.ChannelBindings;
import io.authcert.security.ntlm.AuthenticateMessage;
import io.authcert.security.ntlm.AvPairs;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pywinrm (requests_ntlm, send_cbt) over real HTTPS against lab servers at each CbtHardeningLevel:
 * ex01 Strict, ex02 Relaxed, ex03 None. The lab's wire log shows what requests_ntlm put in its
 * AUTHENTICATE; a {@link TlsInterceptor} plays the man-in-the-middle the bindings exist to stop.
 */
@Requires(RequiredTool.PYWINRM)
class ChannelBindingAgainstLabIT {

    private static final String SCRIPT = io.authcert.lab.testing.LabScripts.EXCHANGE
            + "(Get-AuthConfig).CurrentCertificateThumbprint\n";
    private static final String USER = "CONTOSO\\administrator";
    private static final String PASSWORD = "Lab-Passw0rd!";

    @TempDir
    static Path tmp;
    private static EmbeddedLab lab;
    private static PyWinRm pywinrm;
    private static Path wire;
    private static NtlmLogons logons;
    private static String ca;

    @BeforeAll
    static void start() throws Exception {
        wire = tmp.resolve("wire.log");
        WinRmConfig defaults = WinRmConfig.windowsDefaults();
        WinRmPolicy policy = new WinRmPolicy(defaults, Map.of(
                "ex01", defaults.withCbtHardeningLevel(CbtHardeningLevel.STRICT),
                "ex02", defaults.withCbtHardeningLevel(CbtHardeningLevel.RELAXED),
                "ex03", defaults.withCbtHardeningLevel(CbtHardeningLevel.NONE)));
        lab = EmbeddedLab.start("healthy", 3, EmbeddedLab.Options.defaults().withHttps(true).withWinRm(policy)
                .withWireLog(wire).withInventoryFile(tmp.resolve("cbt.yml")));
        ca = lab.caFile().orElseThrow().toString();
        pywinrm = PyWinRm.open();
        logons = new NtlmLogons(wire);
    }

    @AfterAll
    static void stop() {
        pywinrm.close();
        lab.close();
    }

    private static PyWinRm.Result run(String url, String caFile, boolean sendCbt) {
        return pywinrm.runNtlmOverHttps(url, USER, PASSWORD, caFile, sendCbt, SCRIPT);
    }

    private static byte[] bindingsOf(AuthenticateMessage a) {
        return a.clientTargetInfo().get(AvPairs.CHANNEL_BINDINGS).orElse(null);
    }

    private static byte[] md5Of(java.security.cert.X509Certificate c) {
        return ChannelBindings.tlsServerEndPoint(c).orElseThrow().md5();
    }

    /** The status line and headers of the response that followed the first AUTHENTICATE in {@code log}. */
    private static String answerToTheAuthenticate(String log) {
        int authenticate = log.indexOf("Authorization: Negotiate TlRMTVNTUAADAAAA");
        assertThat(authenticate).as("an AUTHENTICATE was sent").isNotNegative();
        int response = log.indexOf("\n< ", authenticate) + 1;
        return log.substring(response, log.indexOf("\n\n", response) + 1);
    }

    @Test
    void requestsNtlmBindsItsLogonToTheLabsCertificateAndStrictLetsItIn() {
        logons.sinceLastLook();
        byte[] expected = md5Of(TlsInterceptor.presentedCertificate(lab.port("ex01")));

        PyWinRm.Result r = run(lab.endpoint("ex01").url(), ca, true);

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout().trim()).matches("[0-9A-F]{40}");
        List<AuthenticateMessage> seen = logons.sinceLastLook();
        assertThat(seen).isNotEmpty().allSatisfy(a -> {
            assertThat(bindingsOf(a)).as("MsvAvChannelBindings").isEqualTo(expected);
            assertThat(a.clientTargetInfo().flags() & AvPairs.FLAG_MIC_PRESENT).as("MsvAvFlags MIC").isNotZero();
            assertThat(a.clientTargetInfo().get(AvPairs.TARGET_NAME)).as("requests_ntlm sends no MsvAvTargetName")
                    .isEmpty();
        });
    }

    @Test
    void withoutBindingsStrictAnswers401AndRelaxedLetsItIn() throws Exception {
        long before = Files.exists(wire) ? Files.size(wire) : 0;
        logons.sinceLastLook();
        assertThatThrownBy(() -> run(lab.endpoint("ex01").url(), ca, false))
                .hasMessageContaining("credentials were rejected");
        assertThat(logons.sinceLastLook()).isNotEmpty().allSatisfy(a -> assertThat(bindingsOf(a)).isNull());
        String log = Files.readString(wire, StandardCharsets.ISO_8859_1).substring((int) before);
        assertThat(answerToTheAuthenticate(log)).as("the refusal: a 401 offering the server's schemes again")
                .startsWith("< 401 ").containsIgnoringCase("\nWWW-Authenticate: Negotiate\n")
                .containsIgnoringCase("\nWWW-Authenticate: Kerberos\n");

        assertThat(run(lab.endpoint("ex02").url(), ca, false).stdout().trim()).matches("[0-9A-F]{40}");
        assertThat(run(lab.endpoint("ex03").url(), ca, false).stdout().trim()).matches("[0-9A-F]{40}");
    }

    @Test
    void throughATlsManInTheMiddleRelaxedAndStrictRefuseTheRelayedLogon() {
        for (String host : new String[] {"ex01", "ex02"}) {
            try (TlsInterceptor mitm = TlsInterceptor.inFrontOf(lab.port(host))) {
                logons.sinceLastLook();
                assertThatThrownBy(() -> run("https://127.0.0.1:" + mitm.port() + "/wsman", null, true)).as(host)
                        .hasMessageContaining("credentials were rejected");
                assertThat(logons.sinceLastLook()).as("bound to what the client saw: the interceptor's certificate")
                        .isNotEmpty().allSatisfy(a -> assertThat(bindingsOf(a)).isEqualTo(md5Of(mitm.certificate())));
            }
        }
        try (TlsInterceptor mitm = TlsInterceptor.inFrontOf(lab.port("ex03"))) {
            assertThat(run("https://127.0.0.1:" + mitm.port() + "/wsman", null, true).stdout().trim())
                    .as("at None the relayed logon gets in").matches("[0-9A-F]{40}");
        }
    }
}
