package io.authcert.cli;

import io.authcert.facts.Facts;
import io.authcert.plan.Plan;
import io.authcert.rehearse.Rehearsal;
import io.authcert.rehearse.RehearsalException;
import io.authcert.rehearse.RehearsalJson;
import io.authcert.rehearse.RehearsalMarkdown;
import io.authcert.rehearse.RehearsalReport;
import io.authcert.rehearse.RehearsalText;
import io.authcert.transport.Transport;
import io.authcert.workflow.SelectedPlay;
import java.io.IOException;
import java.time.Duration;

/**
 * Runs a rehearsal for {@code engine rehearse} and {@code engine plan --rehearse} and prints its report
 * in the command's format; says first, on standard error, that only a twin is touched.
 */
final class RehearsalPrinter {

    private final Terminal terminal;
    private final Transport transport;

    RehearsalPrinter(Terminal terminal, Transport transport) {
        this.terminal = terminal;
        this.transport = transport;
    }

    /** The exit code: 0 converged, 1 not converged or not rehearsable (said why). */
    int rehearseAndPrint(Plan plan, Facts facts, SelectedPlay play, Duration nudgeInterval, PlanCommand.Format format)
            throws IOException {
        terminal.err().println("Rehearsing the plan on a twin of the organisation (simulated servers on 127.0.0.1, built from"
                + " the facts); nothing is sent to a real server ...");
        terminal.err().flush();
        RehearsalReport report;
        try {
            report = new Rehearsal(transport).run(plan, facts, play, nudgeInterval);
        } catch (RehearsalException e) {
            terminal.err().println(terminal.red("error: ") + "cannot rehearse: " + e.getMessage());
            terminal.err().flush();
            return ExitCode.ERROR;
        }
        switch (format) {
            case json -> terminal.out().print(new RehearsalJson().render(report));
            case markdown -> terminal.out().print(new RehearsalMarkdown().render(report));
            case text -> {
                terminal.out().println();
                new RehearsalText().render(report).forEach(terminal.out()::println);
            }
        }
        terminal.out().flush();
        if (!report.converged()) {
            terminal.err().println(terminal.red("error: ") + "the rehearsal did not converge: "
                    + String.join("; ", report.problems()));
            terminal.err().flush();
            return ExitCode.ERROR;
        }
        return ExitCode.OK;
    }
}
