package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cells of the fault matrix from the command line, as a person rehearses them: {@code engine lab up
 * --faults FILE} in one process, {@code engine apply} in another, the faults switched by rewriting the
 * file while both run.
 */
class LabUpFaultsIT {

    private static final String PLAYBOOK = "playbooks/auth-certificate.yml";

    @TempDir
    Path dir;

    @Test
    void aServerThatGoesAwayBeforeTheCreateStopsTheRunAndARerunConvergesOnceTheFileIsEmptied() throws Exception {
        Path faults = dir.resolve("faults.yml");
        Files.writeString(faults, """
                moments:
                  - name: before create
                    before: New-ExchangeCertificate
                    on: ex01
                    faults: {this: {unreachable: true}}
                """);
        try (Engine lab = Engine.start(dir, "lab", "up", "--scenario", "expired", "--speed", "600",
                "--now", "2026-11-26T04:00:00Z", "--inventory-out", dir.resolve("lab.yml").toString(),
                "--audit-log", dir.resolve("audit.jsonl").toString(), "--faults", faults.toString())) {
            lab.await(() -> lab.out().contains("lab ready"));
            assertThat(lab.err()).contains("faults from " + faults);

            Run failed = run("apply", "--auto-approve");

            assertThat(failed.exit).as(failed.output).isEqualTo(1);
            assertThat(failed.output).contains("ex01", "unreachable");
            assertThat(lab.err()).contains("fault moment reached: before create on ex01");
            assertThat(creates()).as("the create never ran").isZero();

            Files.writeString(faults, "");
            lab.await(() -> lab.err().contains("faults from " + faults + ": none"));
            Run rerun = run("apply", "--auto-approve");
            Run plan = run("plan", "--detailed-exitcode");

            assertThat(rerun.exit).as(rerun.output).isZero();
            assertThat(rerun.output).contains("Verified.");
            assertThat(plan.exit).as(plan.output).isZero();
            assertThat(creates()).as("one certificate in all").isEqualTo(1);
        }
    }

    @Test
    void anEngineKilledAfterThePublishIsTakenOverByTheNextApply() throws Exception {
        Path faults = dir.resolve("faults.yml");
        Files.writeString(faults, """
                moments:
                  - name: after publish
                    after: -PublishCertificate
                    hold: 5m
                """);
        try (Engine lab = Engine.start(dir, "lab", "up", "--scenario", "expired", "--speed", "600",
                "--now", "2026-11-26T04:00:00Z", "--inventory-out", dir.resolve("lab.yml").toString(),
                "--audit-log", dir.resolve("audit.jsonl").toString(), "--faults", faults.toString())) {
            lab.await(() -> lab.out().contains("lab ready"));
            try (Engine apply = Engine.start(dir, "apply", "-i", dir.resolve("lab.yml").toString(), PLAYBOOK,
                    "--auto-approve", "--state-dir", dir.resolve("state").toString(), "--poll-interval", "200ms")) {
                lab.await(() -> lab.err().contains("fault moment reached: after publish on ex01"));
                apply.kill();
            }
            Files.writeString(faults, "");
            lab.await(() -> lab.err().contains("faults from " + faults + ": none"));

            Run rerun = run("apply", "--auto-approve");
            Run plan = run("plan", "--detailed-exitcode");

            assertThat(rerun.exit).as(rerun.output).isZero();
            assertThat(rerun.output).contains("took over", "Verified.");
            assertThat(plan.exit).as(plan.output).isZero();
            assertThat(creates()).as("one certificate in all").isEqualTo(1);
        }
    }

    /** Commands that ran a create (answered or not; a command that never ran says NOT_RUN). */
    private long creates() throws IOException {
        return Files.readAllLines(dir.resolve("audit.jsonl"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("New-ExchangeCertificate") && !l.contains("\"NOT_RUN\"")).count();
    }

    record Run(int exit, String output) {
    }

    private Run run(String command, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(command, "-i", dir.resolve("lab.yml").toString(), PLAYBOOK));
        if (command.equals("apply")) {
            args.addAll(List.of("--state-dir", dir.resolve("state").toString(), "--poll-interval", "200ms"));
        }
        args.addAll(List.of(extra));
        try (Engine engine = Engine.start(dir, args.toArray(String[]::new))) {
            return new Run(engine.waitFor(Duration.ofMinutes(3)), engine.out() + engine.err());
        }
    }

    /** {@code engine ARGS} in its own JVM, its output in files. */
    static final class Engine implements AutoCloseable {
        private final Process process;
        private final Path out;
        private final Path err;

        private Engine(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        static Engine start(Path dir, String... args) throws IOException {
            Path out = Files.createTempFile(dir, args[0], ".out");
            Path err = Files.createTempFile(dir, args[0], ".err");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName()));
            command.addAll(List.of(args));
            return new Engine(new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start(),
                    out, err);
        }

        String out() throws IOException {
            return Files.readString(out);
        }

        String err() throws IOException {
            return Files.readString(err);
        }

        void await(IoCondition condition) throws Exception {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (!condition.holds()) {
                assertThat(System.nanoTime() < deadline && process.isAlive())
                        .as("waited in vain; stdout:\n%s\nstderr:\n%s", out(), err()).isTrue();
                Thread.sleep(50);
            }
        }

        int waitFor(Duration time) throws Exception {
            assertThat(process.waitFor(time.toMillis(), TimeUnit.MILLISECONDS)).as("ended in time\n%s\n%s", out(), err()).isTrue();
            return process.exitValue();
        }

        /** SIGKILL: nothing of the process runs after it. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
        }
    }

    interface IoCondition {
        boolean holds() throws Exception;
    }
}
