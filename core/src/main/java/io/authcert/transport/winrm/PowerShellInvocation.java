package io.authcert.transport.winrm;

import io.authcert.powershell.PsScript;
import io.authcert.powershell.StdinBootstrap;
import java.nio.charset.StandardCharsets;

/**
 * How a script travels to powershell.exe: as {@code -EncodedCommand} (Base64 of UTF-16LE) while the
 * command line fits cmd.exe's 8,191 characters, otherwise on standard input, read and run by the
 * fixed {@link StdinBootstrap} (Base64 inflates a script about 2.7 times, so this happens from
 * about 3,000 characters on).
 *
 * @param commandLine what the shell runs
 * @param script      the script as it runs: with the UTF-8 output line in front when on the command line
 * @param stdin       the script as UTF-8 for standard input, or null when it is on the command line
 */
record PowerShellInvocation(String commandLine, String script, byte[] stdin) {

    /** cmd.exe's limit; the check keeps two characters for the outer quotes some clients (Overthere) add. */
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
        return new PowerShellInvocation(PREFIX + "-EncodedCommand " + StdinBootstrap.encoded(), script,
                script.getBytes(StandardCharsets.UTF_8));
    }

    boolean usesStdin() {
        return stdin != null;
    }
}
