package io.authcert.cli;

import com.google.inject.Inject;
import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.facts.FactsGatherer;
import io.authcert.facts.OwaHealthProbe;
import io.authcert.facts.OwaSignInProbe;
import io.authcert.inventory.Inventory;
import io.authcert.inventory.InventoryHost;
import io.authcert.inventory.InventoryLoader;
import io.authcert.plan.ChangeClass;
import io.authcert.plan.GuardRails;
import io.authcert.plan.Plan;
import io.authcert.playbook.LoadedPlaybook;
import io.authcert.playbook.PlaybookLoader;
import io.authcert.run.HealthVerifier;
import io.authcert.run.Sleeper;
import io.authcert.transport.Target;
import io.authcert.workflow.ApplyOptions;
import io.authcert.workflow.ApplyRequest;
import io.authcert.workflow.ApplyListener;
import io.authcert.workflow.ApplyListeners;
import io.authcert.workflow.ApplyResult;
import io.authcert.workflow.ApplyWorkflow;
import io.authcert.workflow.FactsSource;
import io.authcert.workflow.PlaySelection;
import io.authcert.workflow.ReplanVerifier;
import io.authcert.workflow.SelectedPlay;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code engine apply}: reads the options into an {@link ApplyRequest}, runs the {@link ApplyWorkflow}
 * (lock, gather, plan or check the saved plan, show, confirm, execute, verify) with the CLI's
 * collaborators, and maps its result to the exit code. What the person sees is {@link ApplyPrinter}'s.
 */
@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        description = {
            "Makes the Auth certificate as the playbook desires.",
            "Gathers facts, shows the plan, asks for confirmation on a terminal, applies it phase by phase with barriers, "
                    + "verifies (facts again: nothing left to do; OWA health where owa_health_url is set; OWA sign-in where owa_probe_user is set) "
                    + "and reports (PLAY RECAP, --report-json, --junit, a journal under --state-dir).",
        },
        footer = {
            "",
            "Forms:",
            "  engine apply -i INVENTORY PLAYBOOK    plan and apply",
            "  engine apply -i INVENTORY PLAN.json   apply a saved plan exactly",
            "                                        (refused when stale or edited)",
            "  engine apply --lab [PLAYBOOK]         heal the embedded lab's 'expired' outage",
            "",
            "Examples:",
            "  engine apply --lab",
            "  engine apply -i inventory/production playbooks/auth-certificate.yml",
            "  engine apply -i inventory/production plan.json --auto-approve --report-json run.json --junit junit.xml",
            "",
            "Exit codes:",
            "  0  applied and verified, or nothing to do",
            "  3  applied and verified what the plan covers, but it holds something back",
            "     for a person: servers of the organisation outside the plan (add them",
            "     to the inventory, or --ignore-server NAME)",
            "  4  held back by the guard rails: --allow held part of the plan (the rest",
            "     ran), or --max-hosts-changed refused it (nothing ran)",
            "  1  an error: bad input, a refused or stale plan, a failed host, an apply",
            "     that did not converge, unhealthy OWA after the timeout, or another",
            "     apply holding the lock",
        })
public final class ApplyCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "PLAYBOOK|PLAN.json", description = "The playbook, or a plan saved with 'engine plan --out'.")
    Path input;

    @Mixin
    InventoryOptions inventoryOptions = new InventoryOptions();

    @Mixin
    IgnoreServerOptions ignoreServers = new IgnoreServerOptions();

    @Mixin
    NotifyOptions notify = new NotifyOptions();

    @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN", description = "Further limit the hosts (Ansible pattern).")
    String limit;

    @Option(names = "--auto-approve", description = "Apply without asking (required when not on a terminal).")
    boolean autoApprove;

    @Option(names = {"-f", "--forks"}, defaultValue = "50", description = "Hosts gathered and worked on at once within a phase"
            + " (default ${DEFAULT-VALUE}); restarts and recycles never exceed the play's serial.")
    int forks;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Write every step with timing and outcome as JSON.")
    Path reportJson;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML: one test case per host and step.")
    Path junit;

    @Option(names = "--lab", description = "Start the embedded lab (the 'expired' outage on three servers) and apply to it.")
    boolean lab;

    @Option(names = "--state-dir", defaultValue = ".authcert", paramLabel = "DIR",
            description = "Where run journals and apply locks are kept (default ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--poll-interval", defaultValue = "15s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Time between two polls of a wait (default ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Option(names = "--nudge-interval", defaultValue = "5m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "When planning a playbook: at most one MSExchangeServiceHost restart per server per this interval,"
                    + " written into the plan's waits (default ${DEFAULT-VALUE}; a saved plan keeps its own).")
    Duration nudgeInterval;

    @Option(names = "--allow", paramLabel = "CLASSES", split = ",",
            description = "What this run may change: any of stage,distribute,publish,cleanup,immediate (default: all)."
                    + " What is not allowed, and whatever relies on it, is held back and reported (exit 4); docs/unattended.md.")
    List<String> allow;

    @Option(names = "--max-hosts-changed", paramLabel = "N",
            description = "Refuse before changing anything when the plan would change more than N hosts (exit 4).")
    Integer maxHostsChanged;

    @Option(names = "--health-timeout", defaultValue = "10m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long verification waits for OWA health to turn 200 (default ${DEFAULT-VALUE}).")
    Duration healthTimeout;

    private final Terminal terminal;
    private final Clock clock;
    private final Connections connections;
    private final ConfirmPrompt prompt;
    private final OwaHealthProbe healthProbe;
    private final OwaSignInProbe signInProbe;
    private final Sleeper sleeper;
    private boolean reported;
    private io.authcert.notify.Notifications notifications = new io.authcert.notify.Notifications(List.of());

    private final io.authcert.run.StopRequest stop;

    @Inject
    ApplyCommand(Terminal terminal, Clock clock, Connections connections, ConfirmPrompt prompt, OwaHealthProbe healthProbe,
            OwaSignInProbe signInProbe, Sleeper sleeper, io.authcert.run.StopRequest stop) {
        this.stop = stop;
        this.terminal = terminal;
        this.clock = clock;
        this.connections = connections;
        this.prompt = prompt;
        this.healthProbe = healthProbe;
        this.signInProbe = signInProbe;
        this.sleeper = sleeper;
    }

    @Override
    public Integer call() throws Exception {
        try {
            return applyCommand();
        } catch (InputException e) {
            // Bad input stops before anything runs; a scheduled run's report says so rather than being absent.
            reportEarlyEnd("error", e.getMessage());
            throw e;
        }
    }

    private void reportEarlyEnd(String status, String why) throws InterruptedException {
        if (reported || (reportJson == null && junit == null && !notifications.any())) {
            return;
        }
        try {
            warnNotifyFailures(new ApplyReports(reportJson, junit, notifications, inventoryOptions.inventories, null)
                    .write(status, ExitCode.ERROR, why));
        } catch (java.io.IOException e) {
            terminal.err().println(terminal.yellow("warning: ") + "cannot write the report: " + e.getMessage());
        }
    }

    private void warnNotifyFailures(List<String> failures) {
        failures.forEach(f -> terminal.err().println(terminal.yellow("warning: ") + f + " (the apply's outcome stands)"));
        terminal.err().flush();
    }

    private int applyCommand() throws Exception {
        notifications = notify.notifications(System.getenv());
        if (lab) {
            return new LabApply(terminal, this).run(input);
        }
        if (input == null) {
            throw InputException.of(SourceLocation.ofFile("engine apply"), "no playbook given",
                    "engine apply -i INVENTORY PLAYBOOK (or a saved PLAN.json, or --lab)");
        }
        inventoryOptions.require(SourceLocation.ofFile(input.toString()),
                "give the inventory with -i: a plan or playbook names hosts, the inventory says how to reach them");
        if (forks < 1) {
            throw InputException.of(SourceLocation.ofFile("--forks"), "--forks must be at least 1, not " + forks, "use --forks 5");
        }
        ApplyOptions options = new ApplyOptions(autoApprove, forks, stateDir, pollInterval, nudgeInterval, healthTimeout,
                reportJson, junit, guardRails());
        Inventory inventory = inventoryOptions.load(new InventoryLoader());
        ApplyRequest request = request(inventory, options, inventoryOptions.inventories);
        return apply(request, EngineTime.forHosts(clock, sleeper, request.play().hosts()));
    }

    /** {@code --allow} and {@code --max-hosts-changed} as guard rails; a class nobody knows is an input error. */
    private GuardRails guardRails() {
        if (maxHostsChanged != null && maxHostsChanged < 0) {
            throw InputException.of(SourceLocation.ofFile("--max-hosts-changed"), "--max-hosts-changed must not be negative, not "
                    + maxHostsChanged, "use --max-hosts-changed 0 to allow no change at all, or leave it out for no limit");
        }
        if (allow == null) {
            return new GuardRails(ChangeClass.ALL, maxHostsChanged);
        }
        Set<ChangeClass> classes = EnumSet.noneOf(ChangeClass.class);
        for (String name : allow) {
            ChangeClass c = name.isBlank() ? null : ChangeClass.fromJsonName(name);
            if (c == null) {
                throw InputException.of(SourceLocation.ofFile("--allow"), "'" + name + "' is not a class of change",
                        "name any of stage,distribute,publish,cleanup,immediate, separated by commas"
                                + " (e.g. --allow stage,distribute,publish,cleanup)");
            }
            classes.add(c);
        }
        return new GuardRails(classes, maxHostsChanged);
    }

    /** The request for {@code input}: a saved plan (exactly its hosts) or a playbook (its play's hosts, --limit). */
    private ApplyRequest request(Inventory inventory, ApplyOptions options, List<Path> inventories) throws java.io.IOException {
        ApplyRequest.Builder request = ApplyRequest.builder().inventories(inventories).options(options);
        if (input.toString().endsWith(".json")) {
            if (ignoreServers.given()) {
                throw InputException.of(SourceLocation.ofFile("--ignore-server"),
                        "a saved plan ignores exactly the servers it was planned with; --ignore-server does not apply to it",
                        "make the plan again with the option: engine plan ... --ignore-server NAME --out " + input);
            }
            Plan saved = SavedPlanFile.read(input);
            request.savedPlan(saved, input).play(PlaySelection.ofSavedPlan(inventory, load(Path.of(saved.playbook())), saved, input));
        } else {
            request.play(PlaySelection.select(inventory, load(input), input, limit, PlaySelection.Purpose.APPLY)
                    .withIgnoredServers(ignoreServers.names()));
        }
        return request.build();
    }

    /** For {@code --lab}: the lab's inventory and clock, settings that suit a fast simulated clock, nobody to ask. */
    int applyToLab(Path labInventory, Clock labClock, Path playbook) throws Exception {
        ApplyOptions options = new ApplyOptions(true, forks, stateDir, Duration.ofMillis(200), Duration.ofMinutes(10),
                Duration.ofHours(1), reportJson, junit, guardRails());
        Inventory inventory = new InventoryLoader().load(List.of(labInventory),
                inventoryOptions.vaultSecrets());
        SelectedPlay play = PlaySelection.select(inventory, load(playbook), playbook, limit, PlaySelection.Purpose.APPLY)
                .withIgnoredServers(ignoreServers.names());
        return apply(ApplyRequest.builder().inventories(List.of(labInventory)).options(options).play(play).build(),
                EngineTime.own(labClock, sleeper));
    }

    private LoadedPlaybook load(Path playbook) {
        LoadedPlaybook loaded = new PlaybookLoader().loadWithDetails(playbook, Map.of());
        new DiagnosticPrinter(terminal).print(loaded.warnings());
        return loaded;
    }

    /** Wires the workflow's collaborators for {@code request} on {@code time}, runs it, and maps the result to the exit code. */
    private int apply(ApplyRequest request, EngineTime time) throws Exception {
        ApplyOptions options = request.options();
        Clock clock = time.clock();
        Map<String, Target> targets = new LinkedHashMap<>();
        for (InventoryHost h : request.play().hosts()) {
            targets.put(h.name(), connections.target(h));
        }
        new BasicOverHttpWarning(terminal).print(targets.values());
        FactsSource facts = hosts -> time.observed(new FactsGatherer(connections.transport(), h -> targets.get(h.name()), clock,
                FactsGatherer.DEFAULT_TIMEOUT).gather(hosts, options.forks()));
        ApplyPrinter printer = new ApplyPrinter(terminal, request.inventories(), options.stateDir());
        ApplyReports reports = new ApplyReports(options.reportJson(), options.junit(), notifications, request.inventories(),
                request.play().playbook());
        reports.json().rails(options.guard());
        ApplyListener listener = ApplyListeners.of(printer, reports);
        ApplyWorkflow workflow = new ApplyWorkflow(
                facts,
                new TerminalConfirmation(terminal, prompt),
                new FileApplyLocks(options.stateDir(), time.wall()),
                new JournaledExecution(terminal, connections.transport(), targets, options, clock, time.sleeper(), reports, stop),
                new ReplanVerifier(facts, healthVerifier(options.pollInterval(), clock, time.sleeper()), options.healthTimeout(),
                        listener, clock, options.guard()),
                listener,
                clock);
        ApplyResult result;
        reported = true; // from here on, every ending writes the reports below
        try {
            result = workflow.run(request);
        } catch (InterruptedException e) {
            warnNotifyFailures(reports.write("interrupted", ExitCode.ERROR, "the apply was interrupted"));
            throw e;
        } catch (Exception | Error e) {
            warnNotifyFailures(reports.write("error", ExitCode.ERROR, e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
            remember(options.stateDir(), time.wall(), request.inventories(), "error", ExitCode.ERROR);
            throw e;
        }
        int exit = exitCode(result.status());
        warnNotifyFailures(reports.write(result, exit));
        remember(options.stateDir(), time.wall(), request.inventories(), result.status().name().toLowerCase(java.util.Locale.ROOT),
                exit);
        return exit;
    }

    /** {@code <state-dir>/last-apply.json}, for monitoring ({@code engine facts --format prometheus}); a failure only warns. */
    private void remember(Path dir, Clock wall, List<Path> inventories, String status, int exit) {
        try {
            io.authcert.run.RunHistory.writeLastApply(dir, new io.authcert.run.RunHistory.LastApply(wall.instant(), status, exit,
                    inventories.stream().map(Path::toString).toList()));
        } catch (java.io.IOException e) {
            terminal.err().println(terminal.yellow("warning: ") + "cannot write " + dir.resolve(io.authcert.run.RunHistory.LAST_APPLY)
                    + ": " + e.getMessage());
        }
    }

    /** The exit code of an apply that ended so (docs/apply.md, docs/unattended.md). */
    static int exitCode(ApplyResult.Status status) {
        return switch (status) {
            case APPLIED, NOTHING_TO_DO -> ExitCode.OK;
            case NEEDS_HUMAN -> ExitCode.NEEDS_HUMAN;
            case HELD_BACK, TOO_MANY_HOSTS -> ExitCode.HELD_BACK;
            case FAILED, CANNOT_PLAN, STALE, EDITED, INTERRUPTED, NOT_CONFIRMED, LOCK_HELD -> ExitCode.ERROR;
        };
    }

    private HealthVerifier healthVerifier(Duration poll, Clock clock, Sleeper sleeper) {
        Duration interval = poll.compareTo(Duration.ofSeconds(5)) < 0 ? poll : Duration.ofSeconds(5);
        return new HealthVerifier(healthProbe, signInProbe, clock, sleeper, interval, Duration.ofSeconds(10));
    }
}
