package io.authcert.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.authcert.plan.Action;
import io.authcert.run.RunEvent;
import io.authcert.run.RunJson;
import io.authcert.run.RunListener;
import io.authcert.run.RunResult;
import io.authcert.run.StepOutcome;
import io.authcert.run.StepResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportsTest {

    private static final Instant T = Instant.parse("2026-03-01T10:00:00Z");

    @TempDir
    Path dir;

    private static StepResult result(String id, String host, Action action, StepOutcome outcome, String message) {
        return new StepResult(id, 1, host, action, "r", false, outcome, message, T, Duration.ofMillis(250));
    }

    /** A small run: ex01 creates and restarts, ex02 fails its import, ex02's restart and the clear are skipped. */
    private static void play(RunListener listener) {
        listener.on(new RunEvent.RunStarted(T, "auth.yml", List.of("ex01", "ex02"), 2, 5,
                List.of("Re-run the Hybrid Configuration Wizard so Microsoft Entra ID gets the new certificate.")));
        listener.on(new RunEvent.StepFinished(T, result("p1.create", "ex01", Action.CREATE_CERTIFICATE, StepOutcome.CHANGED, "done")));
        listener.on(new RunEvent.StepFinished(T, result("p1.import", "ex02", Action.IMPORT_CERTIFICATE, StepOutcome.FAILED,
                "exit code 1: access <denied> & \"quoted\"")));
        listener.on(new RunEvent.HostFailed(T, "ex02", "p1.import", "exit code 1: access denied"));
        listener.on(new RunEvent.StepFinished(T, result("p2.ex01", "ex01", Action.RESTART_SERVICE, StepOutcome.OK, "already")));
        listener.on(new RunEvent.StepFinished(T, result("p2.ex02", "ex02", Action.RESTART_SERVICE, StepOutcome.SKIPPED, "ex02 failed")));
        listener.on(new RunEvent.StepFinished(T, result("p3.clear", "ex01", Action.CLEAR_PREVIOUS_CERTIFICATE, StepOutcome.SKIPPED,
                "organisation-wide step not run")));
        listener.on(new RunEvent.RunFinished(T.plusSeconds(5), RunResult.Status.FAILED, List.of("ex02"), "failed: ex02",
                Duration.ofSeconds(5)));
    }

    @Test
    void theRecapCountsLikeAnsibleAndNamesFollowUpsInPlainWords() {
        Recap recap = new Recap();
        play(recap);

        assertThat(recap.ok("ex01")).isEqualTo(2);
        assertThat(recap.count("ex01", StepOutcome.CHANGED)).isEqualTo(1);
        assertThat(recap.count("ex01", StepOutcome.SKIPPED)).isEqualTo(1);
        assertThat(recap.count("ex02", StepOutcome.FAILED)).isEqualTo(1);
        List<String> lines = recap.lines();
        assertThat(lines.get(0)).startsWith("PLAY RECAP ***");
        assertThat(lines.get(1)).matches("ex01 : ok=2 +changed=1 +unreachable=0 +failed=0 +skipped=1");
        assertThat(lines.get(2)).matches("ex02 : ok=0 +changed=0 +unreachable=0 +failed=1 +skipped=1");
        assertThat(lines).contains("  ex02: exit code 1: access denied",
                "  - Re-run the Hybrid Configuration Wizard so Microsoft Entra ID gets the new certificate.");
    }

    @Test
    void theJsonReportHoldsEveryStepWithTimingAndOutcome() throws Exception {
        JsonReport report = new JsonReport();
        play(report);
        Path file = dir.resolve("out/report.json");
        report.write(file);

        JsonNode json = RunJson.mapper().readTree(file.toFile());
        assertThat(json.get("format_version").asInt()).isEqualTo(1);
        assertThat(json.get("status").asText()).isEqualTo("failed");
        assertThat(json.get("failed_hosts").get(0).asText()).isEqualTo("ex02");
        assertThat(json.get("steps")).hasSize(5);
        JsonNode first = json.get("steps").get(0);
        assertThat(first.get("step_id").asText()).isEqualTo("p1.create");
        assertThat(first.get("outcome").asText()).isEqualTo("changed");
        assertThat(first.get("duration").asLong()).isEqualTo(250);
        assertThat(first.get("started_at").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(json.get("followups").get(0).asText()).contains("Hybrid Configuration Wizard");
    }

    @Test
    void theJUnitFileHasOneTestCasePerHostAndStep() throws Exception {
        JUnitReport report = new JUnitReport();
        play(report);
        Path file = dir.resolve("junit.xml");
        report.write(file);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(java.nio.file.Files.readString(file).getBytes(StandardCharsets.UTF_8)));
        Element suite = doc.getDocumentElement();
        assertThat(suite.getAttribute("tests")).isEqualTo("5");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("skipped")).isEqualTo("2");
        NodeList cases = suite.getElementsByTagName("testcase");
        assertThat(cases.getLength()).isEqualTo(5);
        Element failed = (Element) cases.item(1);
        assertThat(failed.getAttribute("classname")).isEqualTo("ex02");
        assertThat(failed.getAttribute("name")).isEqualTo("p1.import");
        assertThat(((Element) failed.getElementsByTagName("failure").item(0)).getAttribute("message"))
                .isEqualTo("exit code 1: access <denied> & \"quoted\"");
        assertThat(((Element) cases.item(0)).getAttribute("time")).isEqualTo("0.250");
    }
}
