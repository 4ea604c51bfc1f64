package io.authcert.lab.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.testing.PsSyntax;
import io.authcert.lab.testing.PyWinRm;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed's manual fix, typed by hand through pywinrm against the "expired" outage: OWA goes from 500
 * to 200 when the steps are done in the runbook's order, and stays broken on a server restarted before
 * the certificate reached it.
 */
@Requires(RequiredTool.PYWINRM)
class SeedRunbookIT {

    private static final String SNAPIN = io.authcert.lab.testing.LabScripts.EXCHANGE;
    private static final String NEW_CERTIFICATE = SNAPIN
            + "$c = New-ExchangeCertificate -KeySize 2048 -PrivateKeyExportable $true"
            + " -SubjectName \"cn=Microsoft Exchange Server Auth Certificate\""
            + " -FriendlyName \"Microsoft Exchange Server Auth Certificate\" -DomainName @()%s\n"
            + "$c.Thumbprint\n";
    private static final String STAGE = SNAPIN
            + "Set-AuthConfig -NewCertificateThumbprint '%s' -NewCertificateEffectiveDate (Get-Date) -Force\n";
    private static final String PUBLISH = SNAPIN + "Set-AuthConfig -PublishCertificate\n";
    private static final String CLEAR = SNAPIN + "Set-AuthConfig -ClearPreviousCertificate\n";
    private static final String HAS_CERTIFICATE = SNAPIN
            + "$found = @(Get-ExchangeCertificate -Thumbprint '%s' -ErrorAction SilentlyContinue)\n"
            + "$found.Count\n";
    private static final String RESTART = "Restart-Service MSExchangeServiceHost\n"
            + "Restart-WebAppPool MSExchangeOWAAppPool\n"
            + "Restart-WebAppPool MSExchangeECPAppPool\n";
    private static final String CURRENT = SNAPIN + "(Get-AuthConfig).CurrentCertificateThumbprint\n";

    private final HttpClient http = HttpClient.newHttpClient();
    private PyWinRm winrm;

    @org.junit.jupiter.api.BeforeEach
    void openClient() {
        winrm = PyWinRm.open();
    }

    @org.junit.jupiter.api.AfterEach
    void closeClient() {
        winrm.close();
    }

    @Test
    void theRunbookInOrderBringsOwaBackOnEveryServer() throws Exception {
        PsSyntax.assertValid(NEW_CERTIFICATE.formatted(""), STAGE.formatted("AB"), PUBLISH, CLEAR,
                HAS_CERTIFICATE.formatted("AB"), RESTART, CURRENT);
        try (EmbeddedLab lab = EmbeddedLab.start("expired", 3, EmbeddedLab.Options.defaults().withSpeed(0))) {
            for (String h : lab.hosts()) {
                assertThat(owa(lab, h)).as("OWA on %s before the fix", h).isEqualTo(500);
            }

            // The seed's command as typed asks to replace the default SMTP certificate: over WinRM nobody can answer.
            int before = lab.organisation().certificatesOn(lab.organisation().server("ex01").orElseThrow()).size();
            PyWinRm.Result prompt = winrm.run(lab, "ex01", NEW_CERTIFICATE.formatted(""));
            assertThat(prompt.stderr()).contains("NonInteractive mode");
            assertThat(prompt.stdout()).isBlank();
            assertThat(lab.organisation().certificatesOn(lab.organisation().server("ex01").orElseThrow())).hasSize(before);

            String thumbprint = ok(winrm.run(lab, "ex01", NEW_CERTIFICATE.formatted(" -Force"))).strip();
            assertThat(thumbprint).matches("[0-9A-F]{40}");
            ok(winrm.run(lab, "ex01", STAGE.formatted(thumbprint)));
            ok(winrm.run(lab, "ex01", PUBLISH));
            ok(winrm.run(lab, "ex01", CLEAR));
            assertThat(owa(lab, "ex01")).as("still cached the expired certificate").isEqualTo(500);

            // Wait until the certificate has reached every server: the servicelet runs within 12 hours.
            assertThat(ok(winrm.run(lab, "ex02", HAS_CERTIFICATE.formatted(thumbprint))).strip()).isEqualTo("0");
            lab.clock().advance(Duration.ofHours(12));
            for (String h : lab.hosts()) {
                assertThat(ok(winrm.run(lab, h, HAS_CERTIFICATE.formatted(thumbprint))).strip()).as(h).isEqualTo("1");
            }
            for (String h : lab.hosts()) {
                ok(winrm.run(lab, h, RESTART));
            }

            for (String h : lab.hosts()) {
                assertThat(owa(lab, h)).as("OWA on %s after the fix", h).isEqualTo(302);
                assertThat(lab.healthOf(h).healthy()).isTrue();
                assertThat(ok(winrm.run(lab, h, CURRENT)).strip()).isEqualTo(thumbprint);
            }
            // The audit log shows the runbook's order: publish on ex01, certificate seen everywhere, then restarts.
            long published = lab.audit().entries(e -> e.mentions("-PublishCertificate")).get(0).seq();
            for (String h : lab.hosts()) {
                List<AuditLog.Entry> ran = lab.audit().of(h);
                long seen = ran.stream().filter(e -> e.mentions("Get-ExchangeCertificate -Thumbprint"))
                        .mapToLong(AuditLog.Entry::seq).max().orElseThrow();
                long restarted = ran.stream().filter(e -> e.mentions("Restart-WebAppPool MSExchangeECPAppPool"))
                        .mapToLong(AuditLog.Entry::seq).min().orElseThrow();
                assertThat(published).isLessThan(seen);
                assertThat(seen).as(h).isLessThan(restarted);
            }
            assertThat(lab.audit().entries(e -> e.mentions("Set-AuthConfig"))).extracting(AuditLog.Entry::server)
                    .containsOnly("ex01");
        }
    }

    @Test
    void restartingBeforeTheCertificateArrivedLeavesTheServerBroken() throws Exception {
        try (EmbeddedLab lab = EmbeddedLab.start("expired", 2, EmbeddedLab.Options.defaults().withSpeed(0))) {
            String thumbprint = ok(winrm.run(lab, "ex01", NEW_CERTIFICATE.formatted(" -Force"))).strip();
            ok(winrm.run(lab, "ex01", STAGE.formatted(thumbprint)));
            ok(winrm.run(lab, "ex01", PUBLISH));

            // Wrong order: ex02 restarts at once, before replication and before the certificate was copied.
            ok(winrm.run(lab, "ex02", RESTART));
            ok(winrm.run(lab, "ex01", RESTART));
            lab.clock().advance(Duration.ofHours(13));

            assertThat(ok(winrm.run(lab, "ex02", HAS_CERTIFICATE.formatted(thumbprint))).strip())
                    .as("the certificate did arrive later").isEqualTo("1");
            assertThat(owa(lab, "ex01")).isEqualTo(302);
            assertThat(owa(lab, "ex02")).as("ex02's app pools cached no certificate").isEqualTo(500);
            assertThat(body(lab, "ex02")).contains("HMACProvider.GetCertificates:protectionCertificates.Length<1");

            // Restarting again, now that the certificate is there, repairs it.
            ok(winrm.run(lab, "ex02", RESTART));
            assertThat(owa(lab, "ex02")).isEqualTo(302);
        }
    }

    private static String ok(PyWinRm.Result r) {
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.stderr()).isZero();
        return r.stdout();
    }

    /** What OWA's forms-based sign-in answers the lab's account: where the outage shows. */
    private int owa(EmbeddedLab lab, String host) throws IOException, InterruptedException {
        return signIn(lab, host).statusCode();
    }

    private String body(EmbeddedLab lab, String host) throws IOException, InterruptedException {
        return signIn(lab, host).body();
    }

    private HttpResponse<String> signIn(EmbeddedLab lab, String host) throws IOException, InterruptedException {
        String form = "destination=%2Fowa%2F&flags=4&forcedownlevel=0&username="
                + java.net.URLEncoder.encode(lab.user(), java.nio.charset.StandardCharsets.UTF_8)
                + "&password=" + java.net.URLEncoder.encode(lab.password(), java.nio.charset.StandardCharsets.UTF_8)
                + "&passwordText=&isUtf8=1";
        return http.send(HttpRequest.newBuilder(URI.create(lab.owaSignInUrl(host)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
