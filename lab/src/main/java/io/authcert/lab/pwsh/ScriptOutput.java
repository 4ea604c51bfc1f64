package io.authcert.lab.pwsh;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What one powershell.exe run wrote: stdout text (lines already end with CRLF), the stderr records
 * in order, the exit code, and the console output encoding the script left in place.
 */
final class ScriptOutput {

    /** One record on the error/warning/verbose streams, as its formatted lines. */
    record StreamRecord(String stream, List<String> lines) {
    }

    private final StringBuilder stdout = new StringBuilder();
    private final List<StreamRecord> stderr = new ArrayList<>();
    private Charset encoding = ConsoleEncoding.OEM_437;
    private int exitCode;
    private int consoleWidth;

    void consoleWidth(int width) {
        this.consoleWidth = width;
    }

    void writeLine(String line) {
        stdout.append(line).append("\r\n");
    }

    void writeRaw(String text) {
        stdout.append(text);
    }

    void writeStream(String stream, List<String> lines) {
        stderr.add(new StreamRecord(stream, consoleWidth > 0 ? ConsoleWrap.wrap(lines, consoleWidth) : List.copyOf(lines)));
    }

    void encoding(Charset charset) {
        this.encoding = charset;
    }

    Charset encoding() {
        return encoding;
    }

    void exitCode(int code) {
        this.exitCode = code;
    }

    int exitCode() {
        return exitCode;
    }

    String stdoutText() {
        return stdout.toString();
    }

    List<StreamRecord> records() {
        return stderr;
    }

    byte[] stdoutBytes() {
        return stdout.toString().getBytes(encoding);
    }

    /** stderr as powershell.exe writes it when redirected: one CLIXML document, or nothing. */
    byte[] stderrBytes() {
        if (stderr.isEmpty()) {
            return new byte[0];
        }
        StringBuilder sb = new StringBuilder("#< CLIXML\r\n");
        sb.append("<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">");
        for (StreamRecord r : stderr) {
            for (String line : r.lines()) {
                sb.append("<S S=\"").append(r.stream()).append("\">").append(Clixml.escape(line + "\r\n")).append("</S>");
            }
        }
        sb.append("</Objs>");
        return sb.toString().getBytes(encoding == ConsoleEncoding.OEM_437 ? encoding : StandardCharsets.UTF_8);
    }
}
