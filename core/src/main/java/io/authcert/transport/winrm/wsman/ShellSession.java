package io.authcert.transport.winrm.wsman;

import io.authcert.transport.winrm.http.HttpConnection;
import io.authcert.transport.winrm.http.MalformedResponseException;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Base64;
import org.w3c.dom.Element;

/**
 * One Windows Remote Shell on one kept-alive connection, so that many commands of a run share one
 * shell and one authenticated TCP connection. Not thread-safe: one command at a time.
 */
public final class ShellSession implements Closeable {

    private final WsmanClient client;
    private final Envelopes envelopes;
    private final String shellId;
    private String commandId;
    private int exitCode = -1;

    private ShellSession(WsmanClient client, Envelopes envelopes, String shellId) {
        this.client = client;
        this.envelopes = envelopes;
        this.shellId = shellId;
    }

    /** Creates a shell; nothing has run on the server until {@link #command}. */
    public static ShellSession open(HttpConnection connection, int maxEnvelopeSize, Duration timeout) throws IOException {
        WsmanClient client = new WsmanClient(connection);
        Envelopes envelopes = new Envelopes(connection.endpoint().url(), maxEnvelopeSize);
        SoapDocument doc = client.call(envelopes.createShell(Envelopes.newMessageId(), timeout));
        String id = doc.all(Envelopes.WSMAN, "Selector").stream()
                .filter(e -> "ShellId".equals(e.getAttribute("Name"))).map(e -> e.getTextContent().strip())
                .findFirst().or(() -> doc.text(Envelopes.SHELL, "ShellId"))
                .orElseThrow(() -> new MalformedResponseException("the Create answer has no ShellId"));
        return new ShellSession(client, envelopes, id);
    }

    public String shellId() {
        return shellId;
    }

    public HttpConnection connection() {
        return client.connection();
    }

    /** Starts a command line (cmd.exe syntax) in the shell. */
    public void command(String commandLine, Duration timeout) throws IOException {
        commandId = null;
        exitCode = -1;
        SoapDocument doc = client.call(envelopes.command(Envelopes.newMessageId(), timeout, shellId, commandLine));
        commandId = doc.text(Envelopes.SHELL, "CommandId")
                .orElseThrow(() -> new MalformedResponseException("the Command answer has no CommandId"));
    }

    /** Sends bytes to the command's stdin; {@code end} closes it, as WinRS does with the last chunk. */
    public void send(byte[] data, boolean end, Duration timeout) throws IOException {
        client.call(envelopes.send(Envelopes.newMessageId(), timeout, shellId, requireCommand(), data, end));
    }

    /**
     * One Receive; the server holds it up to {@code timeout} and answers {@code w:TimedOut}
     * ({@link WsmanFaultException#timedOut()}) if the command wrote nothing meanwhile.
     *
     * @return true while the command has more output to come
     */
    public boolean receive(Duration timeout, OutputStream stdout, OutputStream stderr) throws IOException {
        SoapDocument doc = client.call(envelopes.receive(Envelopes.newMessageId(), timeout, shellId, requireCommand()));
        for (Element stream : doc.all(Envelopes.SHELL, "Stream")) {
            String text = stream.getTextContent().replaceAll("\\s", "");
            if (text.isEmpty()) {
                continue;
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new MalformedResponseException("the Receive answer has a stream that is not Base64");
            }
            ("stderr".equals(stream.getAttribute("Name")) ? stderr : stdout).write(bytes);
        }
        Element state = doc.first(Envelopes.SHELL, "CommandState").orElse(null);
        if (state != null && Envelopes.STATE_DONE.equals(state.getAttribute("State"))) {
            String code = doc.text(Envelopes.SHELL, "ExitCode").orElse("0");
            try {
                exitCode = Integer.parseInt(code);
            } catch (NumberFormatException e) {
                exitCode = (int) Long.parseLong(code);
            }
            return false;
        }
        return true;
    }

    /** The exit code of the last command, once a Receive saw it done. */
    public int exitCode() {
        return exitCode;
    }

    /** Asks the server to terminate the current command. */
    public void terminate(Duration timeout) throws IOException {
        if (commandId != null) {
            client.call(envelopes.terminate(Envelopes.newMessageId(), timeout, shellId, commandId));
        }
    }

    /** Deletes the shell on the server; the connection stays open until {@link #close()}. */
    public void deleteShell(Duration timeout) throws IOException {
        client.call(envelopes.deleteShell(Envelopes.newMessageId(), timeout, shellId));
    }

    /** Closes the connection (the shell is left to {@link #deleteShell}). */
    @Override
    public void close() {
        client.connection().close();
    }

    private String requireCommand() {
        if (commandId == null) {
            throw new IllegalStateException("no command started in shell " + shellId);
        }
        return commandId;
    }
}
