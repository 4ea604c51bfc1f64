package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.exchange.ExchangeCertificate;
import io.authcert.lab.exchange.ExchangeServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lifetime_days: 365} end to end over WinRM on the lab's {@code expired} scenario: the engine's
 * create step runs New-SelfSignedCertificate on the primary, Set-AuthConfig takes the certificate, the
 * servicelet copies it to every server, the run converges, the new current certificate is valid 365
 * days from its creation on the lab's clock, and OWA sign-in works again.
 */
class LifetimeDaysIT {

    @TempDir
    Path dir;

    @Test
    void theExpiredOrganisationIsRepairedWithACertificateValid365Days() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 3)) {
            String old = lab.organisation().authConfigInDirectory().currentThumbprint();
            Path playbook = dir.resolve("lifetime.yml");
            Files.writeString(playbook, Files.readString(Path.of("playbooks/auth-certificate.yml"))
                    .replace("        clear_previous: true\n", "        clear_previous: true\n        lifetime_days: 365\n"));

            LabApplier.Outcome applied = new LabApplier(lab, dir.resolve("state")).apply(playbook.toString());

            assertThat(applied.exitCode()).as(applied.all()).isZero();
            assertThat(applied.out()).contains("valid 365 days (lifetime_days)")
                    .containsPattern("OWA sign-in after:\\n(  ex0[123]  ok  http://127.0.0.1:\\d+/owa/auth.owa\\n){3}Verified.");
            assertThat(lab.audit().entries(e -> e.mentions("New-SelfSignedCertificate"))).hasSize(1);
            assertThat(lab.audit().entries(e -> e.mentions("New-ExchangeCertificate"))).isEmpty();

            String current = lab.organisation().authConfigInDirectory().currentThumbprint();
            assertThat(current).isNotEqualTo(old);
            assertThat(lab.organisation().authConfigInDirectory().previousThumbprint()).as("cleared").isNull();
            Instant created = null;
            for (ExchangeServer server : lab.organisation().servers()) {
                ExchangeCertificate c = lab.organisation().certificateOn(server, current).orElseThrow(
                        () -> new AssertionError(server.name() + " lacks the new certificate"));
                assertThat(c.hasPrivateKey()).isTrue();
                assertThat(c.keyStorage()).isEqualTo(ExchangeCertificate.KeyStorage.CRYPTO_API);
                // New-SelfSignedCertificate's NotBefore is 10 minutes before the certificate was created.
                created = c.notBefore().plus(Duration.ofMinutes(10));
                assertThat(Duration.between(created, c.notAfter())).isEqualTo(Duration.ofDays(365));
            }
            assertThat(created).isBetween(Instant.parse("2026-11-26T04:00:00Z"), lab.clock().instant());

            LabApplier.Outcome again = new LabApplier(lab, dir.resolve("state")).engine("plan", "-i",
                    lab.inventoryFile().toString(), playbook.toString());
            assertThat(again.exitCode()).as(again.all()).isZero();
            assertThat(again.out()).contains("No changes.");
        }
    }
}
