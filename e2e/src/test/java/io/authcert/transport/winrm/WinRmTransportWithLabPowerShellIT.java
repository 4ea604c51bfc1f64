package io.authcert.transport.winrm;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.CommandOutcome;
import io.authcert.lab.Lab;
import io.authcert.lab.SimulatedHost;
import io.authcert.lab.pwsh.CmdletRegistry;
import io.authcert.lab.pwsh.PowerShellHost;
import io.authcert.testing.PsSyntaxCheck;
import io.authcert.transport.CommandResult;
import io.authcert.transport.Target;
import io.authcert.vault.Secret;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The transport against the lab's simulated powershell.exe (which, like the real one, writes
 * redirected output in OEM code page 437 unless a script asks for UTF-8): encoding, long scripts on
 * stdin and error decoding end to end.
 */
class WinRmTransportWithLabPowerShellIT {

    private static Lab lab;
    private static Target target;
    private final WinRmTransport transport = new WinRmTransport();
    private static final Duration STEP = Duration.ofSeconds(30);

    /** A server that is nothing but powershell.exe with the built-in cmdlets. */
    private static final class PowerShellOnly implements SimulatedHost {
        private final PowerShellHost host = new PowerShellHost(CmdletRegistry.withBuiltins(),
                Map.of("COMPUTERNAME", "EX01"), Clock.systemUTC());

        @Override
        public String name() {
            return "ex01";
        }

        @Override
        public CommandOutcome execute(String command, List<String> arguments, InputStream stdin) {
            return host.run(command, arguments, stdin);
        }

        @Override
        public HttpAnswer health(String path) {
            return null;
        }

        @Override
        public EndpointFaults faults() {
            return new EndpointFaults() {
                @Override
                public boolean unreachable() {
                    return false;
                }

                @Override
                public boolean rejectCredentials() {
                    return false;
                }
            };
        }
    }

    @BeforeAll
    static void start() throws Exception {
        lab = Lab.start(List.of(new PowerShellOnly()), Lab.Options.http("u", "p"));
        target = new TargetResolver().resolve("ex01", Map.of("ansible_host", "127.0.0.1", "ansible_port",
                lab.port("ex01"), "ansible_winrm_scheme", "http", "ansible_user", "u", "ansible_password", Secret.of("p"),
                "ansible_winrm_transport", "ntlm"));
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    @Test
    void scriptsArriveValidAndNonAsciiComesBackIntact() throws Exception {
        Map<String, String> sent = new LinkedHashMap<>();
        String shortScript = "$name = 'Prüfzertifikat für Exchange'\nWrite-Output $name\n";
        sent.put("short", shortScript);
        CommandResult r = transport.run(target, shortScript, STEP);
        assertThat(r.stderr()).isEmpty();
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout().strip()).isEqualTo("Prüfzertifikat für Exchange");

        StringBuilder longScript = new StringBuilder("$total = 0\n");
        for (int i = 1; i <= 300; i++) {
            longScript.append("$total = $total + ").append(i).append("  # adding step number ").append(i).append('\n');
        }
        longScript.append("Write-Output \"total=$total\"\n");
        sent.put("long", longScript.toString());
        assertThat(PowerShellInvocation.of(longScript.toString()).usesStdin()).isTrue();
        CommandResult l = transport.run(target, longScript.toString(), STEP);
        assertThat(l.stderr()).isEmpty();
        assertThat(l.stdout().strip()).isEqualTo("total=45150");

        sent.put("short-as-sent", PowerShellInvocation.of(shortScript).script());
        sent.put("long-as-sent", PowerShellInvocation.of(longScript.toString()).script());
        PsSyntaxCheck.assertValid(sent);
    }

    @Test
    void aLongScriptStopsAtItsFirstFailureAndKeepsItsExitCode() throws Exception {
        String padding = "# padding so the script goes on stdin\n".repeat(120);
        CommandResult failed = transport.run(target, "$ErrorActionPreference = 'Stop'\n" + padding
                + "Write-Output 'before'\nGet-Nothing-Here\nWrite-Output 'after'\n", STEP);
        assertThat(failed.stdout()).contains("before").doesNotContain("after");
        assertThat(failed.exitCode()).isEqualTo(1);
        assertThat(failed.stderr()).contains("Get-Nothing-Here");

        // Real powershell.exe also prints 'leaving' (output streams out of the block as it is written);
        // the lab's interpreter drops a block's pending output on exit, so that is not asserted here.
        CommandResult exited = transport.run(target, padding + "Write-Output 'leaving'\nexit 7\nWrite-Output 'never'\n", STEP);
        assertThat(exited.stdout()).doesNotContain("never");
        assertThat(exited.exitCode()).isEqualTo(7);
    }

    @Test
    void anUnknownCommandFailsWithTheDecodedPowerShellMessage() throws Exception {
        CommandResult r = transport.run(target, "Get-Nothing-Here\n", STEP);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("The term 'Get-Nothing-Here' is not recognized as the name of a cmdlet")
                .doesNotContain("CLIXML", "_x000D_");
    }
}
