package io.authcert.transport.winrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.wsman.NtlmLogons;
import io.authcert.lab.wsman.TlsInterceptor;
import io.authcert.lab.wsman.WinRmConfig;
import io.authcert.lab.wsman.WinRmPolicy;
import io.authcert.security.cbt.CbtHardeningLevel;
import io.authcert.security.cbt.ChannelBindings;
import io.authcert.security.ntlm.AuthenticateMessage;
import io.authcert.security.ntlm.AvPairs;
import io.authcert.transport.CommandResult;
import io.authcert.transport.Target;
import io.authcert.transport.TransportException;
import io.authcert.vault.Secret;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's NTLM over real HTTPS against lab servers at each CbtHardeningLevel (ex01 Strict, ex02
 * Relaxed, ex03 None): it binds its logon to the certificate the TLS session presented, so Strict
 * accepts it and a TLS man-in-the-middle ({@link TlsInterceptor}) cannot relay it; over HTTP it sends none.
 */
class WinRmChannelBindingIT {

    private static final String SCRIPT = io.authcert.lab.testing.LabScripts.EXCHANGE
            + "(Get-AuthConfig).CurrentCertificateThumbprint\n";
    private static final String USER = "CONTOSO\\administrator";
    private static final String PASSWORD = "Lab-Passw0rd!";

    @TempDir
    static Path tmp;
    private static EmbeddedLab lab;
    private static NtlmLogons logons;

    @BeforeAll
    static void start() throws Exception {
        Path wire = tmp.resolve("wire.log");
        WinRmConfig defaults = WinRmConfig.windowsDefaults();
        WinRmPolicy policy = new WinRmPolicy(defaults, Map.of(
                "ex01", defaults.withCbtHardeningLevel(CbtHardeningLevel.STRICT),
                "ex02", defaults.withCbtHardeningLevel(CbtHardeningLevel.RELAXED),
                "ex03", defaults.withCbtHardeningLevel(CbtHardeningLevel.NONE)));
        lab = EmbeddedLab.start("healthy", 3, EmbeddedLab.Options.defaults().withHttps(true).withWinRm(policy)
                .withWireLog(wire).withInventoryFile(tmp.resolve("cbt.yml")));
        logons = new NtlmLogons(wire);
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    /** NTLM over HTTPS to {@code port}, validating against the lab CA, or trusting anything when {@code validate} is false. */
    private static Target https(int port, boolean validate) {
        Map<String, Object> v = new HashMap<>(Map.of("ansible_host", "127.0.0.1", "ansible_port", port,
                "ansible_winrm_scheme", "https", "ansible_user", USER, "ansible_password", Secret.of(PASSWORD),
                "ansible_winrm_transport", "ntlm"));
        if (validate) {
            v.put("ansible_winrm_ca_trust_path", lab.caFile().orElseThrow().toString());
        } else {
            v.put("ansible_winrm_server_cert_validation", "ignore");
        }
        return new TargetResolver().resolve("ex01", v);
    }

    private static byte[] bindingsOf(AuthenticateMessage a) {
        return a.clientTargetInfo().get(AvPairs.CHANNEL_BINDINGS).orElse(null);
    }

    private static byte[] md5Of(X509Certificate c) {
        return ChannelBindings.tlsServerEndPoint(c).orElseThrow().md5();
    }

    @Test
    void strictAcceptsTheEnginesLogonBoundToTheLabsCertificate() throws Exception {
        logons.sinceLastLook();
        try (WinRmTransport transport = new WinRmTransport(RetryPolicy.NONE)) {
            CommandResult r = transport.run(https(lab.port("ex01"), true), SCRIPT, Duration.ofSeconds(60));
            assertThat(r.exitCode()).isZero();
            assertThat(r.stdout().trim()).matches("[0-9A-F]{40}");
        }
        byte[] expected = md5Of(TlsInterceptor.presentedCertificate(lab.port("ex01")));
        List<AuthenticateMessage> seen = logons.sinceLastLook();
        assertThat(seen).isNotEmpty().allSatisfy(a -> assertThat(bindingsOf(a)).isEqualTo(expected));
    }

    @Test
    void throughATlsManInTheMiddleRelaxedAndStrictRefuseTheLogon() throws Exception {
        for (String host : new String[] {"ex01", "ex02"}) {
            try (TlsInterceptor mitm = TlsInterceptor.inFrontOf(lab.port(host));
                 WinRmTransport transport = new WinRmTransport(RetryPolicy.NONE)) {
                logons.sinceLastLook();
                assertThatThrownBy(() -> transport.run(https(mitm.port(), false), SCRIPT, Duration.ofSeconds(30)))
                        .as(host).isInstanceOfSatisfying(TransportException.class, e -> {
                            assertThat(e.kind()).isEqualTo(TransportException.Kind.AUTHENTICATION);
                            assertThat(e.getMessage()).contains("TLS-intercepting proxy").contains("CbtHardeningLevel")
                                    .doesNotContain(PASSWORD);
                        });
                assertThat(logons.sinceLastLook()).as("bound to what the engine saw: the interceptor's certificate")
                        .isNotEmpty().allSatisfy(a -> assertThat(bindingsOf(a)).isEqualTo(md5Of(mitm.certificate())));
            }
        }
        try (TlsInterceptor mitm = TlsInterceptor.inFrontOf(lab.port("ex03"));
             WinRmTransport transport = new WinRmTransport(RetryPolicy.NONE)) {
            assertThat(transport.run(https(mitm.port(), false), SCRIPT, Duration.ofSeconds(60)).stdout().trim())
                    .as("at None the relayed logon gets in").matches("[0-9A-F]{40}");
        }
    }

    @Test
    void overHttpThereIsNoChannelAndNoBindingsAreSent() throws Exception {
        Path wire = tmp.resolve("http-wire.log");
        WinRmPolicy strict = WinRmPolicy.all(WinRmConfig.windowsDefaults().withCbtHardeningLevel(CbtHardeningLevel.STRICT));
        try (EmbeddedLab http = EmbeddedLab.start("healthy", 1, EmbeddedLab.Options.defaults().withWinRm(strict)
                .withWireLog(wire).withInventoryFile(tmp.resolve("http.yml")));
             WinRmTransport transport = new WinRmTransport(RetryPolicy.NONE)) {
            Map<String, Object> v = new HashMap<>(Map.of("ansible_host", "127.0.0.1", "ansible_port", http.port("ex01"),
                    "ansible_winrm_scheme", "http", "ansible_user", USER, "ansible_password", Secret.of(PASSWORD),
                    "ansible_winrm_transport", "ntlm"));
            NtlmLogons httpLogons = new NtlmLogons(wire);
            CommandResult r = transport.run(new TargetResolver().resolve("ex01", v), SCRIPT, Duration.ofSeconds(60));
            assertThat(r.stdout().trim()).matches("[0-9A-F]{40}");
            assertThat(httpLogons.sinceLastLook()).isNotEmpty().allSatisfy(a -> assertThat(bindingsOf(a)).isNull());
        }
    }
}
