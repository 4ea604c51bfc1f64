package io.authcert.lab.pwsh;

import io.authcert.lab.CommandOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test helper: a host with a fixed clock, and decoding of what a run wrote. */
final class PsRun {

    static final Instant NOW = Instant.parse("2026-11-26T04:15:30.1234567Z");

    private PsRun() {
    }

    static PowerShellHost host(CmdletRegistry registry) {
        return new PowerShellHost(registry, Map.of("COMPUTERNAME", "EX01"), Clock.fixed(NOW, ZoneId.of("UTC")));
    }

    static PowerShellHost host() {
        return host(CmdletRegistry.withBuiltins());
    }

    /** What one run produced, decoded. */
    record Result(String stdout, String stderrRaw, String stderr, int exitCode) {
    }

    static Result run(PowerShellHost host, String script) {
        CommandOutcome o = host.runScript(script);
        return decode(o);
    }

    static Result run(String script) {
        return run(host(), script);
    }

    static Result decode(CommandOutcome o) {
        String raw = new String(o.stderr(), StandardCharsets.UTF_8);
        return new Result(new String(o.stdout(), StandardCharsets.UTF_8), raw, clixmlText(raw), o.exitCode());
    }

    /** The text of the CLIXML error stream, lines joined as powershell.exe would print them. */
    static String clixmlText(String raw) {
        if (raw.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        Matcher m = Pattern.compile("<S S=\"(\\w+)\">(.*?)</S>").matcher(raw);
        while (m.find()) {
            String text = m.group(2).replace("_x000D_", "\r").replace("_x000A_", "\n").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&").replace("_x005F_", "_");
            sb.append(text);
        }
        return sb.toString();
    }
}
