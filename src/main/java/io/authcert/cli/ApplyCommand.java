package io.authcert.cli;

import com.google.inject.Inject;
import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.facts.Facts;
import io.authcert.facts.FactsGatherer;
import io.authcert.facts.OwaHealth;
import io.authcert.facts.OwaHealthProbe;
import io.authcert.inventory.Inventory;
import io.authcert.inventory.InventoryHost;
import io.authcert.inventory.InventoryLoader;
import io.authcert.plan.Plan;
import io.authcert.plan.PlanRequest;
import io.authcert.plan.Planner;
import io.authcert.plan.PlanningException;
import io.authcert.playbook.LoadedPlaybook;
import io.authcert.playbook.Play;
import io.authcert.playbook.PlaybookLoader;
import io.authcert.report.JUnitReport;
import io.authcert.report.JsonReport;
import io.authcert.report.Recap;
import io.authcert.run.ApplyLock;
import io.authcert.run.Executor;
import io.authcert.run.HealthVerifier;
import io.authcert.run.Journal;
import io.authcert.run.RunEvents;
import io.authcert.run.RunFolder;
import io.authcert.run.RunResult;
import io.authcert.run.RunSettings;
import io.authcert.run.Sleeper;
import io.authcert.run.VerifyCheck;
import io.authcert.transport.Target;
import io.authcert.vault.VaultSecrets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code engine apply}: gather, plan, show, confirm, apply, verify, report. The executor does the
 * work and emits events; this class wires the pieces and decides what the person sees.
 */
@Command(
        name = "apply",
        mixinStandardHelpOptions = true,
        description = {
            "Makes the Auth certificate as the playbook desires: gathers facts, shows the plan,",
            "asks for confirmation on a terminal, applies it phase by phase with barriers,",
            "verifies (facts again: nothing left to do; OWA health where owa_health_url is set)",
            "and reports (PLAY RECAP, --report-json, --junit, a journal under --state-dir).",
        },
        footer = {
            "",
            "Forms:",
            "  engine apply -i INVENTORY PLAYBOOK    plan and apply",
            "  engine apply -i INVENTORY PLAN.json   apply a saved plan exactly (refused when stale)",
            "  engine apply --lab [PLAYBOOK]         heal the embedded lab's 'expired' outage",
            "",
            "Exit codes:",
            "  0  applied and verified, or nothing to do",
            "  1  an error: bad input, a refused or stale plan, a failed host, an apply that",
            "     did not converge, unhealthy OWA after the timeout, or another apply holding the lock",
        })
public final class ApplyCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "PLAYBOOK|PLAN.json", description = "The playbook, or a plan saved with 'engine plan --out'.")
    Path input;

    @Option(names = {"-i", "--inventory"}, paramLabel = "INVENTORY", description = "The inventory (file or directory).")
    Path inventory;

    @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN", description = "Further limit the hosts (Ansible pattern).")
    String limit;

    @Option(names = "--auto-approve", description = "Apply without asking (required when not on a terminal).")
    boolean autoApprove;

    @Option(names = {"-f", "--forks"}, defaultValue = "5", description = "Hosts worked on at once within a phase (default ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "--report-json", paramLabel = "FILE", description = "Write every step with timing and outcome as JSON.")
    Path reportJson;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML: one test case per host and step.")
    Path junit;

    @Option(names = "--vault-password-file", paramLabel = "FILE", description = "The ansible-vault password file.")
    Path vaultPasswordFile;

    @Option(names = "--lab", description = "Start the embedded lab (the 'expired' outage on three servers) and apply to it.")
    boolean lab;

    @Option(names = "--state-dir", defaultValue = ".authcert", paramLabel = "DIR",
            description = "Where run journals and apply locks are kept (default ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--poll-interval", defaultValue = "15s", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Time between two polls of a wait (default ${DEFAULT-VALUE}).")
    Duration pollInterval;

    @Option(names = "--nudge-interval", defaultValue = "5m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "At most one MSExchangeServiceHost restart per lagging server per this interval (default ${DEFAULT-VALUE}).")
    Duration nudgeInterval;

    @Option(names = "--health-timeout", defaultValue = "10m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long verification waits for OWA health to turn 200 (default ${DEFAULT-VALUE}).")
    Duration healthTimeout;

    private final Terminal terminal;
    private final Clock clock;
    private final Connections connections;
    private final ConfirmPrompt prompt;
    private final OwaHealthProbe healthProbe;
    private final Sleeper sleeper;

    @Inject
    ApplyCommand(Terminal terminal, Clock clock, Connections connections, ConfirmPrompt prompt, OwaHealthProbe healthProbe,
            Sleeper sleeper) {
        this.terminal = terminal;
        this.clock = clock;
        this.connections = connections;
        this.prompt = prompt;
        this.healthProbe = healthProbe;
        this.sleeper = sleeper;
    }

    /** One play of the playbook, ready to apply: its hosts, how to reach them, and its plan. */
    private record Job(Play play, List<InventoryHost> hosts, Map<String, Target> targets, Map<String, String> orgVars, Plan plan) {
        List<String> names() {
            return hosts.stream().map(InventoryHost::name).toList();
        }
    }

    @Override
    public Integer call() throws Exception {
        if (lab) {
            return new LabApply(terminal, this).run();
        }
        if (input == null) {
            throw InputException.of(SourceLocation.ofFile("engine apply"), "no playbook given",
                    "engine apply -i INVENTORY PLAYBOOK (or a saved PLAN.json, or --lab)");
        }
        if (inventory == null) {
            throw InputException.of(SourceLocation.ofFile(input.toString()), "no inventory given",
                    "give the inventory with -i: a plan or playbook names hosts, the inventory says how to reach them");
        }
        if (forks < 1) {
            throw InputException.of(SourceLocation.ofFile("--forks"), "--forks must be at least 1, not " + forks, "use --forks 5");
        }
        if (input.toString().endsWith(".json")) {
            return applySavedPlan();
        }
        return applyPlaybook(input, true);
    }

    /** Plans from fresh facts and applies; {@code ask} false for the lab (nobody to ask). */
    int applyPlaybook(Path playbook, boolean ask) throws Exception {
        Inventory inv = new InventoryLoader().load(List.of(inventory), VaultSecrets.resolve(vaultPasswordFile, System.getenv()));
        LoadedPlaybook loaded = new PlaybookLoader().loadWithDetails(playbook, Map.of());
        new DiagnosticPrinter(terminal).print(loaded.warnings());
        try (ApplyLock lock = lock()) {
            List<Job> jobs = new ArrayList<>();
            for (int i = 0; i < loaded.playbook().plays().size(); i++) {
                Play play = loaded.playbook().plays().get(i);
                List<InventoryHost> hosts = inv.select(play.hosts(), limit, loaded.hostsLocation(i));
                jobs.add(prepare(playbook.toString(), play, hosts));
            }
            return applyJobs(playbook.toString(), jobs, ask);
        }
    }

    private int applySavedPlan() {
        throw InputException.of(SourceLocation.ofFile(input.toString()), "applying a saved plan needs the plan's JSON reader,"
                + " which is not in this build yet", "apply the playbook instead: engine apply -i INVENTORY PLAYBOOK");
    }

    private Job prepare(String playbookName, Play play, List<InventoryHost> hosts) {
        Map<String, Target> targets = new LinkedHashMap<>();
        Map<String, String> orgVars = new LinkedHashMap<>();
        for (InventoryHost h : hosts) {
            targets.put(h.name(), connections.target(h));
            Object org = h.vars().get("exchange_org");
            if (org != null) {
                orgVars.put(h.name(), org.toString());
            }
        }
        terminal.out().println("Gathering facts from " + String.join(", ", hosts.stream().map(InventoryHost::name).toList()) + " ...");
        terminal.out().flush();
        Plan plan = plan(playbookName, play, hosts, orgVars, targets);
        return new Job(play, hosts, targets, orgVars, plan);
    }

    private Plan plan(String playbookName, Play play, List<InventoryHost> hosts, Map<String, String> orgVars, Map<String, Target> targets) {
        Facts facts = gatherer(targets).gather(hosts, Math.max(forks, 1));
        return new Planner().plan(PlanRequest.forPlay(playbookName, play, hosts.stream().map(InventoryHost::name).toList(),
                orgVars, facts, clock.instant()));
    }

    private FactsGatherer gatherer(Map<String, Target> targets) {
        return new FactsGatherer(connections.transport(), h -> targets.get(h.name()), clock, FactsGatherer.DEFAULT_TIMEOUT);
    }

    private int applyJobs(String playbookName, List<Job> jobs, boolean ask) throws Exception {
        PlanPrinter printer = new PlanPrinter(terminal);
        jobs.forEach(j -> printer.print(j.plan()));
        if (jobs.stream().allMatch(j -> j.plan().isEmpty())) {
            return verifyAll(playbookName, jobs) ? ExitCode.OK : ExitCode.ERROR;
        }
        if (ask && !autoApprove) {
            if (!terminal.interactive()) {
                terminal.err().println(terminal.red("error: ") + "not applying without confirmation: there is no terminal to ask");
                terminal.err().println("  hint: review the plan above, then run again with --auto-approve");
                return ExitCode.ERROR;
            }
            if (!prompt.confirm("Apply this plan?")) {
                terminal.out().println("Apply cancelled; nothing was changed.");
                return ExitCode.ERROR;
            }
        }
        boolean ok = true;
        for (Job job : jobs) {
            if (!job.plan().isEmpty()) {
                ok &= execute(playbookName, job, job.plan());
            }
        }
        ok &= verifyAll(playbookName, jobs);
        return ok ? ExitCode.OK : ExitCode.ERROR;
    }

    /** Runs one plan with the journal, progress and reports subscribed; true when every host succeeded. */
    private boolean execute(String playbookName, Job job, Plan plan) throws Exception {
        RunFolder folder = RunFolder.create(stateDir, clock);
        Recap recap = new Recap();
        JsonReport json = new JsonReport();
        JUnitReport junitReport = new JUnitReport();
        RunResult result;
        try (Journal journal = new Journal(folder.journal())) {
            RunEvents events = RunEvents.of(new ProgressPrinter(terminal), journal, recap, json, junitReport);
            Executor executor = new Executor(connections.transport(), job.targets(), settings(), events, clock, sleeper,
                    lost -> plan(playbookName, job.play(), job.hosts(), job.orgVars(), job.targets()));
            result = executor.run(plan);
            events.problems().forEach(p -> terminal.err().println(terminal.yellow("warning: ") + p));
        }
        recap.lines().forEach(terminal.out()::println);
        terminal.out().println("journal: " + folder.journal());
        if (reportJson != null) {
            json.write(reportJson);
        }
        if (junit != null) {
            junitReport.write(junit);
        }
        terminal.out().flush();
        return result.succeeded();
    }

    private boolean verifyAll(String playbookName, List<Job> jobs) throws InterruptedException {
        boolean ok = true;
        for (Job job : jobs) {
            ok &= verify(playbookName, job);
        }
        return ok;
    }

    /** Gathers and plans again (nothing may be left but what a staged rotation leaves for later), then OWA health. */
    private boolean verify(String playbookName, Job job) throws InterruptedException {
        var out = terminal.out();
        out.println("Verifying: gathering facts again ...");
        boolean ok;
        try {
            VerifyCheck.Verdict verdict = VerifyCheck.check(plan(playbookName, job.play(), job.hosts(), job.orgVars(), job.targets()));
            verdict.later().forEach(l -> out.println("  " + l));
            verdict.remaining().forEach(l -> out.println(terminal.red("  not converged: ") + l));
            ok = verdict.converged();
            if (ok) {
                out.println(terminal.green("  converged: ") + "a new plan from the facts has nothing left to do"
                        + (verdict.later().isEmpty() ? "" : " now"));
            }
        } catch (PlanningException e) {
            e.reasons().forEach(d -> out.println(terminal.red("  cannot verify: ") + d.message()));
            ok = false;
        }
        Map<String, String> urls = healthUrls(job.hosts());
        if (urls.values().stream().anyMatch(java.util.Objects::nonNull)) {
            Map<String, OwaHealth> health = healthVerifier().untilHealthy(urls, healthTimeout);
            printHealth("OWA health after", health);
            ok &= health.values().stream().allMatch(h -> h.status() == OwaHealth.Status.HEALTHY
                    || h.status() == OwaHealth.Status.NOT_CONFIGURED);
        }
        out.flush();
        return ok;
    }

    HealthVerifier healthVerifier() {
        Duration interval = pollInterval.compareTo(Duration.ofSeconds(5)) < 0 ? pollInterval : Duration.ofSeconds(5);
        return new HealthVerifier(healthProbe, clock, sleeper, interval, Duration.ofSeconds(10));
    }

    static Map<String, String> healthUrls(List<InventoryHost> hosts) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (InventoryHost h : hosts) {
            Object url = h.vars().get(OwaHealth.URL_VAR);
            urls.put(h.name(), url == null ? null : url.toString());
        }
        return urls;
    }

    void printHealth(String title, Map<String, OwaHealth> health) {
        terminal.out().println(title + ":");
        health.forEach((host, h) -> {
            String state = h.status() == OwaHealth.Status.HEALTHY ? terminal.green(h.shortForm()) : terminal.red(h.shortForm());
            terminal.out().println("  " + host + "  " + state + (h.url() == null ? "" : "  " + h.url()));
        });
        terminal.out().flush();
    }

    private RunSettings settings() {
        return new RunSettings(forks, pollInterval, nudgeInterval, RunSettings.DEFAULT.maxReplans());
    }

    private ApplyLock lock() throws java.io.IOException {
        Path file = ApplyLock.fileFor(stateDir, inventory);
        try {
            ApplyLock lock = ApplyLock.acquire(file, inventory.toString(), clock);
            if (lock.staleTakenOver() != null) {
                terminal.err().println(terminal.yellow("warning: ") + "took over a stale apply lock left by "
                        + lock.staleTakenOver() + " (that process is gone); its journal is under " + stateDir.resolve("runs"));
            }
            return lock;
        } catch (ApplyLock.HeldException e) {
            throw InputException.of(SourceLocation.ofFile(file.toString()), e.getMessage(),
                    "only one apply may change an inventory's servers at a time");
        }
    }

    Terminal terminal() {
        return terminal;
    }
}
