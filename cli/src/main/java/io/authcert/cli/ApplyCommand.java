package io.authcert.cli;

import com.google.inject.Inject;
import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.facts.Facts;
import io.authcert.facts.FactsGatherer;
import io.authcert.facts.OwaHealth;
import io.authcert.facts.OwaHealthProbe;
import io.authcert.facts.Organizations;
import io.authcert.inventory.Inventory;
import io.authcert.inventory.InventoryHost;
import io.authcert.inventory.InventoryLoader;
import io.authcert.plan.FactsFingerprint;
import io.authcert.plan.Plan;
import io.authcert.plan.PlanJson;
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
import io.authcert.run.PlanDiff;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
            "Makes the Auth certificate as the playbook desires.",
            "Gathers facts, shows the plan, asks for confirmation on a terminal, applies it phase by phase with barriers, "
                    + "verifies (facts again: nothing left to do; OWA health where owa_health_url is set) "
                    + "and reports (PLAY RECAP, --report-json, --junit, a journal under --state-dir).",
        },
        footer = {
            "",
            "Forms:",
            "  engine apply -i INVENTORY PLAYBOOK    plan and apply",
            "  engine apply -i INVENTORY PLAN.json   apply a saved plan exactly",
            "                                        (refused when stale)",
            "  engine apply --lab [PLAYBOOK]         heal the embedded lab's 'expired' outage",
            "",
            "Exit codes:",
            "  0  applied and verified, or nothing to do",
            "  1  an error: bad input, a refused or stale plan, a failed host, an apply",
            "     that did not converge, unhealthy OWA after the timeout, or another",
            "     apply holding the lock",
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
            description = "When planning a playbook: at most one MSExchangeServiceHost restart per server per this interval,"
                    + " written into the plan's waits (default ${DEFAULT-VALUE}; a saved plan keeps its own).")
    Duration nudgeInterval;

    @Option(names = "--health-timeout", defaultValue = "10m", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "How long verification waits for OWA health to turn 200 (default ${DEFAULT-VALUE}).")
    Duration healthTimeout;

    private final Terminal terminal;
    private final Connections connections;
    private final ConfirmPrompt prompt;
    private final OwaHealthProbe healthProbe;
    private final Sleeper sleeper;
    /** The engine's clock; the lab's simulated clock for {@code --lab}. */
    private Clock clock;

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

    /** The play to apply, ready: its hosts, how to reach them, and how to plan it again from fresh facts. */
    private record Job(String playbook, Play play, List<InventoryHost> hosts, Map<String, Target> targets,
            Map<String, String> orgVars) {
        List<String> names() {
            return hosts.stream().map(InventoryHost::name).toList();
        }
    }

    @Override
    public Integer call() throws Exception {
        if (lab) {
            return new LabApply(terminal, this).run(input);
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
        try (ApplyLock lock = lock()) {
            return input.toString().endsWith(".json") ? applySavedPlan() : applyPlaybook(input, true);
        }
    }

    /** For {@code --lab}: the lab's inventory and clock, and settings that suit a fast simulated clock. */
    void useLab(Path labInventory, Clock labClock, Duration poll, Duration nudge, Duration health) {
        this.inventory = labInventory;
        this.clock = labClock;
        this.pollInterval = poll;
        this.nudgeInterval = nudge;
        this.healthTimeout = health;
    }

    /** Plans from fresh facts and applies; {@code ask} false for the lab (nobody to ask). */
    int applyPlaybook(Path playbook, boolean ask) throws Exception {
        Job job = job(playbook, null);
        gatheringFrom(job);
        Plan plan;
        try {
            plan = plan(job);
        } catch (PlanningException e) {
            return cannotPlan(e);
        }
        new PlanPrinter(terminal).print(plan);
        if (plan.isEmpty()) {
            return verify(job) ? ExitCode.OK : ExitCode.ERROR;
        }
        if (ask && !confirmed()) {
            return ExitCode.ERROR;
        }
        boolean ok = execute(job, plan);
        ok &= verify(job);
        return ok ? ExitCode.OK : ExitCode.ERROR;
    }

    /** Applies a saved plan exactly, after checking that the facts it was made from still hold. */
    private int applySavedPlan() throws Exception {
        Plan saved = PlanJson.read(Files.readString(input, StandardCharsets.UTF_8), input.toString());
        List<String> names = new ArrayList<>(saved.hosts());
        names.addAll(saved.skippedHosts());
        Job job = job(Path.of(saved.playbook()), names);
        gatheringFrom(job);
        Facts facts = gatherer(job.targets()).gather(job.hosts(), forks);
        String now = FactsFingerprint.of(facts, job.names());
        if (!now.equals(saved.factsFingerprint())) {
            terminal.err().println(terminal.red("error: ") + "the saved plan " + input + " is stale: the servers changed since it was made");
            try {
                Plan fresh = new Planner().plan(request(job, facts));
                PlanDiff.between(saved, fresh).forEach(d -> terminal.err().println("  " + d));
            } catch (PlanningException e) {
                terminal.err().println("  the facts changed (fingerprint " + saved.factsFingerprint() + ", now " + now
                        + "), and planning again stops:");
                e.reasons().forEach(d -> terminal.err().println("    " + d.message()));
            }
            terminal.err().println("  hint: make a new plan: engine plan -i " + inventory + " " + saved.playbook() + " --out " + input);
            terminal.err().flush();
            return ExitCode.ERROR;
        }
        new PlanPrinter(terminal).print(saved);
        if (saved.isEmpty()) {
            return verify(job) ? ExitCode.OK : ExitCode.ERROR;
        }
        // A reviewed plan file is the approval only with --auto-approve; on a terminal we still ask.
        if (!confirmed()) {
            return ExitCode.ERROR;
        }
        boolean ok = execute(job, saved);
        ok &= verify(job);
        return ok ? ExitCode.OK : ExitCode.ERROR;
    }

    private boolean confirmed() {
        if (autoApprove) {
            return true;
        }
        if (!terminal.interactive()) {
            terminal.err().println(terminal.red("error: ") + "not applying without confirmation: there is no terminal to ask");
            terminal.err().println("  hint: review the plan above, then run again with --auto-approve");
            terminal.err().flush();
            return false;
        }
        if (!prompt.confirm("Apply this plan?")) {
            terminal.out().println("Apply cancelled; nothing was changed.");
            return false;
        }
        return true;
    }

    private int cannotPlan(PlanningException e) {
        new DiagnosticPrinter(terminal).printCannotPlan(e.reasons());
        return ExitCode.ERROR;
    }

    /**
     * Loads inventory and playbook and selects the play's hosts (the hosts {@code names}, in inventory
     * order, for a saved plan).
     */
    private Job job(Path playbook, List<String> names) {
        Inventory inv = new InventoryLoader().load(List.of(inventory), VaultSecrets.resolve(vaultPasswordFile, System.getenv()));
        LoadedPlaybook loaded = new PlaybookLoader().loadWithDetails(playbook, Map.of());
        new DiagnosticPrinter(terminal).print(loaded.warnings());
        int index = playIndex(loaded, playbook);
        Play play = loaded.playbook().plays().get(index);
        List<InventoryHost> hosts;
        if (names == null) {
            hosts = inv.select(play.hosts(), limit, loaded.hostsLocation(index));
        } else {
            hosts = new ArrayList<>();
            for (String name : inv.hostNames()) {
                if (names.contains(name)) {
                    hosts.add(inv.host(name).orElseThrow());
                }
            }
            List<String> missing = names.stream().filter(n -> inv.host(n).isEmpty()).toList();
            if (!missing.isEmpty()) {
                throw InputException.of(SourceLocation.ofFile(input.toString()), "the plan names hosts the inventory does not have: "
                        + String.join(", ", missing), "apply the plan with the inventory it was made from");
            }
        }
        Map<String, Target> targets = new LinkedHashMap<>();
        for (InventoryHost h : hosts) {
            targets.put(h.name(), connections.target(h));
        }
        return new Job(playbook.toString(), play, hosts, targets, Organizations.fromInventory(hosts));
    }

    /** The one play with Auth-certificate or back end binding tasks (a plan covers one play). */
    private static int playIndex(LoadedPlaybook loaded, Path playbook) {
        List<Integer> relevant = AuthPlays.indexes(loaded);
        if (relevant.size() != 1) {
            throw InputException.of(relevant.isEmpty() ? SourceLocation.ofFile(playbook.toString()) : loaded.hostsLocation(relevant.get(1)),
                    relevant.isEmpty() ? "no play has an exchange_auth_certificate or exchange_backend_binding task: nothing to apply"
                            : "an apply covers one play, and this playbook has " + relevant.size() + " plays with Auth-certificate tasks",
                    relevant.isEmpty() ? "start from playbooks/auth-certificate.yml" : "put the tasks in one play, or use separate playbooks");
        }
        return relevant.get(0);
    }

    private void gatheringFrom(Job job) {
        terminal.out().println("Gathering facts from " + String.join(", ", job.names()) + " ...");
        terminal.out().flush();
    }

    private Plan plan(Job job) {
        return new Planner().plan(request(job, gatherer(job.targets()).gather(job.hosts(), forks)));
    }

    private PlanRequest request(Job job, Facts facts) {
        return PlanRequest.forPlay(job.playbook(), job.play(), job.names(), job.orgVars(), facts, clock.instant())
                .withNudgeInterval(nudgeInterval);
    }

    private FactsGatherer gatherer(Map<String, Target> targets) {
        return new FactsGatherer(connections.transport(), h -> targets.get(h.name()), clock, FactsGatherer.DEFAULT_TIMEOUT);
    }

    /** Runs one plan with the journal, progress and reports subscribed; true when every host succeeded. */
    private boolean execute(Job job, Plan plan) throws Exception {
        RunFolder folder = RunFolder.create(stateDir, clock);
        Recap recap = new Recap();
        JsonReport json = new JsonReport();
        JUnitReport junitReport = new JUnitReport();
        RunResult result;
        try (Journal journal = new Journal(folder.journal())) {
            RunEvents events = RunEvents.of(new ProgressPrinter(terminal), journal, recap, json, junitReport);
            Executor executor = new Executor(connections.transport(), job.targets(), settings(), events, clock, sleeper,
                    lost -> plan(job));
            result = executor.run(plan);
            events.problems().forEach(p -> terminal.err().println(terminal.yellow("warning: ") + p));
        }
        terminal.out().println();
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

    /** Gathers and plans again (nothing may be left but what a staged rotation leaves for later), then OWA health. */
    private boolean verify(Job job) throws InterruptedException {
        var out = terminal.out();
        out.println("Verifying: gathering facts again ...");
        boolean ok;
        try {
            VerifyCheck.Verdict verdict = VerifyCheck.check(plan(job));
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
        out.println(ok ? terminal.green("Verified.") : terminal.red("Verification failed."));
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
        return new RunSettings(forks, pollInterval, RunSettings.DEFAULT.maxReplans());
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

    ApplyLock lockForLab() throws java.io.IOException {
        return lock();
    }
}
