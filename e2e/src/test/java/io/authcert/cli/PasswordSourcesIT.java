package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.EmbeddedLab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab's inventory without {@code ansible_password}: the password comes from an environment variable of the
 * engine's process ({@code authcert_password_env}, the engine run as its own process) or from a command
 * ({@code authcert_password_command}, as a list and as a command line). Each apply converges; the command runs
 * once per engine command however many hosts name it; and every byte the runs produced (consoles with
 * --debug, journals, reports, the lab's audit and wire logs) is searched for the password, in the spirit of
 * {@link SecretsNeverLeakIT}.
 */
class PasswordSourcesIT {

    private static final String PASSWORD = "Bilby-Source-4417!";
    private static final String PLAYBOOK = "playbooks/auth-certificate.yml";

    @TempDir
    Path dir;

    /**
     * The lab's inventory with each {@code ansible_password} line replaced by {@code source} and the OWA sign-in
     * account left out (its password would be the same one, in clear).
     */
    private static Path withoutPasswords(Path labInventory, Path to, String source) throws IOException {
        StringBuilder out = new StringBuilder();
        for (String line : Files.readAllLines(labInventory)) {
            String key = line.strip();
            if (key.startsWith("ansible_password:")) {
                out.append(line, 0, line.indexOf("ansible_password")).append(source).append('\n');
            } else if (!key.startsWith("owa_probe_user:") && !key.startsWith("owa_probe_password:")) {
                out.append(line).append('\n');
            }
        }
        Files.writeString(to, out.toString());
        assertThat(out.toString()).doesNotContain(PASSWORD).doesNotContain("ansible_password");
        return to;
    }

    private static void searchEverything(Path out, List<String> consoles) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).extracting(p -> out.relativize(p).toString())
                .contains("wire.log", "audit.log", "run.json", "junit.xml")
                .anyMatch(p -> p.endsWith("journal.jsonl"));
        for (Path file : files) {
            Eavesdropper.ofBytes(Files.readAllBytes(file)).readsNoPassword(PASSWORD);
        }
        for (String console : consoles) {
            Eavesdropper.ofBytes(console.getBytes(StandardCharsets.UTF_8)).readsNoPassword(PASSWORD);
        }
    }

    @Test
    void aPasswordCommandRunsOncePerEngineCommandAndTheApplyConverges() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path secretFile = dir.resolve("admin.pw");
        Files.writeString(secretFile, PASSWORD + "\n");
        Path pass = dir.resolve("pass-show");
        // A stand-in for 'pass show exchange/admin': prints the file it is told to read, counts its runs.
        Files.writeString(pass, "#!/bin/sh\necho run >> '" + dir.resolve("runs") + "'\ncat \"$2\"\n");
        Files.setPosixFilePermissions(pass, PosixFilePermissions.fromString("rwx------"));
        EmbeddedLab.Options options = LabApplier.frozen().withCredentials(EmbeddedLab.Options.DEFAULT_USER, PASSWORD)
                .withWireLog(out.resolve("wire.log")).withAuditLog(out.resolve("audit.log"));
        List<String> consoles = new ArrayList<>();
        try (EmbeddedLab lab = EmbeddedLab.start("expired", 3, options)) {
            Path listed = withoutPasswords(lab.inventoryFile(), dir.resolve("list.yml"),
                    "authcert_password_command: ['" + pass + "', show, '" + secretFile + "']");
            Path line = withoutPasswords(lab.inventoryFile(), dir.resolve("line.yml"),
                    "authcert_password_command: \"'" + pass + "' show '" + secretFile + "' | head -n 1\"");
            LabApplier engine = new LabApplier(lab, out.resolve("state"));

            LabApplier.Outcome validated = engine.engine("validate", "-i", listed.toString(), PLAYBOOK);
            assertThat(validated.exitCode()).as(validated.all()).isZero();
            assertThat(runs()).as("validate runs no command").isZero();

            LabApplier.Outcome facts = engine.engine("--debug", "facts", "-i", line.toString());
            assertThat(facts.exitCode()).as(facts.all()).isZero();
            assertThat(runs()).as("one run of the command line for three hosts").isEqualTo(1);

            LabApplier.Outcome applied = engine.apply(listed, PLAYBOOK, "--debug",
                    "--report-json", out.resolve("run.json").toString(), "--junit", out.resolve("junit.xml").toString());
            assertThat(applied.exitCode()).as(applied.all()).isZero();
            assertThat(applied.out()).contains("converged", "Verified.");
            assertThat(runs()).as("one run of the list for the whole apply: facts, the run, the verification").isEqualTo(2);
            for (String host : List.of("ex01", "ex02", "ex03")) {
                assertThat(lab.healthOf(host).healthy()).as("%s repaired", host).isTrue();
            }
            consoles.add(validated.all());
            consoles.add(facts.all());
            consoles.add(applied.all());
        }
        searchEverything(out, consoles);
    }

    @Test
    void aPasswordFromTheEngineProcesssEnvironmentConvergesAndAnUnsetOneIsNamed() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        // A lab on a fast clock: the engine in its own process follows the servers' clock.
        EmbeddedLab.Options options = EmbeddedLab.Options.defaults().withSpeed(60)
                .withNow(java.time.Instant.parse("2026-11-26T04:00:00Z"))
                .withCredentials(EmbeddedLab.Options.DEFAULT_USER, PASSWORD)
                .withWireLog(out.resolve("wire.log")).withAuditLog(out.resolve("audit.log"));
        try (EmbeddedLab lab = EmbeddedLab.start("expired", 2, options)) {
            Path inventory = withoutPasswords(lab.inventoryFile(), dir.resolve("env.yml"), "authcert_password_env: EXCH_ADMIN_PASSWORD");

            Engine unset = engine(null, "apply", "-i", inventory.toString(), PLAYBOOK, "--auto-approve",
                    "--state-dir", out.resolve("state").toString());
            assertThat(unset.exitCode()).as(unset.output()).isEqualTo(ExitCode.ERROR);
            assertThat(unset.output()).contains(inventory + ":", "host ex01: authcert_password_env: the environment variable"
                    + " EXCH_ADMIN_PASSWORD is not set", "nothing was changed");
            assertThat(lab.audit().entries(e -> e.mentions("New-ExchangeCertificate"))).isEmpty();

            Engine applied = engine(PASSWORD, "--debug", "apply", "-i", inventory.toString(), PLAYBOOK, "--auto-approve",
                    "--state-dir", out.resolve("state").toString(), "--poll-interval", "1s",
                    "--report-json", out.resolve("run.json").toString(), "--junit", out.resolve("junit.xml").toString());
            assertThat(applied.exitCode()).as(applied.output()).isZero();
            assertThat(applied.output()).contains("converged", "Verified.");
            for (String host : List.of("ex01", "ex02")) {
                assertThat(lab.healthOf(host).healthy()).as("%s repaired", host).isTrue();
            }
            searchEverything(out, List.of(unset.output(), applied.output()));
        }
    }

    private long runs() throws IOException {
        Path runs = dir.resolve("runs");
        return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
    }

    private record Engine(int exitCode, String output) {
    }

    /** The engine as its own process, with {@code EXCH_ADMIN_PASSWORD} set to {@code password} (null: unset). */
    private Engine engine(String password, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(dir, "engine-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("EXCH_ADMIN_PASSWORD");
        if (password != null) {
            builder.environment().put("EXCH_ADMIN_PASSWORD", password);
        }
        Process engine = builder.start();
        if (!engine.waitFor(Duration.ofMinutes(4).toSeconds(), TimeUnit.SECONDS)) {
            engine.destroyForcibly();
            throw new AssertionError("the engine did not finish: " + Files.readString(log));
        }
        return new Engine(engine.exitValue(), Files.readString(log));
    }
}
