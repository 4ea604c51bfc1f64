package io.authcert.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** authcert_password_env and authcert_password_command: what they read, once, and how they fail without the secret. */
class PasswordSourcesTest {

    private static final String PASSWORD = "Wombat-Pw 42";

    @TempDir
    Path dir;

    private final Map<String, String> env = Map.of("EXCH_ADMIN_PASSWORD", PASSWORD, "EMPTY", "",
            "PATH", "/usr/bin:/bin", "HOME", "/nonexistent-home");

    private PasswordSources sources() {
        return PasswordSources.reading(env, new SecretCommand(Duration.ofSeconds(2)));
    }

    /** A script that counts its runs in {@code NAME.runs}, then runs {@code body}. */
    private Path script(String name, String body) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, "#!/bin/sh\necho run >> '" + dir.resolve(name + ".runs") + "'\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
        return file;
    }

    private long runs(String name) throws IOException {
        Path counter = dir.resolve(name + ".runs");
        return Files.exists(counter) ? Files.readAllLines(counter).size() : 0;
    }

    @Test
    void anEnvironmentVariableIsThePasswordAsItIs() {
        Secret secret = sources().password(PasswordSources.ENV_VARIABLE, "EXCH_ADMIN_PASSWORD");

        assertThat(secret.reveal()).isEqualTo(PASSWORD);
    }

    @Test
    void anUnsetOrEmptyEnvironmentVariableIsNamedWithWhatToDo() {
        assertThatThrownBy(() -> sources().password(PasswordSources.ENV_VARIABLE, "NOT_SET"))
                .isInstanceOf(PasswordSources.Unavailable.class)
                .hasMessage("the environment variable NOT_SET is not set")
                .satisfies(e -> assertThat(((PasswordSources.Unavailable) e).hint()).contains("export NOT_SET"));
        assertThatThrownBy(() -> sources().password(PasswordSources.ENV_VARIABLE, "EMPTY"))
                .hasMessage("the environment variable EMPTY is empty");
    }

    @Test
    void aListRunsWithoutAShellAndItsOutputWithoutTheLineEndIsThePassword() throws IOException {
        Path pass = script("pass", "printf '%s\\n' \"$1\"");
        // Without a shell, the '$HOME *' argument arrives as it is written.
        Secret secret = sources().password(PasswordSources.COMMAND_VARIABLE, List.of(pass.toString(), "$HOME *"));

        assertThat(secret.reveal()).isEqualTo("$HOME *");
    }

    @Test
    void aStringIsACommandLineForTheShell() throws IOException {
        Path file = dir.resolve("pw.txt");
        Files.writeString(file, PASSWORD + "\n");

        Secret secret = sources().password(PasswordSources.COMMAND_VARIABLE, "cat '" + file + "' | head -n 1");

        assertThat(secret.reveal()).isEqualTo(PASSWORD);
    }

    @Test
    void eachDistinctCommandRunsOnceHoweverOftenItIsAskedFor() throws IOException {
        Path pass = script("pass", "echo " + "secret-$1");
        PasswordSources sources = sources();

        for (int host = 0; host < 5; host++) {
            assertThat(sources.password(PasswordSources.COMMAND_VARIABLE, List.of(pass.toString(), "a")).reveal()).isEqualTo("secret-a");
        }
        assertThat(sources.password(PasswordSources.COMMAND_VARIABLE, List.of(pass.toString(), "b")).reveal()).isEqualTo("secret-b");

        assertThat(runs("pass")).as("once for a, once for b").isEqualTo(2);
        sources().password(PasswordSources.COMMAND_VARIABLE, List.of(pass.toString(), "a"));
        assertThat(runs("pass")).as("a new command invocation reads again").isEqualTo(3);
    }

    @Test
    void aFailureIsRememberedTooSoAFailingCommandIsNotRunPerHost() throws IOException {
        Path failing = script("failing", "echo " + PASSWORD + "; exit 3");
        PasswordSources sources = sources();

        for (int host = 0; host < 3; host++) {
            assertThatThrownBy(() -> sources.password(PasswordSources.COMMAND_VARIABLE, List.of(failing.toString())))
                    .isInstanceOf(PasswordSources.Unavailable.class)
                    .hasMessage(failing + " exited with status 3")
                    .satisfies(e -> assertThat(e.getMessage() + ((PasswordSources.Unavailable) e).hint()).doesNotContain(PASSWORD));
        }
        assertThat(runs("failing")).isEqualTo(1);
    }

    @Test
    void aCommandLineIsNamedByItsProgramOnlyNeverItsArguments() {
        assertThatThrownBy(() -> sources().password(PasswordSources.COMMAND_VARIABLE, "false --token " + PASSWORD))
                .hasMessage("false exited with status 1")
                .satisfies(e -> assertThat(e.toString()).doesNotContain(PASSWORD));
    }

    @Test
    void emptyOutputAndATimeoutAreErrors() throws IOException {
        Path silent = script("silent", "printf '\\n'");
        Path slow = script("slow", "exec sleep 10");

        assertThatThrownBy(() -> sources().password(PasswordSources.COMMAND_VARIABLE, List.of(silent.toString())))
                .hasMessage(silent + " printed nothing on standard output");
        long start = System.nanoTime();
        assertThatThrownBy(() -> sources().password(PasswordSources.COMMAND_VARIABLE, List.of(slow.toString())))
                .hasMessage(slow + " did not finish within 2 s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void aMissingOrNotExecutableProgramIsFoundBeforeAnythingRuns() throws IOException {
        Path plain = dir.resolve("not-executable");
        Files.writeString(plain, "#!/bin/sh\necho x\n");

        assertThatThrownBy(() -> sources().password(PasswordSources.COMMAND_VARIABLE, List.of("no-such-pass-tool", "show")))
                .hasMessage("the program no-such-pass-tool is not found on PATH");
        assertThatThrownBy(() -> sources().password(PasswordSources.COMMAND_VARIABLE, "no-such-pass-tool show x"))
                .hasMessage("the program no-such-pass-tool is not found on PATH");
        assertThatThrownBy(() -> sources().password(PasswordSources.COMMAND_VARIABLE, List.of(dir.resolve("gone").toString())))
                .hasMessage("the program " + dir.resolve("gone") + " is not there");
        assertThatThrownBy(() -> sources().password(PasswordSources.COMMAND_VARIABLE, List.of(plain.toString())))
                .hasMessage("the program " + plain + " is not executable");
        assertThatThrownBy(() -> sources().password(PasswordSources.COMMAND_VARIABLE, List.of("~/bin/pw")))
                .hasMessageContaining("starts with ~, which only a shell expands");
    }

    @Test
    void valuesOfTheWrongFormAreRefusedInWords() {
        assertThatThrownBy(() -> PasswordSources.source(PasswordSources.ENV_VARIABLE, List.of("A")))
                .hasMessage("the value is not the name of an environment variable");
        assertThatThrownBy(() -> PasswordSources.source(PasswordSources.ENV_VARIABLE, "A=B"))
                .hasMessage("the value is not the name of an environment variable");
        assertThatThrownBy(() -> PasswordSources.source(PasswordSources.COMMAND_VARIABLE, Map.of("cmd", "pass")))
                .hasMessage("the value is neither a command line nor a list");
        assertThatThrownBy(() -> PasswordSources.source(PasswordSources.COMMAND_VARIABLE, List.of()))
                .hasMessage("the value names no program");
        assertThatThrownBy(() -> PasswordSources.source(PasswordSources.COMMAND_VARIABLE, List.of("pass", List.of("x"))))
                .hasMessage("the list has an item that is not a word");
        assertThatThrownBy(() -> PasswordSources.source(PasswordSources.COMMAND_VARIABLE, "  "))
                .hasMessage("the value names no program");
        assertThat(PasswordSources.source(PasswordSources.COMMAND_VARIABLE, List.of("pass", "show", 5)))
                .isEqualTo(new PasswordSources.FromCommand(List.of("pass", "show", "5"), false, "pass"));
    }

    @Test
    void checkingLooksWithoutRunningAnything() throws IOException {
        Path pass = script("pass", "echo pw");
        PasswordSources checking = sources().checking();

        assertThat(checking.password(PasswordSources.COMMAND_VARIABLE, List.of(pass.toString())).reveal()).isEqualTo(Secret.REDACTED);
        assertThat(checking.password(PasswordSources.COMMAND_VARIABLE, "'" + pass + "' show").reveal()).isEqualTo(Secret.REDACTED);
        assertThat(checking.password(PasswordSources.ENV_VARIABLE, "EXCH_ADMIN_PASSWORD").reveal())
                .as("not even the variable's value is kept").isEqualTo(Secret.REDACTED);
        assertThat(checking.password(PasswordSources.ENV_VARIABLE, Secret.of("vaulted name")).reveal()).isEqualTo(Secret.REDACTED);
        assertThatThrownBy(() -> checking.password(PasswordSources.ENV_VARIABLE, "NOT_SET")).hasMessageContaining("is not set");
        assertThatThrownBy(() -> checking.password(PasswordSources.COMMAND_VARIABLE, "no-such-pass-tool show"))
                .hasMessageContaining("is not found on PATH");
        assertThat(runs("pass")).isZero();
    }

    @Test
    void aVaultedCommandIsNotNamedInMessages() {
        assertThatThrownBy(() -> sources().password(PasswordSources.COMMAND_VARIABLE, Secret.of("no-such-pass-tool show")))
                .hasMessage("the program (vaulted command) is not found on PATH");
    }

    @Test
    void nothingRevealsThePassword() {
        PasswordSources sources = sources();
        sources.password(PasswordSources.ENV_VARIABLE, "EXCH_ADMIN_PASSWORD");

        assertThat(sources.toString()).doesNotContain(PASSWORD);
        assertThat(PasswordSources.source(PasswordSources.COMMAND_VARIABLE, List.of("pass", "show", PASSWORD)).toString())
                .isEqualTo("FromCommand[pass]");
    }
}
