package io.authcert.cli;

import com.google.inject.Inject;
import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.facts.Facts;
import io.authcert.facts.FactsGatherer;
import io.authcert.inventory.Inventory;
import io.authcert.inventory.InventoryLoader;
import io.authcert.plan.FactsFingerprint;
import io.authcert.plan.Nudge;
import io.authcert.plan.Plan;
import io.authcert.plan.Planner;
import io.authcert.plan.PlanningException;
import io.authcert.plan.Step;
import io.authcert.playbook.LoadedPlaybook;
import io.authcert.playbook.PlaybookLoader;
import io.authcert.run.Sleeper;
import io.authcert.transport.Transport;
import io.authcert.workflow.PlaySelection;
import io.authcert.workflow.SelectedPlay;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code engine rehearse}: applies a plan (made from the playbook, or saved) to a twin of the
 * organisation that the lab builds from the facts, and reports whether it converged. The real servers
 * are at most read (facts gathered live); with {@code --facts} nothing connects to them at all.
 */
@Command(name = "rehearse", mixinStandardHelpOptions = true,
        description = {
            "Rehearses a plan on a twin: the lab builds a simulated copy of the organisation from the facts (servers, sites,"
                    + " roles, Auth configuration, certificates and their validity, app pool start times, hybrid), applies"
                    + " the plan to it on a simulated clock and reports: converged or not, each phase's simulated duration,"
                    + " the commands each server ran, and OWA sign-in over time.",
            "Nothing is sent to a real server: the plan runs only on the twin (127.0.0.1, a throwaway account).",
        },
        footer = {"", "Examples:",
            "  engine rehearse -i inventory/production playbooks/auth-certificate.yml",
            "  engine rehearse -i inv.yml playbooks/auth-certificate.yml --facts captured/ --format markdown",
            "  engine rehearse -i inv.yml plan.json --facts captured/     # exactly a saved plan",
            "", "Exit codes: 0 the rehearsal converged, 1 it did not (or the plan cannot be made or rehearsed)."})
public final class RehearseCommand implements Callable<Integer> {

    @Mixin
    InventoryOptions inventoryOptions = new InventoryOptions();

    @Parameters(index = "0", paramLabel = "PLAYBOOK|PLAN.json", description = "The playbook, or a plan saved with 'engine plan --out'.")
    Path input;

    @Option(names = {"-l", "--limit"}, paramLabel = "L", description = "Further limit the hosts (Ansible pattern; not with a saved plan).")
    String limit;

    @Option(names = "--facts", paramLabel = "DIR", description = "Build the twin from captured facts (as 'engine plan --facts' reads"
            + " them) instead of gathering them from the servers.")
    Path factsDir;

    @Option(names = "--now", paramLabel = "ISO", description = "Plan as of this moment (ISO-8601); not with a saved plan, which"
            + " is rehearsed at its own planned_at.")
    String now;

    @Option(names = "--nudge-interval", defaultValue = "5m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "As for engine plan (default ${DEFAULT-VALUE}; a saved plan keeps its own).")
    Duration nudgeInterval;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
    PlanCommand.Format format;

    private final Terminal terminal;
    private final Clock clock;
    private final LiveFacts liveFacts;
    private final Transport transport;

    @Inject
    RehearseCommand(Terminal terminal, Clock clock, LiveFacts liveFacts, Transport transport) {
        this.terminal = terminal;
        this.clock = clock;
        this.liveFacts = liveFacts;
        this.transport = transport;
    }

    @Override
    public Integer call() throws IOException {
        inventoryOptions.require();
        Inventory inventory = inventoryOptions.load(new InventoryLoader());
        boolean saved = input.toString().endsWith(".json");
        if (saved && (now != null || limit != null)) {
            throw InputException.of(SourceLocation.ofFile(input.toString()), "a saved plan is rehearsed as it was planned: its"
                    + " hosts, at its planned_at", "leave out --now and --limit, or rehearse the playbook with them");
        }
        if (saved) {
            Plan plan = SavedPlanFile.read(input);
            SelectedPlay play = PlaySelection.ofSavedPlan(inventory, load(Path.of(plan.playbook())), plan, input);
            Facts facts = facts(play).facts();
            if (!FactsFingerprint.matches(plan, facts)) {
                terminal.err().println(terminal.yellow("warning: ") + "these facts are not the ones " + input + " was made from:"
                        + " the rehearsal shows what the plan would do to the organisation they describe");
            }
            return printer().rehearseAndPrint(plan, facts, play, savedNudgeInterval(plan), format);
        }
        SelectedPlay play = PlaySelection.select(inventory, load(input), input, limit, PlaySelection.Purpose.PLAN);
        Gathered gathered = facts(play);
        Plan plan;
        try {
            plan = new Planner().plan(play.planRequest(gathered.facts(), gathered.at(), nudgeInterval));
        } catch (PlanningException e) {
            new DiagnosticPrinter(terminal).printCannotPlan(e.reasons());
            return ExitCode.ERROR;
        }
        return printer().rehearseAndPrint(plan, gathered.facts(), play, nudgeInterval, format);
    }

    private RehearsalPrinter printer() {
        return new RehearsalPrinter(terminal, transport);
    }

    /** Facts and the time to plan them at: captured ones (at --now, else their simulated time, else now) or live ones. */
    private record Gathered(Facts facts, Instant at) {
    }

    private Gathered facts(SelectedPlay play) {
        Instant at = instant();
        if (factsDir != null) {
            Facts facts = PlanCommand.captured(factsDir);
            return new Gathered(facts, now == null ? facts.simulatedClockTime().orElse(at) : at);
        }
        terminal.err().println("Gathering facts from the servers (read only; the plan will run only on the twin) ...");
        EngineTime time = EngineTime.forHosts(clock, Sleeper.REAL, play.hosts());
        Facts facts = time.observed(liveFacts.gather(play.hosts(), FactsGatherer.DEFAULT_FORKS));
        return new Gathered(facts, time.followed() != null && now == null ? time.clock().instant() : at);
    }

    /** The interval a saved plan's waits carry, for planning again on the twin after the apply. */
    private Duration savedNudgeInterval(Plan plan) {
        return plan.steps().stream().map(Step::nudge).filter(java.util.Objects::nonNull).map(Nudge::interval).findFirst()
                .orElse(nudgeInterval);
    }

    private Instant instant() {
        return NowOption.instant(now, clock);
    }

    private LoadedPlaybook load(Path playbook) {
        LoadedPlaybook loaded = new PlaybookLoader().loadWithDetails(playbook, Map.of());
        new DiagnosticPrinter(terminal).print(loaded.warnings());
        return loaded;
    }
}
