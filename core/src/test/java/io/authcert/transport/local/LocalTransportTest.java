package io.authcert.transport.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.authcert.testing.PsSyntaxCheck;
import io.authcert.transport.CommandResult;
import io.authcert.transport.Target;
import io.authcert.transport.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Runs a real process: a shell-script stand-in for powershell.exe (test resources). */
@DisabledOnOs(OS.WINDOWS)
public class LocalTransportTest {

    @TempDir
    static Path dir;
    static Path fake;

    private final LocalTransport transport = new LocalTransport();

    @BeforeAll
    static void installStandIn() throws IOException {
        fake = standIn(dir);
    }

    /** Copies the stand-in out of the class path and makes it executable (resources lose the bit). */
    public static Path standIn(Path directory) throws IOException {
        Path file = directory.resolve("fake-powershell");
        try (InputStream in = LocalTransportTest.class.getResourceAsStream("fake-powershell.sh")) {
            Files.write(file, in.readAllBytes());
        }
        file.toFile().setExecutable(true);
        return file;
    }

    public static Target local(String name, String executable) {
        return new Target(name, Target.Connection.LOCAL, "localhost", 0, Target.Scheme.HTTP, "", null, null, null,
                false, null, Duration.ofSeconds(30), Duration.ofSeconds(30), executable, Target.MessageEncryption.AUTO);
    }

    @Test
    void theScriptArrivesIntactOnStdinIncludingNonAsciiText() throws Exception {
        String script = "Write-Output 'f\u00fcr M\u00fcnchen \u2713'\n" + "x".repeat(40_000) + "\n";

        CommandResult r = transport.run(local("ex1", fake.toString()), script, Duration.ofSeconds(30));

        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).startsWith("ARGS:-NoLogo -NoProfile -NonInteractive -ExecutionPolicy Bypass -EncodedCommand ");
        assertThat(r.stdout().substring(r.stdout().indexOf('\n') + 1)).isEqualTo(script.stripTrailing());
    }

    @Test
    void theEncodedBootstrapIsTheFixedValidScript() throws Exception {
        CommandResult r = transport.run(local("ex1", fake.toString()), "echo", Duration.ofSeconds(30));

        String encoded = r.stdout().lines().findFirst().orElseThrow().replaceAll(".*-EncodedCommand ", "");
        String bootstrap = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_16LE);
        assertThat(bootstrap).isEqualTo(LocalTransport.BOOTSTRAP.render()).contains("OpenStandardInput");
        PsSyntaxCheck.assertValid("local-bootstrap", bootstrap);
    }

    @Test
    void aFailingScriptReturnsItsExitCodeAndTheDecodedErrorText() throws Exception {
        CommandResult r = transport.run(local("ex1", fake.toString()), "#fake:fail", Duration.ofSeconds(30));

        assertThat(r.succeeded()).isFalse();
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("Get-AuthConfig : Active Directory operation failed on dc1. This error is not retriable.")
                .contains("+ CategoryInfo").doesNotContain("CLIXML").doesNotContain("_x000D_");
    }

    @Test
    void aScriptThatNeverEndsIsStoppedAtTheTimeout() {
        assertThatThrownBy(() -> transport.run(local("ex1", fake.toString()), "#fake:sleep", Duration.ofSeconds(1)))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TransportException.Kind.TIMED_OUT);
                    assertThat(e.host()).isEqualTo("ex1");
                })
                .hasMessageContaining("did not finish within 1 s");
    }

    @Test
    void aMissingExecutableSaysWhichVariableToSet() {
        assertThatThrownBy(() -> transport.run(local("ex1", dir.resolve("no-such-pwsh").toString()), "x", Duration.ofSeconds(5)))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TransportException.Kind.UNREACHABLE);
                    assertThat(e.commandDidNotRun()).isTrue();
                })
                .hasMessageContaining("cannot start PowerShell")
                .hasMessageContaining("ansible_powershell_executable");
    }

    @Test
    void withoutAnExecutableTheDefaultIsPowershellExe() {
        assertThatThrownBy(() -> transport.run(local("ex1", null), "x", Duration.ofSeconds(5)))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("'powershell.exe'");
    }
}
