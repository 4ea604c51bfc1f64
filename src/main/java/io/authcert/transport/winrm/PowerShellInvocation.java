package io.authcert.transport.winrm;

import io.authcert.powershell.PsScript;
import java.nio.charset.StandardCharsets;

/**
 * How a script travels to powershell.exe: as {@code -EncodedCommand} (Base64 of UTF-16LE) while the
 * command line fits cmd.exe's 8,191 characters, otherwise on standard input with
 * {@code -Command -} (Base64 inflates a script about 2.7 times, so this happens from about 3,000
 * characters on).
 *
 * @param commandLine what the shell runs
 * @param script      the script as sent: the UTF-8 output line in front and, on stdin, wrapped as one statement
 * @param stdin       the script as UTF-8 for standard input, or null when it is on the command line
 */
record PowerShellInvocation(String commandLine, String script, byte[] stdin) {

    /** cmd.exe's limit, counting the quotes Overthere puts around the command line. */
    static final int MAX_COMMAND_LINE = 8191;

    static final String PREFIX = "powershell -NoProfile -NonInteractive ";

    /**
     * The transport decodes output as UTF-8 whatever the JVM's default charset; this line makes
     * powershell.exe write UTF-8 instead of the console's OEM code page.
     */
    static final String UTF8_OUTPUT = "[Console]::OutputEncoding = [System.Text.Encoding]::UTF8";

    static PowerShellInvocation of(String script) {
        String full = script.contains("[Console]::OutputEncoding") ? script : UTF8_OUTPUT + "\n" + script;
        String encoded = PsScript.encodedCommand(full);
        String line = PREFIX + "-EncodedCommand " + encoded;
        if (line.length() + 2 <= MAX_COMMAND_LINE) {
            return new PowerShellInvocation(line, full, null);
        }
        return new PowerShellInvocation(PREFIX + "-Command -", forStdin(script),
                forStdin(script).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * powershell.exe with {@code -Command -} runs its input like typed console input, one complete
     * statement at a time, and goes on with the next statement after one failed, whatever
     * {@code $ErrorActionPreference} says. Wrapping the script in one {@code if ($true) { ... }}
     * block (no new scope, unlike a script block) makes it a single statement: a terminating error
     * stops the whole script, as it does with {@code -EncodedCommand}. The final empty line submits
     * that statement; without it powershell.exe leaves a trailing block unexecuted.
     */
    private static String forStdin(String script) {
        String prefix = script.contains("[Console]::OutputEncoding") ? "" : UTF8_OUTPUT + "\n";
        return prefix + "if ($true) {\n" + script + (script.endsWith("\n") ? "" : "\n") + "}\n\n";
    }

    boolean usesStdin() {
        return stdin != null;
    }
}
