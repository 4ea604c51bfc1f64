package io.authcert.cli;

import io.authcert.diag.InputException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command threw into something a person can act on: every input problem as
 * {@code FILE:LINE:COL: message} with its hint, other failures as one line. Stack traces only with
 * {@code --debug}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

    private final Terminal terminal;

    ErrorHandler(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        if (ex instanceof InputException input) {
            new DiagnosticPrinter(terminal).print(input.diagnostics());
        } else if (ex instanceof java.nio.file.FileSystemException file) {
            new DiagnosticPrinter(terminal).print(FileProblem.of(file).diagnostics());
        } else {
            terminal.err().println(terminal.red("error: ") + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            if (!DebugFlag.isSet()) {
                terminal.err().println("  hint: run again with --debug for details");
            }
        }
        if (DebugFlag.isSet()) {
            ex.printStackTrace(terminal.err());
        }
        terminal.err().flush();
        return ExitCode.ERROR;
    }
}
