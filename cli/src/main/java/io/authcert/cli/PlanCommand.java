package io.authcert.cli;

import com.google.inject.Inject;
import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.facts.CapturedFactsReader;
import io.authcert.facts.Facts;
import io.authcert.facts.FactsParseException;
import io.authcert.inventory.Inventory;
import io.authcert.inventory.InventoryLoader;
import io.authcert.plan.Plan;
import io.authcert.plan.PlanJson;
import io.authcert.plan.PlanMarkdownRenderer;
import io.authcert.plan.PlanRequest;
import io.authcert.plan.Planner;
import io.authcert.plan.PlanningException;
import io.authcert.playbook.LoadedPlaybook;
import io.authcert.playbook.PlaybookLoader;
import io.authcert.run.Sleeper;
import io.authcert.workflow.PlaySelection;
import io.authcert.workflow.SelectedPlay;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code engine plan}: what would change, as a reviewable plan, without changing anything. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show what apply would change: gather facts (or read captured ones), plan, render. Changes nothing.",
        footer = {"", "Examples:", "  engine plan -i inventory/production playbooks/auth-certificate.yml \\",
            "      --out plan.json",
            "  engine plan -i inv.yml playbooks/auth-certificate.yml --facts captured/ \\",
            "      --now 2026-12-01T06:00:00Z",
            "  engine plan -i inv.yml playbooks/auth-certificate.yml --ignore-server EX09",
            "", "Exit codes: 0 success (with --detailed-exitcode: nothing to do), 2 changes pending (--detailed-exitcode),",
            "3 something is held back for a person: servers of the organisation outside the plan (--detailed-exitcode), 1 error."})
public final class PlanCommand implements Callable<Integer> {

    enum Format { text, json, markdown }

    @Mixin
    InventoryOptions inventoryOptions = new InventoryOptions();

    @Mixin
    IgnoreServerOptions ignoreServers = new IgnoreServerOptions();

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook, e.g. playbooks/auth-certificate.yml.")
    Path playbook;

    @Option(names = {"-l", "--limit"}, paramLabel = "L", description = "Further limit the hosts (Ansible pattern).")
    String limit;

    @Option(names = "--nudge-interval", defaultValue = "5m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "At most one MSExchangeServiceHost restart per server per this interval while a wait lags;"
                    + " the plan's waits carry it (default ${DEFAULT-VALUE}).")
    java.time.Duration nudgeInterval;

    @Option(names = "--facts", paramLabel = "DIR", description = "Plan from captured facts (DIR/facts.json, a facts file, or one folder"
            + " of Export-Clixml captures per host as 'engine facts --from' reads) instead of connecting.")
    Path factsDir;

    @Option(names = "--now", paramLabel = "ISO", description = "Plan as of this moment (ISO-8601, e.g. 2026-12-01T06:00:00Z).")
    String now;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the plan as JSON to FILE (for 'engine apply FILE').")
    Path out;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-f", "--forks"}, paramLabel = "N", defaultValue = "50",
            description = "Hosts gathered at once (default: ${DEFAULT-VALUE}; as many as the hosts gathers all at once).")
    int forks;

    @Option(names = "--detailed-exitcode", description = "Exit 0 when there is nothing to do, 2 when changes are pending.")
    boolean detailedExitCode;

    @Option(names = "--rehearse", description = "Also apply the plan to a twin of the organisation built from the facts"
            + " (simulated servers on 127.0.0.1; nothing is sent to a real server) and add the rehearsal's report"
            + " (text or markdown; exit 1 when it does not converge). docs/rehearse.md.")
    boolean rehearse;

    private final Terminal terminal;
    private final Clock clock;
    private final LiveFacts liveFacts;
    private final io.authcert.transport.Transport transport;

    @Inject
    PlanCommand(Terminal terminal, Clock clock, LiveFacts liveFacts, io.authcert.transport.Transport transport) {
        this.terminal = terminal;
        this.clock = clock;
        this.liveFacts = liveFacts;
        this.transport = transport;
    }

    @Override
    public Integer call() throws IOException {
        if (rehearse && format == Format.json) {
            throw InputException.of(SourceLocation.ofFile("--rehearse"), "--rehearse adds its report to the text or Markdown plan;"
                    + " the JSON plan stays the plan file's format", "use engine rehearse --format json for the report as JSON");
        }
        Instant at = instant();
        inventoryOptions.require();
        if (forks < 1) {
            throw InputException.of(SourceLocation.ofFile("--forks"), "--forks must be at least 1, not " + forks, "the default is 50");
        }
        Inventory inventory = inventoryOptions.load(new InventoryLoader());
        LoadedPlaybook loaded = new PlaybookLoader().loadWithDetails(playbook, Map.of());
        new DiagnosticPrinter(terminal).print(loaded.warnings());
        SelectedPlay selected = PlaySelection.select(inventory, loaded, playbook, limit, PlaySelection.Purpose.PLAN)
                .withIgnoredServers(ignoreServers.names());
        EngineTime time = factsDir != null ? EngineTime.own(clock, Sleeper.REAL)
                : EngineTime.forHosts(clock, Sleeper.REAL, selected.hosts());
        Facts facts = factsDir != null ? captured(factsDir) : time.observed(liveFacts.gather(selected.hosts(), forks));
        if (time.followed() != null && now == null) {
            at = time.clock().instant(); // an organisation on a simulated clock is planned at its own time
        }
        if (factsDir != null) {
            at = capturedTime(facts, at);
        }
        PlanRequest request = selected.planRequest(facts, at, nudgeInterval);
        Plan plan;
        try {
            plan = new Planner().plan(request);
        } catch (PlanningException e) {
            new DiagnosticPrinter(terminal).printCannotPlan(e.reasons());
            return ExitCode.ERROR;
        }
        if (out != null) {
            Files.writeString(out, PlanJson.write(plan), StandardCharsets.UTF_8);
        }
        switch (format) {
            case json -> terminal.out().print(PlanJson.write(plan));
            case markdown -> terminal.out().print(new PlanMarkdownRenderer().render(plan));
            case text -> new PlanPrinter(terminal).print(plan);
        }
        if (out != null && format == Format.text) {
            terminal.out().println();
            terminal.out().println("Saved this plan to " + out + "; apply exactly it with: engine apply " + out);
        }
        terminal.out().flush();
        if (rehearse && new RehearsalPrinter(terminal, transport)
                .rehearseAndPrint(plan, facts, selected, nudgeInterval, format) != ExitCode.OK) {
            return ExitCode.ERROR;
        }
        if (detailedExitCode && plan.needsHuman()) {
            return ExitCode.NEEDS_HUMAN;
        }
        if (detailedExitCode && !plan.isEmpty()) {
            return ExitCode.CHANGES;
        }
        return ExitCode.OK;
    }

    private Instant instant() {
        return NowOption.instant(now, clock);
    }

    /**
     * Offline, the engine's clock says nothing about an organisation on a simulated clock: its captured
     * facts are planned at their own time unless {@code --now} says otherwise. Says which time it is.
     */
    private Instant capturedTime(Facts facts, Instant engineNow) {
        java.util.Optional<Instant> simulated = facts.simulatedClockTime();
        if (now != null) {
            terminal.err().println("Planning at " + engineNow + " (--now).");
            return engineNow;
        }
        if (simulated.isPresent()) {
            terminal.err().println("Planning at " + simulated.get() + ", when these facts were gathered on the"
                    + " organisation's simulated clock (--now to plan at another time).");
            return simulated.get();
        }
        terminal.err().println("Planning at " + engineNow + ", the engine's clock (--now to plan at another time).");
        return engineNow;
    }

    /** A saved facts document, or one folder of Export-Clixml captures per host, as {@code engine facts --from} reads them. */
    static Facts captured(Path factsDir) {
        if (!Files.exists(factsDir)) {
            throw InputException.of(SourceLocation.ofFile(factsDir.toString()), "no captured facts here",
                    "save them with 'engine facts -i INV --save " + factsDir + "' where the servers are reachable, or export"
                            + " them on each server into DIR/<host>/ (authconfig.xml, certificates.xml; docs/facts.md)");
        }
        try {
            return new CapturedFactsReader().read(factsDir);
        } catch (FactsParseException e) {
            throw e.toInput(SourceLocation.ofFile(factsDir.toString()),
                    "--facts takes a facts.json written by 'engine facts --save DIR', or a directory with one folder per host"
                            + " (authconfig.xml, certificates.xml; docs/facts.md)");
        }
    }
}
