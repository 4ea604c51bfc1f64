package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.EmbeddedLab;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's {@code hybrid} scenario (a hybrid configuration, current certificate with 125 days left)
 * with a 150-day renewal window, over WinRM: the shipped {@code hybrid: stop} changes nothing and names
 * the steps a person would take; {@code hybrid: acknowledge} stages a new certificate and its output
 * names the dedicated hybrid application's update now and again, with the Wizard, at publish.
 */
class HybridFollowupIT {

    private static final String UPDATE = ".\\ConfigureExchangeHybridApplication.ps1 -UpdateCertificate";

    @TempDir
    Path dir;

    @Test
    void stagingInAHybridOrganisationStopsOrListsTheFollowupsDueNowAndAtPublish() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("hybrid", 2)) {
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));
            String current = lab.organisation().authConfigInDirectory().currentThumbprint();

            String shipped = Files.readString(Path.of("playbooks/auth-certificate.yml"))
                    .replace("renew_before_days: 60", "renew_before_days: 150");
            Path stop = dir.resolve("hybrid-stop.yml");
            Files.writeString(stop, shipped);
            LabApplier.Outcome stopped = engine.apply(stop.toString());
            assertThat(stopped.exitCode()).as(stopped.all()).isNotZero();
            assertThat(stopped.all()).contains("is hybrid", UPDATE, "current " + current, "Hybrid Configuration Wizard",
                    "hybrid: acknowledge");
            assertThat(lab.audit().entries(e -> e.mentions("New-ExchangeCertificate") || e.mentions("Set-AuthConfig"))).isEmpty();

            Path acknowledged = dir.resolve("hybrid-acknowledged.yml");
            Files.writeString(acknowledged, shipped.replace("hybrid: stop", "hybrid: acknowledge"));
            LabApplier.Outcome applied = engine.apply(acknowledged.toString());
            assertThat(applied.exitCode()).as(applied.all()).isZero();
            String next = lab.organisation().authConfigInDirectory().nextThumbprint();
            assertThat(next).as("a next certificate is staged").isNotBlank();
            assertThat(applied.out()).contains("right after this plan stages the new certificate, run " + UPDATE + " on EX01",
                    "current " + current, "when the AuthAdmin servicelet publishes the new certificate", "published by",
                    "re-run the Hybrid Configuration Wizard");

            // Planned again, the staged certificate is found: the same two steps, by its thumbprint, and nothing to run.
            LabApplier.Outcome again = engine.engine("plan", "-i", lab.inventoryFile().toString(), acknowledged.toString());
            assertThat(again.exitCode()).as(again.all()).isZero();
            assertThat(again.out()).contains("No changes.", "certificate " + next + " is staged as the next certificate",
                    "current " + current + " and next " + next, "when the AuthAdmin servicelet publishes certificate " + next);
        }
    }
}
