package io.authcert.transport.winrm;

import io.authcert.lab.Lab;
import io.authcert.lab.wsman.EchoHost;
import io.authcert.powershell.PsScript;
import io.authcert.powershell.PsValue;
import io.authcert.transport.CommandResult;
import io.authcert.vault.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Run in a JVM whose default charset is not UTF-8 (see {@link DefaultCharsetIT}): runs a script that
 * prints non-ASCII text through the transport and prints the result's code points in hex, ASCII only.
 */
public final class NonAsciiProbe {

    private NonAsciiProbe() {
    }

    public static void main(String[] args) throws Exception {
        try (Lab lab = Lab.start(List.of(new EchoHost("ex01")), Lab.Options.http("u", "p"))) {
            var target = new TargetResolver().resolve("ex01", Map.of("ansible_host", "127.0.0.1",
                    "ansible_port", lab.port("ex01"), "ansible_winrm_scheme", "http", "ansible_user", "u",
                    "ansible_password", Secret.of("p"), "ansible_winrm_transport", "ntlm"));
            String script = PsScript.bare().template("Write-Output {}", PsValue.string(args[0])).render();
            CommandResult r = new WinRmTransport().run(target, script, Duration.ofSeconds(20));
            System.out.println(r.stdout().strip().codePoints().mapToObj(Integer::toHexString)
                    .collect(Collectors.joining(" ")));
        }
    }
}
