package io.authcert.cli;

import io.authcert.diag.Diagnostic;
import java.util.List;

/** Prints diagnostics as {@code FILE:LINE:COL: message} lines, each followed by its hint. */
public final class DiagnosticPrinter {

    private final Terminal terminal;

    public DiagnosticPrinter(Terminal terminal) {
        this.terminal = terminal;
    }

    public void print(List<Diagnostic> diagnostics) {
        for (Diagnostic d : diagnostics) {
            String line = d.headline();
            terminal.err().println(d.isError() ? terminal.red(line) : terminal.yellow(line));
            if (d.hint() != null && !d.hint().isBlank()) {
                terminal.err().println("  hint: " + d.hint());
            }
        }
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        if (errors > 0) {
            terminal.err().println(errors + (errors == 1 ? " error" : " errors") + " found; nothing was changed.");
        }
        terminal.err().flush();
    }

    /** Says that the planner refused, and why: the same words for plan and apply. */
    public void printCannotPlan(List<Diagnostic> reasons) {
        terminal.err().println(terminal.red("error: ") + "cannot plan: nothing can be changed safely until this is fixed");
        print(reasons);
    }
}
