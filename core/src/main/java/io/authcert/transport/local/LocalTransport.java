package io.authcert.transport.local;

import io.authcert.powershell.PsScript;
import io.authcert.powershell.StdinBootstrap;
import io.authcert.transport.CommandResult;
import io.authcert.transport.Target;
import io.authcert.transport.Transport;
import io.authcert.transport.TransportException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Runs PowerShell on the machine the engine runs on ({@code ansible_connection: local}), for an engine
 * installed on an Exchange server itself. The script travels on stdin as UTF-8, so neither the
 * command-line length limit nor the console code page can mangle it; a small fixed bootstrap passed
 * with {@code -EncodedCommand} reads it and runs it.
 */
public final class LocalTransport implements Transport {

    /** Used when the host sets no {@code ansible_powershell_executable}. */
    public static final String DEFAULT_EXECUTABLE = "powershell.exe";

    /** Reads the script from stdin and runs it as one script block. */
    static final PsScript BOOTSTRAP = StdinBootstrap.SCRIPT;

    /** How long to wait for output pipes after the process ended (a grandchild may hold them open). */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    @Override
    public CommandResult run(Target target, String script, Duration timeout) throws TransportException {
        String executable = target.powershellExecutable() == null || target.powershellExecutable().isBlank()
                ? DEFAULT_EXECUTABLE : target.powershellExecutable();
        CommandLine command = new CommandLine(executable)
                .addArgument("-NoLogo")
                .addArgument("-NoProfile")
                .addArgument("-NonInteractive")
                .addArgument("-ExecutionPolicy").addArgument("Bypass")
                .addArgument("-EncodedCommand").addArgument(StdinBootstrap.encoded(), false);
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        PumpStreamHandler streams = new PumpStreamHandler(stdout, stderr,
                new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)));
        streams.setStopTimeout(DRAIN);
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout).get();
        DefaultExecutor executor = DefaultExecutor.builder().setExecuteStreamHandler(streams).get();
        executor.setWatchdog(watchdog);
        executor.setExitValues(null);
        long started = System.nanoTime();
        int exit;
        try {
            exit = executor.execute(command);
        } catch (ExecuteException e) {
            exit = e.getExitValue();
        } catch (IOException e) {
            throw new TransportException(TransportException.Kind.UNREACHABLE, target.name(),
                    "cannot start PowerShell '" + executable + "': " + e.getMessage()
                            + " (set ansible_powershell_executable to the full path of powershell.exe or pwsh)", e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (watchdog.killedProcess()) {
            throw new TransportException(TransportException.Kind.TIMED_OUT, target.name(),
                    "timed out: local PowerShell did not finish within " + timeout.toSeconds() + " s and was stopped");
        }
        return new CommandResult(stdout.toString(StandardCharsets.UTF_8),
                io.authcert.powershell.ClixmlErrors.decode(stderr.toString(StandardCharsets.UTF_8)), exit, took);
    }

}
