package io.authcert.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authcert.testing.RepoFiles;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code bench/run --quick} end to end: labs started, the engine and Ansible measured, and the report well-formed.
 * It checks the harness, never the speed: no assertion here looks at how long anything took.
 */
@Requires({RequiredTool.ANSIBLE_CORE, RequiredTool.PYWINRM})
class BenchHarnessIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theQuickRunMeasuresEveryJobAndWritesAWellFormedReport() throws Exception {
        Path out = RepoFiles.path("e2e/target/bench-it");
        deleteTree(out);
        boolean chart = runs("/usr/bin/python3", "-c", "import matplotlib");
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "bench/run", "--quick", "--out", out.toString()));
        if (!chart) {
            command.add("--no-chart"); // bench/run would install python3-matplotlib with apt-get: not from a test
        }
        Files.createDirectories(out);
        Path log = out.resolve("bench-run.log");
        Process p = new ProcessBuilder(command).directory(RepoFiles.root().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(20, TimeUnit.MINUTES)).as("bench/run ended; see %s", log).isTrue();
        assertThat(p.exitValue()).as("bench/run's exit code; its output:\n%s", Files.readString(log)).isZero();

        JsonNode results = JSON.readTree(out.resolve("results.json").toFile());
        JsonNode rows = results.get("rows");
        List<String> kinds = new ArrayList<>();
        for (JsonNode row : rows) {
            String kind = row.get("job").asText() + "/" + row.get("tool").asText() + "/" + row.get("policy").asText();
            kinds.add(kind);
            assertThat(row.get("wall_s").asDouble()).as("%s wall time", kind).isPositive();
            assertThat(row.get("exit_code").asInt()).as("%s exit code", kind).isZero();
            assertThat(row.get("converged").asBoolean()).as("%s converged", kind).isTrue();
            assertThat(row.get("commands_per_host").get("mean").asDouble()).as("%s commands/host", kind).isPositive();
            assertThat(row.get("requests_per_host").get("mean").asDouble()).as("%s requests/host", kind).isPositive();
            assertThat(row.get("challenges_401_per_host").has("max")).as("%s 401s/host", kind).isTrue();
            assertThat(row.get("lower_bound").get("seconds").asDouble()).as("%s lower bound", kind).isPositive();
            assertThat(row.get("ratio").asDouble()).as("%s ratio", kind).isPositive();
            assertThat(row.get("peak_rss_mb").asDouble()).as("%s peak RSS", kind).isPositive();
            if (row.get("tool").asText().equals("engine")) {
                assertThat(row.get("peak_heap_mb").asDouble()).as("%s peak heap", kind).isPositive();
            }
        }
        assertThat(kinds).contains("drift/engine/-", "rotation/engine/serial 1", "rotation/engine/100%",
                "rotation/ansible/100%");
        for (JsonNode row : rows) {
            if (row.get("tool").asText().equals("ansible")) {
                // converged means more than Ansible's own exit code: the engine finds nothing left to do
                assertThat(row.get("plan_exit_after").asInt()).isZero();
            }
            if (row.get("job").asText().equals("drift")) {
                assertThat(row.get("commands_per_host").get("max").asInt()).as("a drift check gathers once").isEqualTo(1);
            }
        }
        assertThat(results.get("jvm_startup_s").get("min").asDouble()).isPositive();
        assertThat(results.get("machine").get("nproc").asInt()).isPositive();

        String report = Files.readString(out.resolve("benchmarks.md"), StandardCharsets.UTF_8);
        long tableRows = report.lines().filter(l -> l.startsWith("| drift |") || l.startsWith("| rotation |")).count();
        assertThat(tableRows).isEqualTo(rows.size());
        assertThat(report).contains("## Machine", "load average", "## Targets (issue 13)", "## How the lower bound is computed",
                "## How to rerun");
        String everything = report + Files.readString(out.resolve("results.json"));
        assertThat(everything).doesNotContain("Lab-Passw0rd!");
        assertThat(Files.readString(log)).doesNotContain("Lab-Passw0rd!");
        if (chart) {
            byte[] png = Files.readAllBytes(out.resolve("benchmarks.png"));
            assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
            assertThat(report).contains("![time against N](benchmarks.png)");
        }
    }

    private static boolean runs(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
