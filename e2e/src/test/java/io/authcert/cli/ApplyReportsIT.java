package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.exchange.AuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --report-json} and {@code --junit} tell the truth however an apply ends, against the lab over
 * real WinRM: a run whose steps all passed but whose verification failed is not "succeeded", "nothing
 * to do" is reported, an aborted run says so at once, and a refused saved plan leaves a report too.
 */
class ApplyReportsIT {

    private static final String PLAYBOOK = "playbooks/auth-certificate.yml";

    @TempDir
    Path dir;

    private Path json() {
        return dir.resolve("run.json");
    }

    private Path junit() {
        return dir.resolve("junit.xml");
    }

    private String[] reports() {
        return new String[] {"--report-json", json().toString(), "--junit", junit().toString()};
    }

    private JsonNode report() throws Exception {
        return new ObjectMapper().readTree(json().toFile());
    }

    @Test
    void aRunWhoseStepsPassedButWhoseVerificationFailedIsReportedAsFailed() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 2)) {
            // The test mailbox's password is wrong: every step works, but the sign-in after never does.
            Path inventory = dir.resolve("wrong-probe.yml");
            Files.writeString(inventory, Files.readString(lab.inventoryFile())
                    .replaceAll("(owa_probe_password: ).*", "$1\"not-the-password\""));
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));

            LabApplier.Outcome outcome = engine.apply(inventory, PLAYBOOK, reports());

            assertThat(outcome.exitCode()).as(outcome.all()).isEqualTo(1);
            JsonNode report = report();
            assertThat(report.path("run_status").asText()).isEqualTo("succeeded");
            assertThat(report.path("status").asText()).isEqualTo("failed");
            assertThat(report.path("verification").asText()).isEqualTo("failed");
            assertThat(report.path("exit_code").asInt()).isEqualTo(1);
            assertThat(report.path("problems").toString()).contains("OWA sign-in after");
            String xml = Files.readString(junit());
            assertThat(xml).contains("<testcase classname=\"apply\" name=\"outcome\"", "<failure type=\"failed\"");
            assertThat(xml).doesNotContain("not-the-password");
        }
    }

    @Test
    void nothingToDoIsReportedAsSuch() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 2)) {
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));
            assertThat(engine.apply(PLAYBOOK).exitCode()).isZero();

            LabApplier.Outcome again = engine.apply(PLAYBOOK, reports());

            assertThat(again.exitCode()).as(again.all()).isZero();
            JsonNode report = report();
            assertThat(report.path("status").asText()).isEqualTo("nothing_to_do");
            assertThat(report.path("run_status").isNull()).as("nothing ran").isTrue();
            assertThat(report.path("verification").asText()).isEqualTo("verified");
            assertThat(report.path("problems")).isEmpty();
            assertThat(Files.readString(junit())).contains("tests=\"1\"", "failures=\"0\"", "name=\"outcome\"");
        }
    }

    @Test
    void anAbortedRunSaysSoAtOnceAndItsReportsAreWritten() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 3)) {
            lab.faults("ex02").failCmdlet("Restart-Service", "Service 'Microsoft Exchange Service Host' cannot be started.");
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));

            LabApplier.Outcome failed = engine.apply(PLAYBOOK, reports());

            assertThat(failed.exitCode()).as(failed.all()).isEqualTo(1);
            assertThat(failed.err()).contains("error: the apply ", "checking the servers once, without waiting for OWA",
                    "run the same apply again");
            JsonNode report = report();
            assertThat(report.path("status").asText()).isEqualTo("failed");
            assertThat(report.path("run_status").asText()).isIn("failed", "aborted");
            assertThat(report.path("host_failures").toString()).contains("ex02");
            assertThat(Files.readString(junit())).contains("classname=\"ex02\"", "<failure type=\"failed\"");
        }
    }

    @Test
    void anEditedSavedPlanIsRefusedBeforeAnythingRunsAndTheReportSaysWhy() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 2)) {
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));
            Path plan = dir.resolve("plan.json");
            LabApplier.Outcome planned = engine.engine("plan", "-i", lab.inventoryFile().toString(), PLAYBOOK, "--out", plan.toString());
            assertThat(planned.exitCode()).as(planned.all()).isZero();
            String edited = Files.readString(plan).replaceFirst("Restart-WebAppPool", "Stop-WebAppPool");
            assertThat(edited).isNotEqualTo(Files.readString(plan));
            Files.writeString(plan, edited);
            long before = lab.audit().entries().stream().mapToLong(AuditLog.Entry::seq).max().orElse(-1);

            LabApplier.Outcome refused = engine.apply(plan.toString(), reports());

            assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
            assertThat(refused.err()).contains("is not the plan the planner makes", "script line", "Stop-WebAppPool");
            assertThat(lab.audit().entries(e -> e.seq() > before))
                    .noneMatch(e -> e.mentions("Stop-WebAppPool") || e.mentions("New-ExchangeCertificate") || e.mentions("Set-AuthConfig"));
            JsonNode report = report();
            assertThat(report.path("status").asText()).isEqualTo("edited");
            assertThat(report.path("problems").toString()).contains("Stop-WebAppPool");
            assertThat(Files.readString(junit())).contains("<failure type=\"edited\"");
        }
    }
}
