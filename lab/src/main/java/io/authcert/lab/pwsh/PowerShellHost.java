package io.authcert.lab.pwsh;

import io.authcert.lab.CommandOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A simulated {@code powershell.exe} on one server: takes the command line as WinRM delivers it and
 * returns what the process would have written and its exit code.
 *
 * <p>Understood: {@code powershell[.exe] [-NoProfile] [-NonInteractive] [-NoLogo] [-ExecutionPolicy X]
 * [-InputFormat X] [-OutputFormat Text] [-WindowStyle X] (-EncodedCommand BASE64-UTF16LE | -Command - |
 * -Command TEXT...)}, optionally behind {@code cmd /c}. With {@code -Command -} the script is read as
 * powershell.exe reads redirected input: statement by statement, a multi-line block only once an
 * empty line ends it, and an error ends only the statement it happened in (not the rest of the
 * input, whatever $ErrorActionPreference says). Each run is a fresh process: variables and
 * loaded snap-ins do not survive it; the registry, environment and clock do. Thread-safe.
 */
public final class PowerShellHost implements Session {

    private final CmdletRegistry registry;
    private final Map<String, String> environment;
    private final Clock clock;
    private final int consoleWidth;

    /**
     * @param registry    the server's cmdlets (usually {@link CmdletRegistry#withBuiltins()} plus its own)
     * @param environment environment variables, at least COMPUTERNAME
     * @param clock       the simulated clock; its zone is the server's local time zone
     */
    public PowerShellHost(CmdletRegistry registry, Map<String, String> environment, Clock clock) {
        this(registry, environment, clock, 0);
    }

    private PowerShellHost(CmdletRegistry registry, Map<String, String> environment, Clock clock, int consoleWidth) {
        this.consoleWidth = consoleWidth;
        this.registry = registry;
        TreeMap<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        env.putAll(environment);
        this.environment = Collections.unmodifiableMap(env);
        this.clock = clock;
    }

    /**
     * The same host with errors wrapped at a console width, as powershell.exe under WinRM wraps them
     * at 80 columns (messages at word boundaries, CategoryInfo and FullyQualifiedErrorId lines hard,
     * continued after three spaces). 0, the default, writes every line whole.
     */
    public PowerShellHost withConsoleWidth(int width) {
        return new PowerShellHost(registry, environment, clock, width);
    }

    @Override
    public CmdletRegistry registry() {
        return registry;
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    /**
     * Runs a command line as cmd.exe would start it. {@code command} may hold the whole line
     * ("powershell -NoProfile -EncodedCommand ...") with {@code arguments} empty, or just the program.
     */
    public CommandOutcome run(String command, List<String> arguments, InputStream stdin) {
        return run(null, command, arguments, stdin);
    }

    /** The same, the process running as {@code caller} (null: the console's administrator). */
    public CommandOutcome run(io.authcert.lab.Caller caller, String command, List<String> arguments, InputStream stdin) {
        HostCommandLine line = HostCommandLine.parse(command, arguments);
        if (line.error() != null) {
            return CommandOutcome.of(new byte[0], line.error().getBytes(StandardCharsets.US_ASCII), line.exitCode());
        }
        String script;
        if (line.scriptFromStdin()) {
            ScriptOutput out = new Runspace(this, consoleWidth).withCaller(caller).runInteractive(readAll(stdin));
            return CommandOutcome.of(out.stdoutBytes(), out.stderrBytes(), out.exitCode());
        } else if (line.encodedCommand() != null) {
            try {
                script = new String(Base64.getDecoder().decode(line.encodedCommand().trim()), StandardCharsets.UTF_16LE);
            } catch (IllegalArgumentException e) {
                return CommandOutcome.of(new byte[0], ("Cannot process the command because the value specified with "
                        + "-EncodedCommand is not properly encoded. The value must be Base64 encoded.\r\n")
                        .getBytes(StandardCharsets.US_ASCII), 1);
            }
        } else {
            script = line.commandText();
        }
        ScriptOutput out = new Runspace(this, consoleWidth).withCaller(caller).withStdin(stdin).run(script);
        return CommandOutcome.of(out.stdoutBytes(), out.stderrBytes(), out.exitCode());
    }

    /** Runs script text directly (what -EncodedCommand carries), for tests and the lab's own use. */
    public CommandOutcome runScript(String script) {
        return runScript(null, script);
    }

    /** Runs script text as {@code caller} (null: the console's administrator). */
    public CommandOutcome runScript(io.authcert.lab.Caller caller, String script) {
        ScriptOutput out = new Runspace(this, consoleWidth).withCaller(caller).run(script);
        return CommandOutcome.of(out.stdoutBytes(), out.stderrBytes(), out.exitCode());
    }

    private static String readAll(InputStream stdin) {
        if (stdin == null) {
            return "";
        }
        try {
            return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
