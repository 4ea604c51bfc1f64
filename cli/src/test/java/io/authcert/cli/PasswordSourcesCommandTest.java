package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import io.authcert.transport.CommandResult;
import io.authcert.transport.Target;
import io.authcert.transport.Transport;
import io.authcert.vault.PasswordSources;
import io.authcert.vault.SecretCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authcert_password_env} and {@code authcert_password_command} through Main: validate reports an unset
 * variable or a missing program at the line that names it and runs nothing; facts reads each source once for
 * every host, and the password reaches the transport and no output.
 */
class PasswordSourcesCommandTest {

    private static final String PASSWORD = "Numbat-Env-5150";
    private static final String PLAYBOOK = "playbooks/auth-certificate.yml";

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** The engine with {@code env} as its process environment, and {@code more} wiring. */
    private static Run run(Map<String, String> env, Module more, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Module environment = new AbstractModule() {
            @Override
            protected void configure() {
                bind(PasswordSources.class).toInstance(PasswordSources.reading(env, new SecretCommand(Duration.ofSeconds(10))));
            }
        };
        int code = Main.run(args, Terminal.plain(new PrintWriter(out), new PrintWriter(err)), Modules.combine(environment, more));
        return new Run(code, out.toString(), err.toString());
    }

    private Path inventory(String hostVars) throws IOException {
        Path file = dir.resolve("hosts.yml");
        Files.writeString(file, """
                all:
                  children:
                    exchange:
                      vars:
                        ansible_user: 'CONTOSO\\svc-authcert'
                        ansible_winrm_transport: ntlm
                      hosts:
                        ex01.corp.example:
                        ex02.corp.example:
                        ex03.corp.example:
                """ + hostVars);
        return file;
    }

    /** A password script that counts its runs in {@code pass.runs}. */
    private Path passScript() throws IOException {
        Path script = dir.resolve("pass");
        Files.writeString(script, "#!/bin/sh\necho run >> '" + dir.resolve("pass.runs") + "'\nprintf '%s\\n' '" + PASSWORD + "'\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private long passRuns() throws IOException {
        Path runs = dir.resolve("pass.runs");
        return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
    }

    @Test
    void validateReportsAnUnsetEnvironmentVariableWhereItIsSet() throws IOException {
        Path hosts = inventory("");
        Files.writeString(hosts, Files.readString(hosts).replace("ansible_winrm_transport: ntlm",
                "ansible_winrm_transport: ntlm\n        authcert_password_env: EXCH_ADMIN_PASSWORD"));

        Run unset = run(Map.of(), Modules.EMPTY_MODULE, "validate", "-i", hosts.toString(), PLAYBOOK);
        Run set = run(Map.of("EXCH_ADMIN_PASSWORD", PASSWORD), Modules.EMPTY_MODULE, "validate", "-i", hosts.toString(), PLAYBOOK);

        assertThat(unset.code()).isEqualTo(ExitCode.ERROR);
        assertThat(unset.err()).contains(hosts + ":7:9: host ex01.corp.example: authcert_password_env: the environment"
                        + " variable EXCH_ADMIN_PASSWORD is not set\n  hint: set it in the environment that runs the engine",
                "host ex02.corp.example: authcert_password_env", "host ex03.corp.example: authcert_password_env")
                .doesNotContain("no ansible_password");
        assertThat(set.code()).as(set.all()).isEqualTo(ExitCode.OK);
        assertThat(set.all()).doesNotContain(PASSWORD);
    }

    @Test
    void validateReportsAMissingProgramAndRunsNoCommand() throws IOException {
        Path pass = passScript();
        Path hosts = inventory("");
        Files.writeString(hosts, Files.readString(hosts)
                .replace("        ex01.corp.example:\n", "        ex01.corp.example:\n          authcert_password_command: [" + pass + ", show]\n")
                .replace("        ex02.corp.example:\n", "        ex02.corp.example:\n          authcert_password_command: no-such-pass show x\n"));
        Files.writeString(hosts, Files.readString(hosts).replace("        ex03.corp.example:\n",
                "        ex03.corp.example:\n          authcert_password_env: EXCH_ADMIN_PASSWORD\n          ansible_password: also-here\n"));

        Run run = run(Map.of("PATH", "/usr/bin:/bin", "EXCH_ADMIN_PASSWORD", PASSWORD), Modules.EMPTY_MODULE,
                "validate", "-i", hosts.toString(), PLAYBOOK);

        assertThat(run.code()).isEqualTo(ExitCode.ERROR);
        assertThat(run.err()).contains(hosts + ":11:11: host ex02.corp.example: authcert_password_command: the program"
                        + " no-such-pass is not found on PATH",
                hosts + ":13:11: host ex03.corp.example: the password is given more than once: ansible_password (" + hosts
                        + ":14:11), authcert_password_env (" + hosts + ":13:11)")
                .doesNotContain("ex01.corp.example").doesNotContain(PASSWORD).doesNotContain("also-here");
        assertThat(passRuns()).as("validate runs no password command").isZero();
    }

    /** A transport that records the targets it is given and answers as a server whose logon is refused. */
    private static final class RecordingTransport implements Transport {
        final List<Target> targets = new CopyOnWriteArrayList<>();

        @Override
        public CommandResult run(Target target, String script, Duration timeout) {
            targets.add(target);
            return new CommandResult("", "refused for the test", 1, Duration.ZERO);
        }
    }

    @Test
    void factsReadsTheCommandOnceForEveryHostAndHandsThePasswordOnlyToTheTransport() throws IOException {
        Path pass = passScript();
        Path hosts = inventory("");
        Files.writeString(hosts, Files.readString(hosts).replace("ansible_winrm_transport: ntlm",
                "ansible_winrm_transport: ntlm\n        authcert_password_command: [" + pass + ", show, exchange/admin]"));
        RecordingTransport transport = new RecordingTransport();
        Module recording = new AbstractModule() {
            @Override
            protected void configure() {
                bind(Transport.class).toInstance(transport);
            }
        };

        Run facts = run(Map.of(), recording, "--debug", "facts", "-i", hosts.toString());

        assertThat(facts.code()).as(facts.all()).isEqualTo(ExitCode.ERROR);
        assertThat(transport.targets).extracting(Target::name)
                .containsExactlyInAnyOrder("ex01.corp.example", "ex02.corp.example", "ex03.corp.example");
        assertThat(transport.targets).allSatisfy(t -> assertThat(t.password().reveal()).isEqualTo(PASSWORD));
        assertThat(passRuns()).as("one run for three hosts").isEqualTo(1);
        assertThat(facts.all()).contains("refused for the test").doesNotContain(PASSWORD);
    }

    @Test
    void aFailingCommandStopsThePlanNamingHostVariableAndPlaceWithoutItsOutput() throws IOException {
        Path failing = dir.resolve("failing");
        Files.writeString(failing, "#!/bin/sh\necho run >> '" + dir.resolve("failing.runs") + "'\necho " + PASSWORD + "\nexit 2\n");
        Files.setPosixFilePermissions(failing, PosixFilePermissions.fromString("rwx------"));
        Path hosts = inventory("");
        Files.writeString(hosts, Files.readString(hosts).replace("ansible_winrm_transport: ntlm",
                "ansible_winrm_transport: ntlm\n        authcert_password_command: '" + failing + " --token secret-arg'"));
        RecordingTransport transport = new RecordingTransport();
        Module recording = new AbstractModule() {
            @Override
            protected void configure() {
                bind(Transport.class).toInstance(transport);
            }
        };

        Run plan = run(Map.of("PATH", "/usr/bin:/bin"), recording, "--debug", "plan", "-i", hosts.toString(), PLAYBOOK);

        assertThat(plan.code()).isEqualTo(ExitCode.ERROR);
        assertThat(plan.all()).contains("ex01.corp.example: unreachable: cannot connect as configured: " + hosts
                + ":7:9: authcert_password_command: " + failing + " exited with status 2", "ex03.corp.example: unreachable").doesNotContain(PASSWORD).doesNotContain("secret-arg");
        assertThat(Files.readAllLines(dir.resolve("failing.runs"))).as("the failure is not run again per host").hasSize(1);
        assertThat(transport.targets).as("nothing was sent").isEmpty();
    }
}
