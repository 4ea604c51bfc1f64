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

    public static void main(String[] args) {
        System.exit(run(args, Terminal.system()));
    }

    /** Runs the engine with the standard wiring. */
    public static int run(String[] args, Terminal terminal) {
        return run(args, terminal, Modules.EMPTY_MODULE);
    }

    /** Runs the engine with {@code overrides} replacing parts of the standard wiring (tests). */
    public static int run(String[] args, Terminal terminal, Module overrides) {
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
        int code;
        try {
            code = commandLine.execute(args);
        } finally {
            // The end of the run: the WinRM transport deletes the shells it kept per host.
            injector.getInstance(io.authcert.transport.Transport.class).close();
        }
        terminal.out().flush();
        terminal.err().flush();
        return code;
    }
}
