package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.EmbeddedLab;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full day with a recognisable password: facts saved, a plan saved in JSON and Markdown, an apply with
 * both reports and --debug, a failed logon with --debug; then every byte the runs produced (consoles,
 * journals, reports, plans, saved facts, the lab's audit log and wire log) is searched for the password in
 * clear, UTF-16LE and base64. Only the inventory holds it, where the administrator wrote it.
 */
class SecretsNeverLeakIT {

    private static final String PASSWORD = "Quokka-Zebra-7731!";
    private static final String PLAYBOOK = "playbooks/auth-certificate.yml";

    @TempDir
    Path dir;

    @Test
    void noOutputLogPlanReportJournalTraceOrLabLogHoldsThePassword() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path inventoryDir = Files.createDirectories(dir.resolve("inventory"));
        List<String> consoles = new ArrayList<>();
        EmbeddedLab.Options options = LabApplier.frozen().withCredentials(EmbeddedLab.Options.DEFAULT_USER, PASSWORD)
                .withWireLog(out.resolve("wire.log")).withAuditLog(out.resolve("audit.log"))
                .withInventoryFile(inventoryDir.resolve("lab.yml"));
        try (EmbeddedLab lab = EmbeddedLab.start("expired", 3, options)) {
            byte[] written = Files.readAllBytes(lab.inventoryFile());
            // The search finds the password where it is: the inventory the lab wrote.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Eavesdropper.ofBytes(written).readsNoPassword(PASSWORD))
                    .isInstanceOf(AssertionError.class);
            String inventory = lab.inventoryFile().toString();
            LabApplier engine = new LabApplier(lab, out.resolve("state"));

            consoles.add(engine.engine("--debug", "facts", "-i", inventory, "--save", out.resolve("facts").toString(),
                    "--format", "json").all());
            consoles.add(engine.engine("--debug", "plan", "-i", inventory, PLAYBOOK, "--out", out.resolve("plan.json").toString(),
                    "--format", "markdown").all());
            LabApplier.Outcome applied = engine.apply(lab.inventoryFile(), PLAYBOOK, "--debug",
                    "--report-json", out.resolve("run.json").toString(), "--junit", out.resolve("junit.xml").toString());
            assertThat(applied.exitCode()).as(applied.all()).isZero();
            consoles.add(applied.all());
            lab.faults("ex02").rejectCredentials(true);
            LabApplier.Outcome refused = engine.engine("--debug", "facts", "-i", inventory);
            assertThat(refused.exitCode()).as("a refused logon is reported").isEqualTo(1);
            consoles.add(refused.all());
        }

        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(p -> out.relativize(p).toString())
                .contains("wire.log", "audit.log", "plan.json", "run.json", "junit.xml", "facts/facts.json")
                .anyMatch(p -> p.endsWith("journal.jsonl"));
        for (Path file : files) {
            Eavesdropper.ofBytes(Files.readAllBytes(file)).readsNoPassword(PASSWORD);
        }
        for (String console : consoles) {
            Eavesdropper.ofBytes(console.getBytes(StandardCharsets.UTF_8)).readsNoPassword(PASSWORD);
        }
    }
}
