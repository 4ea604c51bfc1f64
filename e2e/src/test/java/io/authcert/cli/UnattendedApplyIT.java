package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.exchange.AuditLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard rails of an unattended apply against the lab over real WinRM: what {@code --allow} does not
 * permit is held back and reported (exit 4), nothing that relies on it runs, and {@code --max-hosts-changed}
 * refuses before anything changes.
 */
class UnattendedApplyIT {

    private static final String PLAYBOOK = "playbooks/auth-certificate.yml";

    @TempDir
    Path dir;

    private JsonNode report() throws Exception {
        return new ObjectMapper().readTree(dir.resolve("run.json").toFile());
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    private static boolean changes(AuditLog.Entry e) {
        return e.mentions("New-ExchangeCertificate") || e.mentions("Set-AuthConfig") || e.mentions("Restart-Service")
                || e.mentions("Restart-WebAppPool");
    }

    @Test
    void anOutageFixThatIsNotAllowedIsHeldBackWholeAndNothingChanges() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 3)) {
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));

            LabApplier.Outcome outcome = engine.apply(PLAYBOOK, "--allow", "stage,distribute,publish,cleanup",
                    "--report-json", dir.resolve("run.json").toString());

            assertThat(outcome.exitCode()).as(outcome.all()).isEqualTo(4);
            assertThat(outcome.err()).contains("held back: ", "p1.ex01.create_certificate.new: create_certificate on ex01"
                    + " (immediate): not allowed: immediate (--allow stage,distribute,publish,cleanup)",
                    "relies on p1.ex01.create_certificate.new, which is held back", "nothing else runs now");
            assertThat(lab.audit().entries()).noneMatch(UnattendedApplyIT::changes);
            JsonNode report = report();
            assertThat(report.path("status").asText()).isEqualTo("held_back");
            assertThat(report.path("exit_code").asInt()).isEqualTo(4);
            assertThat(report.path("run_status").isNull()).as("nothing ran").isTrue();
            assertThat(report.path("guard_rails").path("allowed").toString())
                    .isEqualTo("[\"stage\",\"distribute\",\"publish\",\"cleanup\"]");
            JsonNode held = report.path("held_back");
            assertThat(texts(held, "step")).startsWith("p1.ex01.create_certificate.new").endsWith("p6.ex01.clear_previous_certificate");
            assertThat(texts(held, "class")).containsOnly("immediate", "cleanup");
            // The outage is still there, and the report says so beside what was held back.
            assertThat(report.path("verification").asText()).isEqualTo("failed");
            assertThat(report.path("problems").toString()).contains("held back: p1.ex01.create_certificate.new", "OWA sign-in after");
        }
    }

    @Test
    void withImmediateAllowedButNotCleanupTheOutageIsFixedAndThePreviousCertificateKept() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 2)) {
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));

            LabApplier.Outcome outcome = engine.apply(PLAYBOOK, "--allow", "immediate", "--report-json",
                    dir.resolve("run.json").toString());

            assertThat(outcome.exitCode()).as(outcome.all()).isEqualTo(4);
            JsonNode report = report();
            assertThat(report.path("status").asText()).isEqualTo("held_back");
            assertThat(report.path("run_status").asText()).isEqualTo("succeeded");
            assertThat(report.path("verification").asText()).isEqualTo("verified");
            assertThat(texts(report.path("held_back"), "action")).containsExactly("clear_previous_certificate");
            assertThat(texts(report.path("steps"), "step_id")).contains("p1.ex01.create_certificate.new")
                    .doesNotContain("p6.ex01.clear_previous_certificate");
            assertThat(lab.audit().entries()).noneMatch(e -> e.mentions("-ClearPreviousCertificate"));
            // A later run with cleanup allowed finishes it (with the recycles before the clear, which are distribute:
            // when the certificate became current is unknown, a pool may still sign with the previous one).
            LabApplier.Outcome again = engine.apply(PLAYBOOK, "--allow", "distribute,cleanup");
            assertThat(again.exitCode()).as(again.all()).isZero();
            assertThat(lab.audit().entries()).anyMatch(e -> e.mentions("-ClearPreviousCertificate"));
        }
    }

    @Test
    void aPlanThatWouldChangeMoreHostsThanAllowedIsRefusedBeforeAnythingChanges() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 3)) {
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));

            LabApplier.Outcome outcome = engine.apply(PLAYBOOK, "--max-hosts-changed", "2", "--report-json",
                    dir.resolve("run.json").toString());

            assertThat(outcome.exitCode()).as(outcome.all()).isEqualTo(4);
            assertThat(outcome.err()).contains("refused: the plan would change 3 hosts (ex01, ex02, ex03), more than"
                    + " --max-hosts-changed 2 allows; nothing was changed");
            assertThat(lab.audit().entries()).noneMatch(UnattendedApplyIT::changes);
            JsonNode report = report();
            assertThat(report.path("status").asText()).isEqualTo("too_many_hosts");
            assertThat(report.path("guard_rails").path("max_hosts_changed").asInt()).isEqualTo(2);
            assertThat(report.path("guard_rails").path("hosts_changed").toString()).isEqualTo("[\"ex01\",\"ex02\",\"ex03\"]");
            assertThat(report.path("verification").isNull()).isTrue();
        }
    }

    @Test
    void anUnknownClassIsAnInputErrorWithTheFix() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 2)) {
            LabApplier engine = new LabApplier(lab, dir.resolve("state"));

            LabApplier.Outcome outcome = engine.apply(PLAYBOOK, "--allow", "stage,restart");

            assertThat(outcome.exitCode()).isEqualTo(1);
            assertThat(outcome.err()).contains("--allow", "'restart' is not a class of change",
                    "stage,distribute,publish,cleanup,immediate");
            assertThat(lab.audit().entries()).noneMatch(UnattendedApplyIT::changes);
        }
    }
}
