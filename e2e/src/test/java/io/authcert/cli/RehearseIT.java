package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.authcert.lab.EmbeddedLab;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code engine rehearse} through the CLI: facts saved from a lab scenario (the lab is then shut down,
 * so nothing but the twin can answer), rehearsed on a twin built from them. The staged and
 * distributing plans of {@code expiring}, {@code missing-on-some} and {@code multi-site} converge; a
 * saved plan whose restarts were moved before the waits for the new certificate is caught.
 */
class RehearseIT {

    private static final Instant START = Instant.parse("2026-11-26T04:00:00Z");
    private static final String PLAYBOOK = "playbooks/auth-certificate.yml";

    @TempDir
    Path dir;

    private record Outcome(int exitCode, String out, String err) {
    }

    private static Outcome engine(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, Terminal.plain(new PrintWriter(out), new PrintWriter(err)));
        return new Outcome(code, out.toString(), err.toString());
    }

    /** Saves the facts of {@code scenario} on a lab whose clock runs (so they carry their own time), then stops the lab. */
    private Path savedFacts(String scenario, Path inventory) throws Exception {
        Path facts = dir.resolve("facts-" + scenario);
        try (EmbeddedLab lab = EmbeddedLab.start(scenario, Scenarios.servers(scenario),
                EmbeddedLab.Options.defaults().withNow(START).withInventoryFile(inventory))) {
            Outcome saved = engine("facts", "-i", inventory.toString(), "--save", facts.toString());
            assertThat(saved.exitCode()).as(saved.err()).isZero();
        }
        return facts;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"expiring", "missing-on-some", "multi-site"})
    void thePlanForTheScenarioConvergesOnTheTwin(String scenario) throws Exception {
        Path inventory = dir.resolve(scenario + ".yml");
        Path facts = savedFacts(scenario, inventory);

        Outcome r = engine("rehearse", "-i", inventory.toString(), PLAYBOOK, "--facts", facts.toString(), "--format", "json");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertThat(report.path("twin_only").asBoolean()).isTrue();
        assertThat(report.path("converged").asBoolean()).as(r.out()).isTrue();
        assertThat(report.path("problems")).isEmpty();
        assertThat(report.path("left_to_do")).isEmpty();
        assertThat(report.path("phases")).isNotEmpty();
        report.path("phases").forEach(p -> assertThat(p.path("duration_seconds").asLong()).isNotNegative());
        JsonNode signIn = report.path("sign_in");
        assertThat(signIn.get(signIn.size() - 1).path("cannot_sign_in")).as("after the apply").isEmpty();
        assertThat(report.path("sign_in_down_after")).isEmpty();
        if (signIn.get(0).path("cannot_sign_in").isEmpty()) { // a staged rotation: nobody was down before it
            assertThat(report.path("rolling")).allSatisfy(c -> assertThat(c.path("most_down_at_once").asInt())
                    .isLessThanOrEqualTo(c.path("largest_batch").asInt()));
        }
        List<String> changing = new ArrayList<>();
        report.path("commands").fields().forEachRemaining(e -> e.getValue().forEach(line -> changing.add(line.asText())));
        assertThat(changing).anyMatch(l -> l.contains("Restart-Service") || l.contains("Set-AuthConfig")
                || l.contains("Import-ExchangeCertificate"));
        assertThat(r.err()).contains("nothing is sent to a real server");
        assertThat(r.out() + r.err()).doesNotContain(EmbeddedLab.Options.DEFAULT_PASSWORD);
    }

    @Test
    void aStagedRotationIsFollowedThroughItsPublishToRollingRestartsOneServerAtATime() throws Exception {
        Path inventory = dir.resolve("expiring-staged.yml");
        Path facts = savedFacts("expiring", inventory);

        Outcome r = engine("rehearse", "-i", inventory.toString(), PLAYBOOK, "--facts", facts.toString(), "--format", "json");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(r.out());
        List<String> firstRun = new ArrayList<>();
        List<JsonNode> nextRun = new ArrayList<>();
        report.path("phases").forEach(p -> {
            if (p.path("run").asText().isEmpty()) {
                firstRun.add(p.path("name").asText());
            } else {
                nextRun.add(p);
            }
        });
        assertThat(firstRun).contains("create certificate", "configure AuthConfig", "wait for certificate")
                .doesNotContain("restart and recycle");
        assertThat(nextRun).extracting(p -> p.path("name").asText()).contains("restart and recycle", "clear previous certificate");
        JsonNode restarts = nextRun.stream().filter(p -> p.path("rolling").asBoolean()).findFirst().orElseThrow();
        assertThat(restarts.path("largest_batch").asInt()).isEqualTo(1);
        assertThat(restarts.path("most_down_at_once").asInt()).as("one server out of service at a time").isEqualTo(1);
        assertThat(report.path("sign_in").get(0).path("cannot_sign_in")).as("no outage before").isEmpty();
    }

    @Test
    void withLiveFactsTheRealServersAreOnlyReadAndStayAsTheyWere() throws Exception {
        Path inventory = dir.resolve("live.yml");
        try (EmbeddedLab real = EmbeddedLab.start("missing-on-some", 3,
                EmbeddedLab.Options.defaults().withNow(START).withInventoryFile(inventory))) {
            int signInBefore = real.healthOf("ex02").signIn();

            Outcome r = engine("rehearse", "-i", inventory.toString(), PLAYBOOK);

            assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
            assertThat(r.out()).contains("CONVERGED", "Restart-WebAppPool");
            assertThat(real.audit().entries()).as("what the real servers ran").isNotEmpty()
                    .allSatisfy(e -> assertThat(e.script()).doesNotContain("Restart-Service", "Restart-WebAppPool",
                            "Set-AuthConfig", "New-ExchangeCertificate", "Import-ExchangeCertificate"));
            assertThat(real.healthOf("ex02").signIn()).as("still the outage it had").isEqualTo(signInBefore).isEqualTo(500);
            assertThat(r.out() + r.err()).doesNotContain(EmbeddedLab.Options.DEFAULT_PASSWORD);
        }
    }

    @Test
    void capturedExportsAreRehearsedToo() throws Exception {
        Path inventory = dir.resolve("captured.yml");
        Files.writeString(inventory, "all:\n  children:\n    exchange:\n      hosts:\n        ex01:\n        ex02:\n");
        Path captures = Path.of("cli/src/test/resources/cli/captures/missing-on-some"); // PlanFromCapturesTest's exports

        Outcome r = engine("rehearse", "-i", inventory.toString(), PLAYBOOK, "--facts", captures.toString(),
                "--now", "2027-06-01T00:00:00Z");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("CONVERGED", "wait for certificate", "ex02", "read from RawData alone");
    }

    @Test
    void serversOutsideTheInventoryAreOnTheTwinSoWhatThePlanHoldsBackStaysHeld() throws Exception {
        Path inventory = dir.resolve("outside.yml");
        Path facts = savedFacts("outside-inventory", inventory);

        Outcome r = engine("rehearse", "-i", inventory.toString(), PLAYBOOK, "--facts", facts.toString(), "--format", "json");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertThat(report.path("converged").asBoolean()).isTrue();
        assertThat(report.path("left_to_do").toString()).contains("held for a person", "EX03");
        assertThat(report.path("commands").has("ex03")).as("an outside server runs nothing").isFalse();
    }

    @Test
    void theTextReportSaysItRanOnATwinAndShowsPhasesSignInAndCommands() throws Exception {
        Path inventory = dir.resolve("missing.yml");
        Path facts = savedFacts("missing-on-some", inventory);

        Outcome r = engine("rehearse", "-i", inventory.toString(), PLAYBOOK, "--facts", facts.toString());

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Nothing was sent to a real server", "CONVERGED", "wait for certificate",
                "restart and recycle", "OWA sign-in over time", "ex02", "every server signs in", "Commands per server");
    }

    @Test
    void planRehearseAddsTheRehearsalToTheMarkdownPlan() throws Exception {
        Path inventory = dir.resolve("multi.yml");
        Path facts = savedFacts("multi-site", inventory);

        Outcome r = engine("plan", "-i", inventory.toString(), PLAYBOOK, "--facts", facts.toString(), "--format", "markdown",
                "--rehearse");

        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("## Rehearsal on a twin: ✅ converged", "Nothing was sent to a real server",
                "| phase | simulated duration | hosts |", "OWA sign-in over time");
    }

    @Test
    void restartsMovedBeforeTheCertificateArrivedAreCaught() throws Exception {
        Path inventory = dir.resolve("expired.yml");
        Path facts = savedFacts("expired", inventory);
        Path plan = dir.resolve("plan.json");
        Outcome planned = engine("plan", "-i", inventory.toString(), PLAYBOOK, "--facts", facts.toString(), "--out", plan.toString());
        assertThat(planned.exitCode()).as(planned.err()).isZero();
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, restartsBeforeTheWaits(Files.readString(plan, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);

        Outcome good = engine("rehearse", "-i", inventory.toString(), plan.toString(), "--facts", facts.toString());
        Outcome bad = engine("rehearse", "-i", inventory.toString(), broken.toString(), "--facts", facts.toString(),
                "--format", "json");

        assertThat(good.exitCode()).as("the plan as made: " + good.out() + good.err()).isZero();
        assertThat(bad.exitCode()).as(bad.out() + bad.err()).isEqualTo(ExitCode.ERROR);
        JsonNode report = new ObjectMapper().readTree(bad.out());
        assertThat(report.path("converged").asBoolean()).isFalse();
        assertThat(report.path("sign_in_down_after").size()).isPositive();
        assertThat(report.path("problems").toString()).contains("OWA sign-in fails after the apply");
        assertThat(bad.err()).contains("the rehearsal did not converge");
    }

    /** The saved plan with its restart phase moved in front of the first wait (renumbered), nothing else changed. */
    private static String restartsBeforeTheWaits(String json) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode plan = (ObjectNode) mapper.readTree(json);
        List<JsonNode> phases = new ArrayList<>();
        plan.path("phases").forEach(phases::add);
        JsonNode restart = phases.stream().filter(p -> p.path("name").asText().equals("restart and recycle")).findFirst()
                .orElseThrow();
        phases.remove(restart);
        int firstWait = 0;
        while (!phases.get(firstWait).path("name").asText().startsWith("wait")) {
            firstWait++;
        }
        phases.add(firstWait, restart);
        ArrayNode renumbered = plan.putArray("phases");
        for (int i = 0; i < phases.size(); i++) {
            renumbered.add(((ObjectNode) phases.get(i)).put("number", i + 1));
        }
        assertThat(renumbered.get(firstWait).path("name").asText()).isEqualTo("restart and recycle");
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(plan);
    }

    /** The scenarios' own server counts. */
    private static final class Scenarios {
        static int servers(String scenario) {
            return io.authcert.lab.exchange.Scenario.load(scenario).defaultServers();
        }
    }
}
