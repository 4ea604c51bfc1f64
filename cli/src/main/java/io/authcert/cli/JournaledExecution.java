package io.authcert.cli;

import io.authcert.plan.Plan;
import io.authcert.report.Recap;
import io.authcert.run.Executor;
import io.authcert.run.Journal;
import io.authcert.run.Replanner;
import io.authcert.run.RunEvents;
import io.authcert.run.RunFolder;
import io.authcert.run.RunResult;
import io.authcert.run.RunSettings;
import io.authcert.run.Sleeper;
import io.authcert.run.StopRequest;
import io.authcert.transport.Target;
import io.authcert.transport.Transport;
import io.authcert.workflow.ApplyOptions;
import io.authcert.workflow.PlanExecution;
import java.time.Clock;
import java.util.Map;

/**
 * Runs a confirmed plan with the journal, progress and reports subscribed, then prints the recap; the
 * reports are written when the whole apply has ended ({@link ApplyReports}).
 */
final class JournaledExecution implements PlanExecution {

    private final Terminal terminal;
    private final Transport transport;
    private final Map<String, Target> targets;
    private final ApplyOptions options;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ApplyReports reports;
    private final StopRequest stop;

    JournaledExecution(Terminal terminal, Transport transport, Map<String, Target> targets, ApplyOptions options, Clock clock,
            Sleeper sleeper, ApplyReports reports, StopRequest stop) {
        this.reports = reports;
        this.stop = stop;
        this.terminal = terminal;
        this.transport = transport;
        this.targets = targets;
        this.options = options;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public RunResult execute(Plan plan, Replanner replanner) throws Exception {
        RunFolder folder = RunFolder.create(options.stateDir(), clock);
        Recap recap = new Recap();
        RunResult result;
        try (Journal journal = new Journal(folder.journal())) {
            RunEvents events = RunEvents.of(new ProgressPrinter(terminal), journal, recap, reports.json(), reports.junit());
            RunSettings settings = new RunSettings(options.forks(), options.pollInterval(), RunSettings.DEFAULT.maxReplans());
            result = new Executor(transport, targets, settings, events, clock, sleeper, replanner, stop).run(plan);
            events.problems().forEach(p -> terminal.err().println(terminal.yellow("warning: ") + p));
        }
        terminal.out().println();
        recap.lines().forEach(terminal.out()::println);
        terminal.out().println("journal: " + folder.journal());
        terminal.out().flush();
        return result;
    }
}
