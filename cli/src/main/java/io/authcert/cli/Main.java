package io.authcert.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.util.Modules;
import java.io.PrintWriter;
import picocli.CommandLine;

/** The entry point: builds the one injector, hands picocli the commands, returns the exit code. */
public final class Main {

    private Main() {
    }

    /** How long a signal waits for the run to stop cleanly (steps in flight finish; their read timeout bounds them). */
    private static final long STOP_GRACE_MILLIS = 120_000;

    /** Set when a signal asked the JVM to stop: then System.exit would wait for the shutdown that is already running. */
    private static volatile boolean stoppingBySignal;

    public static void main(String[] args) {
        int code = run(args, Terminal.system());
        if (!stoppingBySignal) {
            System.exit(code);
        }
    }

    /**
     * SIGTERM or Ctrl-C: ask the run to stop (steps already sent finish, nothing new starts), wake it
     * from a wait, and give it time to record how it ended, release its lock and write its reports.
     */
    private static Thread stopOnSignal(io.authcert.run.StopRequest stop, Thread worker) {
        return new Thread(() -> {
            stoppingBySignal = true;
            stop.request("SIGTERM or Ctrl-C");
            worker.interrupt();
            try {
                worker.join(STOP_GRACE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "authcert-stop");
    }

    /** Runs the engine with the standard wiring. */
    public static int run(String[] args, Terminal terminal) {
        return run(args, terminal, Modules.EMPTY_MODULE);
    }

    /** Runs the engine with {@code overrides} replacing parts of the standard wiring (tests). */
    public static int run(String[] args, Terminal terminal, Module overrides) {
        DebugFlag.set(false); // picocli sets it only when --debug is given: a previous run in this JVM must not leave it on
        Injector injector = Guice.createInjector(Modules.override(new AppModule(terminal)).with(overrides));
        CommandLine commandLine = new CommandLine(EngineCommand.class, new GuiceFactory(injector));
        commandLine.setOut(terminal.out());
        commandLine.setErr(terminal.err());
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(
                terminal.colour() ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        commandLine.setExecutionExceptionHandler(new ErrorHandler(terminal));
        commandLine.setParameterExceptionHandler((ex, argv) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage());
            err.println("  hint: " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help shows the usage");
            err.flush();
            return ExitCode.ERROR;
        });
        Thread hook = stopOnSignal(injector.getInstance(io.authcert.run.StopRequest.class), Thread.currentThread());
        Runtime.getRuntime().addShutdownHook(hook);
        int code;
        try {
            code = commandLine.execute(args);
        } finally {
            // The end of the run: the WinRM transport deletes the shells it kept per host.
            injector.getInstance(io.authcert.transport.Transport.class).close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for this thread to return
            }
        }
        terminal.out().flush();
        terminal.err().flush();
        return code;
    }
}
