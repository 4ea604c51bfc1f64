package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import io.authcert.lab.EmbeddedLab;
import io.authcert.run.StopRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM or Ctrl-C mid-run, against the lab over real WinRM: the steps already sent finish, nothing new
 * starts, the journal records how the run ended, the lock is released, the message says what to run
 * next, and one more apply converges.
 */
class StopBySignalIT {

    private static final String PLAYBOOK = "playbooks/auth-certificate.yml";

    @TempDir
    Path dir;

    private static String lastJournalLine(Path state) throws Exception {
        try (Stream<Path> files = Files.walk(state.resolve("runs"))) {
            Path journal = files.filter(p -> p.getFileName().toString().equals("journal.jsonl")).sorted().reduce((a, b) -> b)
                    .orElseThrow();
            List<String> lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
            return lines.get(lines.size() - 1);
        }
    }

    /** The apply lock is released when its file is empty (a killed process leaves its holder written in it). */
    private static List<Path> heldLocks(Path state) throws Exception {
        try (Stream<Path> files = Files.walk(state.resolve("locks"))) {
            return files.filter(Files::isRegularFile).filter(p -> p.toFile().length() > 0).toList();
        }
    }

    @Test
    void aStopRequestedDuringAWaitLetsTheWaitEndStartsNothingNewAndARerunConverges() throws Exception {
        try (EmbeddedLab lab = LabApplier.start("expired", 3)) {
            StopRequest stop = new StopRequest();
            Path state = dir.resolve("state");
            LabApplier engine = new LabApplier(lab, state, new AbstractModule() {
                @Override
                protected void configure() {
                    bind(StopRequest.class).toInstance(stop);
                }
            }).whileWaiting(() -> stop.request("SIGTERM or Ctrl-C"));

            LabApplier.Outcome stopped = engine.apply(PLAYBOOK);

            assertThat(stopped.exitCode()).as(stopped.all()).isEqualTo(1);
            assertThat(stopped.err()).contains("was aborted: stopped (SIGTERM or Ctrl-C)", "run the same apply again");
            assertThat(stopped.out()).contains("PLAY RECAP").doesNotContain("Verifying");
            assertThat(lab.audit().entries(e -> e.mentions("ClearPreviousCertificate"))).isEmpty();
            assertThat(lastJournalLine(state)).contains("run_finished", "\"stopped\"", "stopped (SIGTERM or Ctrl-C)");
            assertThat(heldLocks(state)).as("the lock is released").isEmpty();

            LabApplier.Outcome rerun = new LabApplier(lab, state).apply(PLAYBOOK);

            assertThat(rerun.exitCode()).as(rerun.all()).isZero();
            assertThat(rerun.out()).contains("Verified.");
            assertThat(lab.audit().entries(e -> e.mentions("New-ExchangeCertificate"))).as("one certificate in all").hasSize(1);
        }
    }

    @Test
    void sigtermToTheEngineProcessEndsItCleanly() throws Exception {
        // A lab on a fast clock (the engine in the child process follows it); ex02 never receives the
        // certificate, so the run sits in its wait when the signal comes.
        EmbeddedLab.Options options = EmbeddedLab.Options.defaults().withSpeed(60).withNow(java.time.Instant.parse("2026-11-26T04:00:00Z"));
        try (EmbeddedLab lab = EmbeddedLab.start("expired", 2, options)) {
            lab.faults("ex02").stallCertificateCopy(true);
            Path state = dir.resolve("state");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process engine = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    "apply", "-i", lab.inventoryFile().toString(), PLAYBOOK, "--auto-approve", "--state-dir", state.toString(),
                    "--poll-interval", "1s", "--report-json", dir.resolve("run.json").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("engine.log").toFile()).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (lab.audit().entries(e -> e.mentions("is not in the store of")).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(engine.isAlive()).as(Files.readString(dir.resolve("engine.log"))).isTrue();

            engine.destroy(); // SIGTERM

            assertThat(engine.waitFor(60, TimeUnit.SECONDS)).as("the engine ends within its grace").isTrue();
            String log = Files.readString(dir.resolve("engine.log"));
            assertThat(engine.exitValue()).as(log).isEqualTo(143);
            assertThat(log).contains("stopped (SIGTERM or Ctrl-C)", "run the same apply again", "journal:");
            assertThat(lastJournalLine(state)).contains("run_finished", "\"stopped\"");
            assertThat(heldLocks(state)).as("the lock is released").isEmpty();
            assertThat(Files.readString(dir.resolve("run.json"))).contains("\"status\" : \"interrupted\"");
            assertThat(lab.audit().entries(e -> e.mentions("ClearPreviousCertificate"))).isEmpty();
        }
    }
}
