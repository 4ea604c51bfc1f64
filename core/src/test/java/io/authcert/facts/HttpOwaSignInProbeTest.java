package io.authcert.facts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.authcert.inventory.InventoryHost;
import io.authcert.vault.Secret;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Forms sign-in against a real (JDK) HTTP server on loopback answering as OWA does, and how the answers are read. */
class HttpOwaSignInProbeTest {

    private static final String PASSWORD = "S3cret&=+ pass";

    private HttpServer server;
    private final AtomicReference<String> posted = new AtomicReference<>();
    private final HttpOwaSignInProbe probe = new HttpOwaSignInProbe();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/owa/auth.owa", ex -> {
            posted.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.getResponseHeaders().add("Location", "/owa/");
            ex.getResponseHeaders().add("Set-Cookie", "cadata=abc; path=/; HttpOnly");
            ex.getResponseHeaders().add("Set-Cookie", "cadataSig=def; path=/; HttpOnly");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/broken/owa/auth.owa", ex -> {
            byte[] body = ("<h1>Server Error in '/owa' Application.</h1>Exception Details: Microsoft.Exchange.Diagnostics.ExAssertException: "
                    + "ASSERT: HMACProvider.GetCertificates:protectionCertificates.Length<1").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(500, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private OwaSignInTarget target(String path) {
        return new OwaSignInTarget("http://127.0.0.1:" + server.getAddress().getPort() + path, "CONTOSO\\owaprobe",
                Secret.of(PASSWORD), null, null);
    }

    @Test
    void aRedirectWithCadataCookiesIsSignedInAndTheFormCarriesTheLogonFields() {
        OwaHealth h = probe.signIn(target("/owa/auth.owa"), Duration.ofSeconds(5));
        assertThat(h.status()).isEqualTo(OwaHealth.Status.HEALTHY);
        assertThat(h.detail()).isEqualTo("signed in (HTTP 302, cadata cookies)");
        assertThat(posted.get()).startsWith("destination=http%3A%2F%2F127.0.0.1%3A")
                .contains("&flags=4&forcedownlevel=0&username=CONTOSO%5Cowaprobe&password=S3cret%26%3D%2B+pass&passwordText=&isUtf8=1");
        assertThat(h.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void a500WithTheExAssertIsTheAuthCertificateOutageAndNeverShowsThePassword() {
        OwaHealth h = probe.signIn(target("/broken/owa/auth.owa"), Duration.ofSeconds(5));
        assertThat(h.status()).isEqualTo(OwaHealth.Status.UNHEALTHY);
        assertThat(h.detail()).startsWith("HTTP 500: ASSERT: HMACProvider.GetCertificates:protectionCertificates.Length<1");
        assertThat(h.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void aClosedPortIsUnreachable() {
        OwaSignInTarget closed = new OwaSignInTarget("http://127.0.0.1:1/owa/auth.owa", "u", Secret.of("p"), null, null);
        assertThat(probe.signIn(closed, Duration.ofSeconds(2)).status()).isEqualTo(OwaHealth.Status.UNREACHABLE);
    }

    @Test
    void answersAreReadAsOwaGivesThem() {
        String u = "https://mail/owa/auth.owa";
        assertThat(SignInAnswer.judge(u, 302, "/owa/auth/logon.aspx?replaceCurrent=1&reason=2&url=x", List.of(), "").detail())
                .startsWith("sign-in refused (back to the logon page, reason=2)");
        assertThat(SignInAnswer.judge(u, 302, "/owa/auth/errorFE.aspx?httpCode=500", List.of(), "").status())
                .isEqualTo(OwaHealth.Status.UNHEALTHY);
        assertThat(SignInAnswer.judge(u, 302, "/owa/", List.of("CADATA=1; path=/"), "").status()).isEqualTo(OwaHealth.Status.HEALTHY);
        assertThat(SignInAnswer.judge(u, 302, "/owa/", List.of("X-OWA-CANARY=1"), "").detail())
                .isEqualTo("HTTP 302 without cadata cookies to /owa/");
        assertThat(SignInAnswer.judge(u, 500, null, List.of(), "Object reference not set").detail()).isEqualTo("HTTP 500");
        assertThat(SignInAnswer.judge(u, 200, null, List.of(), "<form>").detail()).isEqualTo("HTTP 200");
    }

    @Test
    void theTargetComesFromTheHostsVariablesOrSaysWhyNot() {
        OwaSignInTarget t = OwaSignInTarget.of(new InventoryHost("ex01", Map.of(OwaHealth.URL_VAR, "https://ex01.contoso.local:8443/owa/healthcheck.htm",
                OwaSignInTarget.USER_VAR, "CONTOSO\\owaprobe", OwaSignInTarget.PASSWORD_VAR, "pw")));
        assertThat(t.url()).isEqualTo("https://ex01.contoso.local:8443/owa/auth.owa");
        assertThat(t.toString()).doesNotContain("=pw");
        OwaSignInTarget explicit = OwaSignInTarget.of(new InventoryHost("ex01", Map.of(OwaSignInTarget.URL_VAR, "https://mail/owa/auth.owa",
                OwaSignInTarget.USER_VAR, "u@contoso.local", OwaSignInTarget.PASSWORD_VAR, "pw")));
        assertThat(explicit.url()).isEqualTo("https://mail/owa/auth.owa");
        assertThat(OwaSignInTarget.of(new InventoryHost("ex01", Map.of(OwaHealth.URL_VAR, "https://ex01/owa/healthcheck.htm")))
                .notCheckedReason()).isEqualTo("sign-in not checked: no owa_probe_user (a test mailbox) for this host");
        OwaSignInTarget noPassword = OwaSignInTarget.of(new InventoryHost("ex01", Map.of(OwaSignInTarget.USER_VAR, "u")));
        assertThat(noPassword.checked()).isFalse();
        assertThat(noPassword.notCheckedReason()).contains("owa_probe_password is not");
        assertThat(probe.signIn(noPassword, Duration.ofSeconds(1)).status()).isEqualTo(OwaHealth.Status.NOT_CONFIGURED);
        assertThat(OwaSignInTarget.of(new InventoryHost("ex01", Map.of(OwaSignInTarget.USER_VAR, "u", OwaSignInTarget.PASSWORD_VAR, "p")))
                .notCheckedReason()).contains("neither owa_signin_url nor owa_health_url");
        assertThat(OwaSignInTarget.besideHealthPage("not a url")).isNull();
        assertThat(URI.create(t.url()).getPath()).isEqualTo("/owa/auth.owa");
    }
}
