package io.authcert.lab.pwsh;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.lab.CommandOutcome;
import io.authcert.testing.PsSyntaxCheck;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The powershell.exe command line as WinRM clients send it, and the bytes the process writes. */
class PowerShellHostTest {

    private static final Map<String, String> SCRIPTS = new LinkedHashMap<>();
    private final PowerShellHost host = PsRun.host();

    private static String encoded(String name, String script) {
        SCRIPTS.put("host-" + name, script);
        return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void encodedCommandWithTheUsualSwitches() {
        CommandOutcome o = host.run("powershell.exe", List.of("-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass",
                "-OutputFormat", "Text", "-EncodedCommand", encoded("encoded", "Write-Output 'hi'; 1 + 1")), null);
        assertThat(text(o.stdout())).isEqualTo("hi\r\n2\r\n");
        assertThat(o.stderr()).isEmpty();
        assertThat(o.exitCode()).isZero();
    }

    @Test
    void theWholeCommandLineInOneStringAsPywinrmSendsIt() {
        CommandOutcome o = host.run("powershell -encodedcommand " + encoded("pywinrm", "'from pywinrm'"), List.of(), null);
        assertThat(text(o.stdout())).isEqualTo("from pywinrm\r\n");
    }

    @Test
    void behindCmdWithAFullPathAndShortSwitches() {
        CommandOutcome o = host.run("cmd", List.of("/c",
                "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "-nop", "-noni", "-ep", "Bypass", "-enc",
                encoded("cmd", "'via cmd'")), null);
        assertThat(text(o.stdout())).isEqualTo("via cmd\r\n");
    }

    @Test
    void commandDashReadsTheScriptFromStdin() {
        String script = "$a = 20\n$a + 22\n";
        SCRIPTS.put("host-stdin", script);
        CommandOutcome o = host.run("powershell.exe", List.of("-NoProfile", "-Command", "-"),
                new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)));
        assertThat(text(o.stdout())).isEqualTo("42\r\n");
    }

    @Test
    void commandDashRunsEachStatementOnItsOwnAsPowerShellReadsRedirectedInput() {
        String script = "$ErrorActionPreference = 'Stop'\nthrow 'first fails'\n'second still runs'\n"
                + "if ($true) {\n  'block'\n}\n\n'after block'\nforeach ($i in 1..2) {\n  $i\n}\n";
        SCRIPTS.put("host-stdin-pieces", script);
        CommandOutcome o = host.run("powershell -NoProfile -NonInteractive -Command -", List.of(),
                new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)));
        // the trailing foreach block has no empty line after it, so it never runs
        assertThat(text(o.stdout())).isEqualTo("second still runs\r\nblock\r\nafter block\r\n");
        assertThat(PsRun.clixmlText(text(o.stderr()))).startsWith("first fails\r\nAt line:1 char:1\r\n+ throw 'first fails'");
        assertThat(o.exitCode()).isZero();
    }

    @Test
    void commandDashExitsWithTheStatusOfTheLastCommandThatRan() {
        // about_PowerShell_exe: "If a statement doesn't parse correctly, the statement isn't executed. The
        // process exit code is determined by status of the last (executed) command."
        CommandOutcome failedLast = host.run("powershell -Command -", List.of(),
                new ByteArrayInputStream("'ok'\nGet-Command Nope-Nope\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(failedLast.exitCode()).isEqualTo(1);
        CommandOutcome syntax = host.run("powershell -Command -", List.of(),
                new ByteArrayInputStream("'ok'\n$null -EQfoo $null\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(PsRun.clixmlText(text(syntax.stderr()))).contains("Unexpected token '-EQfoo'");
        assertThat(syntax.exitCode()).isZero();
        CommandOutcome exit = host.run("powershell -Command -", List.of(),
                new ByteArrayInputStream("throw 'x'\nexit 4\n'never'\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(exit.exitCode()).isEqualTo(4);
        assertThat(exit.stdout()).isEmpty();
    }

    @Test
    void theStdinBootstrapOfTheLocalTransportRuns() {
        String bootstrap = "$ErrorActionPreference = 'Stop'\n[Console]::OutputEncoding = [System.Text.Encoding]::UTF8\n"
                + "$buffer = New-Object -TypeName System.IO.MemoryStream\n[Console]::OpenStandardInput().CopyTo($buffer)\n"
                + "$text = [System.Text.Encoding]::UTF8.GetString($buffer.ToArray()).TrimStart([char]0xFEFF)\n"
                + "& ([scriptblock]::Create($text))";
        String script = "'Zürich'\n$x = $null\n$x.Boom()";
        SCRIPTS.put("host-bootstrap-inner", script);
        CommandOutcome o = host.run("powershell.exe", List.of("-EncodedCommand", encoded("bootstrap", bootstrap)),
                new ByteArrayInputStream(("\uFEFF" + script).getBytes(StandardCharsets.UTF_8)));
        assertThat(text(o.stdout())).isEqualTo("Zürich\r\n");
        // the position refers to the script block's own text
        assertThat(PsRun.clixmlText(text(o.stderr()))).startsWith("You cannot call a method on a null-valued expression."
                + "\r\nAt line:3 char:1\r\n+ $x.Boom()\r\n+ ~~~~~~~~~\r\n");
        assertThat(o.exitCode()).isEqualTo(1);
    }

    @Test
    void commandTextIsTheRestOfTheLine() {
        SCRIPTS.put("host-command", "Write-Output 'a b'; 'c'");
        CommandOutcome o = host.run("powershell.exe", List.of("-Command", "Write-Output", "'a b';", "'c'"), null);
        assertThat(text(o.stdout())).isEqualTo("a b\r\nc\r\n");
    }

    @Test
    void anotherProgramFailsAsCmdExeWould() {
        CommandOutcome o = host.run("ipconfig", List.of("/all"), null);
        assertThat(text(o.stderr())).isEqualTo("'ipconfig' is not recognized as an internal or external command,\r\n"
                + "operable program or batch file.\r\n");
        assertThat(o.exitCode()).isEqualTo(1);
    }

    @Test
    void aBrokenEncodedCommandIsRejected() {
        CommandOutcome o = host.run("powershell.exe", List.of("-EncodedCommand", "%%%"), null);
        assertThat(text(o.stderr())).startsWith("Cannot process the command because the value specified with "
                + "-EncodedCommand is not properly encoded.");
        assertThat(o.exitCode()).isEqualTo(1);
    }

    @Test
    void stdoutIsCodePage437UnlessTheScriptAsksForUtf8() {
        CommandOutcome oem = host.run("powershell.exe", List.of("-EncodedCommand", encoded("oem", "'Zürich €'")), null);
        assertThat(oem.stdout()).containsExactly('Z', 0x81, 'r', 'i', 'c', 'h', ' ', '?', '\r', '\n');

        CommandOutcome utf8 = host.run("powershell.exe", List.of("-EncodedCommand", encoded("utf8",
                "[Console]::OutputEncoding = [System.Text.Encoding]::UTF8\n'Zürich €'")), null);
        assertThat(text(utf8.stdout())).isEqualTo("Zürich €\r\n");
    }

    @Test
    void eachRunIsAFreshProcess() {
        host.run("powershell.exe", List.of("-EncodedCommand", encoded("set", "$kept = 'x'; $env:LAB_KEPT = 'y'")), null);
        CommandOutcome o = host.run("powershell.exe", List.of("-EncodedCommand",
                encoded("read", "\"[$kept][$env:LAB_KEPT]\"")), null);
        assertThat(text(o.stdout())).isEqualTo("[][]\r\n");
    }

    @AfterAll
    static void everyScriptIsValidPowerShell() {
        PsSyntaxCheck.assertValid(SCRIPTS);
    }
}
