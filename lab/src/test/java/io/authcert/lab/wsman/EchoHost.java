package io.authcert.lab.wsman;

import io.authcert.lab.CommandOutcome;
import io.authcert.lab.SimulatedHost;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test stand-in for a simulated server, to exercise the WinRM layer: it understands a handful of
 * PowerShell statements ({@code Write-Output 'x'}, {@code Write-Output ('x' * N)},
 * {@code Write-Error 'x'}, {@code Start-Sleep -Milliseconds N}, {@code exit N}) in scripts passed
 * with {@code -EncodedCommand} or on stdin with {@code -Command -}. Not a model of Exchange.
 */
public final class EchoHost implements SimulatedHost {

    private static final Pattern WRITE = Pattern.compile("Write-Output '((?:[^']|'')*)'");
    private static final Pattern REPEAT = Pattern.compile("Write-Output \\('((?:[^']|'')*)' \\* (\\d+)\\)");
    private static final Pattern ERROR = Pattern.compile("Write-Error '((?:[^']|'')*)'");
    private static final Pattern SLEEP = Pattern.compile("Start-Sleep -Milliseconds (\\d+)");
    private static final Pattern EXIT = Pattern.compile("exit (\\d+)");

    private final String name;
    public volatile boolean unreachable;
    public volatile boolean rejectCredentials;
    public volatile java.time.Instant kerberosTicketsExpiredBefore;
    public volatile CommandOutcome.Disposition nextDisposition = CommandOutcome.Disposition.DELIVER;
    public final List<String> scripts = new CopyOnWriteArrayList<>();

    public EchoHost(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CommandOutcome execute(String command, List<String> arguments, InputStream stdin) {
        String program = command.toLowerCase(Locale.ROOT);
        if (!program.equals("powershell") && !program.equals("powershell.exe")) {
            return CommandOutcome.of(new byte[0], ("'" + command + "' is not recognized as an internal or external"
                    + " command,\r\noperable program or batch file.\r\n").getBytes(StandardCharsets.UTF_8), 1);
        }
        String script = null;
        for (int i = 0; i < arguments.size(); i++) {
            String a = arguments.get(i).toLowerCase(Locale.ROOT);
            if ((a.equals("-encodedcommand") || a.equals("-enc")) && i + 1 < arguments.size()) {
                script = new String(Base64.getDecoder().decode(arguments.get(i + 1)), StandardCharsets.UTF_16LE);
            } else if (a.equals("-command") && i + 1 < arguments.size() && arguments.get(i + 1).equals("-")) {
                try {
                    script = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        if (script != null && script.contains("[Console]::OpenStandardInput()")) {
            // The engine's bootstrap for long scripts: it reads the real script from stdin.
            try {
                script = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        if (script == null) {
            return CommandOutcome.of(new byte[0], "no script".getBytes(StandardCharsets.UTF_8), 1);
        }
        scripts.add(script);
        return run(script);
    }

    private CommandOutcome run(String script) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder err = new StringBuilder();
        int exit = 0;
        for (String raw : script.split("\r?\n")) {
            String line = raw.strip();
            Matcher m;
            if ((m = REPEAT.matcher(line)).matches()) {
                out.writeBytes((unquote(m.group(1)).repeat(Integer.parseInt(m.group(2))) + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            } else if ((m = WRITE.matcher(line)).matches()) {
                out.writeBytes((unquote(m.group(1)) + "\r\n").getBytes(StandardCharsets.UTF_8));
            } else if ((m = ERROR.matcher(line)).matches()) {
                err.append(unquote(m.group(1)));
                exit = 1;
            } else if ((m = SLEEP.matcher(line)).matches()) {
                try {
                    Thread.sleep(Long.parseLong(m.group(1)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if ((m = EXIT.matcher(line)).matches()) {
                exit = Integer.parseInt(m.group(1));
                break;
            }
        }
        byte[] stderr = err.length() == 0 ? new byte[0] : clixml(err.toString()).getBytes(StandardCharsets.UTF_8);
        CommandOutcome.Disposition d = nextDisposition;
        nextDisposition = CommandOutcome.Disposition.DELIVER;
        return new CommandOutcome(out.toByteArray(), stderr, exit, d);
    }

    private static String unquote(String s) {
        return s.replace("''", "'");
    }

    /** The form powershell.exe writes an error in when its stderr is redirected. */
    static String clixml(String message) {
        String escaped = message.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "#< CLIXML\r\n<Objs Version=\"1.1.0.1\" xmlns=\"http://schemas.microsoft.com/powershell/2004/04\">"
                + "<S S=\"Error\">" + escaped + "_x000D__x000A_</S></Objs>";
    }

    @Override
    public HttpAnswer health(String path) {
        if (path.equals("/owa/healthcheck.htm") || path.equals("/ecp/healthcheck.htm")) {
            return new HttpAnswer(200, "text/html", "<html><body><h1>200 OK</h1><h2>" + name + "</h2></body></html>");
        }
        return null;
    }

    @Override
    public EndpointFaults faults() {
        return new EndpointFaults() {
            @Override
            public boolean unreachable() {
                return unreachable;
            }

            @Override
            public boolean rejectCredentials() {
                return rejectCredentials;
            }

            @Override
            public java.time.Instant kerberosTicketsExpiredBefore() {
                return kerberosTicketsExpiredBefore;
            }
        };
    }
}
