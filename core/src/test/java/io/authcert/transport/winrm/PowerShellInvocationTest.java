package io.authcert.transport.winrm;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.powershell.StdinBootstrap;
import io.authcert.testing.PsSyntaxCheck;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PowerShellInvocationTest {

    private static final String SHORT = "$ErrorActionPreference = 'Stop'\nGet-AuthConfig | ConvertTo-Json -Depth 3\n";

    @Test
    void aShortScriptIsAnEncodedCommandOfUtf16() {
        PowerShellInvocation i = PowerShellInvocation.of(SHORT);
        assertThat(i.usesStdin()).isFalse();
        assertThat(i.commandLine()).startsWith("powershell -NoProfile -NonInteractive -EncodedCommand ");
        String b64 = i.commandLine().substring(i.commandLine().lastIndexOf(' ') + 1);
        assertThat(new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_16LE))
                .isEqualTo(PowerShellInvocation.UTF8_OUTPUT + "\n" + SHORT);
    }

    @Test
    void aScriptWhoseEncodedFormWouldPassCmdExesLimitGoesOnStdin() {
        String script = "Write-Output 'x'\n".repeat(200);
        PowerShellInvocation i = PowerShellInvocation.of(script);
        assertThat(script.length() * 2 * 4 / 3).isGreaterThan(8191);
        assertThat(i.usesStdin()).isTrue();
        assertThat(i.commandLine()).isEqualTo("powershell -NoProfile -NonInteractive -EncodedCommand "
                + StdinBootstrap.encoded());
        assertThat(i.commandLine().length()).isLessThan(8191);
        assertThat(new String(i.stdin(), StandardCharsets.UTF_8)).isEqualTo(script);
    }

    @Test
    void theBoundaryIsTheCommandLineLengthWithOverthereQuotes() {
        for (int n = 2800; n < 3200; n++) {
            String script = "#" + "a".repeat(n);
            PowerShellInvocation i = PowerShellInvocation.of(script);
            String encodedLine = PowerShellInvocation.PREFIX + "-EncodedCommand " + Base64.getEncoder().encodeToString(
                    (PowerShellInvocation.UTF8_OUTPUT + "\n" + script).getBytes(StandardCharsets.UTF_16LE));
            assertThat(i.usesStdin()).isEqualTo(encodedLine.length() + 2 > 8191);
        }
    }

    @Test
    void anExistingOutputEncodingLineIsNotRepeated() {
        String script = "[Console]::OutputEncoding = [System.Text.Encoding]::UTF8\nWrite-Output 'x'\n";
        assertThat(PowerShellInvocation.of(script).script()).isEqualTo(script);
    }

    @Test
    void whatTheTransportSendsIsValidPowerShell() {
        PsSyntaxCheck.assertValid(Map.of(
                "encoded", PowerShellInvocation.of(SHORT).script(),
                "stdin", PowerShellInvocation.of("Write-Output 'line'\n".repeat(300)).script(),
                "bootstrap", StdinBootstrap.SCRIPT.render()));
    }
}
