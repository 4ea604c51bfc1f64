package io.authcert.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.authcert.plan.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    @Test
    void everyEventIsOneJsonLineWrittenAsItHappens() throws Exception {
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        RunFolder folder = RunFolder.create(dir, Clock.fixed(t, ZoneOffset.UTC));
        assertThat(folder.dir()).isEqualTo(dir.resolve("runs/20260301T100000Z"));
        try (Journal journal = new Journal(folder.journal())) {
            journal.on(new RunEvent.RunStarted(t, "auth.yml", List.of("ex01"), 1, 1, List.of()));
            journal.on(new RunEvent.StepStarted(t, 1, "p1.create", "ex01", Action.CREATE_CERTIFICATE, true));
            // Readable before the run ends: a crashed run can be explained.
            assertThat(Files.readAllLines(folder.journal())).hasSize(2);
            journal.on(new RunEvent.StepFinished(t.plusSeconds(2), new StepResult("p1.create", 1, "ex01",
                    Action.CREATE_CERTIFICATE, "auth_certificate", true, StepOutcome.CHANGED, "done", t, Duration.ofMillis(1500))));
        }

        List<String> lines = Files.readAllLines(folder.journal());
        assertThat(lines).hasSize(3);
        JsonNode finished = RunJson.mapper().readTree(lines.get(2));
        assertThat(finished.get("event").asText()).isEqualTo("step_finished");
        assertThat(finished.get("at").asText()).isEqualTo("2026-03-01T10:00:02Z");
        assertThat(finished.at("/result/outcome").asText()).isEqualTo("changed");
        assertThat(finished.at("/result/action").asText()).isEqualTo("create_certificate");
        assertThat(finished.at("/result/duration").asLong()).isEqualTo(1500);
        assertThat(RunJson.mapper().readTree(lines.get(0)).get("event").asText()).isEqualTo("run_started");
    }

    @Test
    void twoRunsInTheSameSecondGetTheirOwnFolders() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
        assertThat(RunFolder.create(dir, clock).dir()).isNotEqualTo(RunFolder.create(dir, clock).dir());
    }
}
