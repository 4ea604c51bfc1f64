package io.authcert.powershell;

/**
 * The fixed script that lets a long script travel on standard input: passed with
 * {@code -EncodedCommand}, it reads all of stdin as UTF-8 bytes (not through the console code page)
 * and runs it as one script block.
 *
 * <p>Why not {@code -Command -}: powershell.exe then runs its input like typed console input, one
 * statement at a time, goes on after a failed statement whatever {@code $ErrorActionPreference}
 * says, and ends a multi-line block at the first empty line. A script run by this bootstrap behaves
 * exactly as it would with {@code -EncodedCommand}.
 */
public final class StdinBootstrap {

    public static final PsScript SCRIPT = PsScript.bare()
            .constant("$ErrorActionPreference = 'Stop'")
            .constant("[Console]::OutputEncoding = [System.Text.Encoding]::UTF8")
            .constant("$buffer = New-Object -TypeName System.IO.MemoryStream")
            .constant("[Console]::OpenStandardInput().CopyTo($buffer)")
            .constant("$text = [System.Text.Encoding]::UTF8.GetString($buffer.ToArray()).TrimStart([char]0xFEFF)")
            .constant("& ([scriptblock]::Create($text))");

    private StdinBootstrap() {
    }

    /** The bootstrap as the argument of {@code -EncodedCommand}: Base64 of UTF-16LE. */
    public static String encoded() {
        return PsScript.encodedCommand(SCRIPT.render());
    }
}
