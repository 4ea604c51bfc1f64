package io.authcert.lab;

/**
 * What a simulated command produced, and how the WinRM layer must deliver it.
 *
 * @param stdout      bytes as powershell.exe writes them (UTF-8 here; see the lab's README)
 * @param stderr      bytes, errors in the {@code #< CLIXML} form powershell.exe writes when redirected
 * @param disposition normal delivery, a SOAP 500 fault instead of the output, or the connection dropped
 *                    after the command ran (a lost response)
 */
public record CommandOutcome(byte[] stdout, byte[] stderr, int exitCode, Disposition disposition) {

    public enum Disposition { DELIVER, FAULT_500, LOSE_RESPONSE }

    public static CommandOutcome of(byte[] stdout, byte[] stderr, int exitCode) {
        return new CommandOutcome(stdout, stderr, exitCode, Disposition.DELIVER);
    }
}
