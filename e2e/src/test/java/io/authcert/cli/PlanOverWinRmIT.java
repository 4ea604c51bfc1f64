package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.EmbeddedLab;
import io.authcert.plan.Plan;
import io.authcert.plan.PlanJson;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engine plan} against the embedded lab over real WinRM: facts gathered live, nothing changed. */
class PlanOverWinRmIT {

    @Test
    void theSeedsOutageIsPlannedAsOneImmediateReplacementAndNothingRuns(@TempDir Path dir) throws Exception {
        Path inventory = dir.resolve("lab.yml");
        Path planFile = dir.resolve("plan.json");
        // The shipped playbook for every host of the lab's inventory, Edge server included.
        Path playbook = dir.resolve("all.yml");
        Files.writeString(playbook, Files.readString(Path.of("playbooks/auth-certificate.yml")).replace("hosts: exchange", "hosts: all"));
        try (EmbeddedLab lab = EmbeddedLab.start("with-edge", 3, EmbeddedLab.Options.defaults().withInventoryFile(inventory)
                .withSpeed(0))) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new String[] {"plan", "-i", inventory.toString(), playbook.toString(),
                "--detailed-exitcode", "--out", planFile.toString()}, Terminal.plain(new PrintWriter(out), new PrintWriter(err)));
            assertThat(code).as("stdout:%n%s%nstderr:%n%s", out, err).isIn(ExitCode.OK, ExitCode.CHANGES);
            Plan plan = PlanJson.read(Files.readString(planFile), planFile.toString());
            assertThat(plan.hosts()).isNotEmpty();
            assertThat(plan.skippedHosts()).as("the Edge server is skipped with a note").hasSize(1);
            assertThat(plan.warnings()).anyMatch(w -> w.contains("Edge Transport"));
            assertThat(lab.audit().entries(e -> e.mentions("New-ExchangeCertificate") || e.mentions("Set-AuthConfig")))
                    .as("planning changes nothing").isEmpty();
        }
        try (EmbeddedLab lab = EmbeddedLab.start("expired", 3, EmbeddedLab.Options.defaults().withInventoryFile(inventory)
                .withSpeed(0))) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new String[] {"plan", "-i", inventory.toString(), "playbooks/auth-certificate.yml",
                "--detailed-exitcode"}, Terminal.plain(new PrintWriter(out), new PrintWriter(err)));
            assertThat(code).as("stdout:%n%s%nstderr:%n%s", out, err).isEqualTo(ExitCode.CHANGES);
            assertThat(out.toString()).contains("+ create_certificate certificate/new on ex01 (organisation-wide)")
                    .contains("Plan: 1 to create, 2 to change, 9 to restart, 1 to remove");
            assertThat(lab.audit().entries()).as("one gathering command per server").hasSize(3);
        }
    }
}
