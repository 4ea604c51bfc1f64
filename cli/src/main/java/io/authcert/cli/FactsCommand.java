package io.authcert.cli;

import com.google.inject.Inject;
import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.facts.CapturedFactsReader;
import io.authcert.facts.Facts;
import io.authcert.facts.FactsDocument;
import io.authcert.facts.FactsGatherer;
import io.authcert.facts.FactsParseException;
import io.authcert.facts.HostAssessment;
import io.authcert.facts.HostAssessor;
import io.authcert.facts.HostFacts;
import io.authcert.facts.OwaHealth;
import io.authcert.facts.OwaHealthChecks;
import io.authcert.facts.OwaHealthProbe;
import io.authcert.facts.OwaSignInProbe;
import io.authcert.inventory.Inventory;
import io.authcert.inventory.InventoryHost;
import io.authcert.inventory.InventoryLoader;
import io.authcert.run.Sleeper;
import io.authcert.transport.Target;
import io.authcert.transport.Transport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code engine facts}: what every server's Auth certificate looks like now, from the servers or from exports. */
@Command(
        name = "facts",
        description = {
            "Reads every selected server's Auth-certificate state: one PowerShell round trip per host, all hosts in parallel.",
            "With --from, reads captured exports (or a saved facts.json) instead of connecting.",
        },
        footer = {
            "",
            "Examples:",
            "  engine facts -i inventory/prod.yml exchange --limit ex01",
            "  engine facts -i inventory/prod.yml --format json --save facts/",
            "  engine facts --from exports/ --now 2026-11-26T09:00:00Z",
            "  engine facts -i inventory/prod.yml --format prometheus --state-dir /var/lib/authcert > authcert.prom.tmp",
            "",
            "Exit codes: 0 every host gathered, 1 some host failed (the others are still shown) or bad input.",
        },
        mixinStandardHelpOptions = true)
final class FactsCommand implements Callable<Integer> {

    enum Format { table, json, yaml, prometheus }

    @Mixin
    InventoryOptions inventoryOptions = new InventoryOptions();

    @Parameters(index = "0", arity = "0..1", paramLabel = "PATTERN", description = "Hosts to gather (Ansible pattern; default: all).")
    String pattern = "all";

    @Option(names = {"-l", "--limit"}, paramLabel = "SUBSET", description = "Further limit the selected hosts (Ansible pattern).")
    String limit;

    @Option(names = {"-f", "--forks"}, paramLabel = "N", defaultValue = "50", description = "Hosts gathered at once (default: ${DEFAULT-VALUE}).")
    int forks;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table, json, yaml or prometheus (node_exporter's textfile format; default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".authcert",
            description = "With --format prometheus: where the applies keep their journals and last-apply.json, for the"
                    + " last run's outcome and time (default: ${DEFAULT-VALUE}).")
    Path stateDir;

    @Option(names = "--save", paramLabel = "DIR", description = "Also write the facts to DIR/facts.json (readable with --from DIR).")
    Path save;

    @Option(names = "--from", paramLabel = "DIR", description = "Read captured exports (one folder per host) or a saved facts.json instead of connecting.")
    Path from;

    @Option(names = "--now", paramLabel = "ISO", description = "Judge days left at this time instead of now (e.g. 2026-11-26T09:00:00Z).")
    String now;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "180", description = "Longest wait for one host (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    private final Terminal terminal;
    private final Clock clock;
    private final Transport transport;
    private final HostTargets targets;
    private final OwaHealthProbe owaProbe;
    private final OwaSignInProbe signInProbe;

    @Inject
    FactsCommand(Terminal terminal, Clock clock, Transport transport, HostTargets targets, OwaHealthProbe owaProbe,
            OwaSignInProbe signInProbe) {
        this.terminal = terminal;
        this.clock = clock;
        this.transport = transport;
        this.targets = targets;
        this.owaProbe = owaProbe;
        this.signInProbe = signInProbe;
    }

    @Override
    public Integer call() throws IOException {
        validate();
        Instant at = now == null ? null : parseNow();
        Facts facts;
        Clock judge = clock;
        Map<String, OwaHealth> owa = new LinkedHashMap<>();
        Map<String, OwaHealth> signIn = new LinkedHashMap<>();
        if (from != null) {
            try {
                facts = new CapturedFactsReader().read(from);
            } catch (FactsParseException e) {
                throw e.toInput(SourceLocation.ofFile(from.toString()), "--from takes a directory with one folder per host "
                        + "(authconfig.xml, certificates.xml) or a facts.json written by --save");
            }
        } else {
            Inventory inventory = inventoryOptions.load(new InventoryLoader());
            List<InventoryHost> hosts = inventory.select(pattern, limit);
            if (hosts.isEmpty()) {
                throw InputException.of(InventorySources.location(inventoryOptions.inventories), "no host matches '" + pattern + "'" + (limit == null ? "" : " with --limit " + limit),
                        "engine inventory -i ... --list shows the hosts and groups");
            }
            Duration timeout = Duration.ofSeconds(timeoutSeconds);
            new BasicOverHttpWarning(terminal).print(targets.resolvable(hosts));
            // An organisation on a simulated clock is judged at its own time, read from its servers.
            EngineTime time = EngineTime.forHosts(clock, Sleeper.REAL, hosts);
            facts = time.observed(new FactsGatherer(transport, targets, clock, timeout).gather(hosts, forks));
            judge = time.clock();
            OwaHealthChecks checks = new OwaHealthChecks(owaProbe, Duration.ofSeconds(Math.min(30, timeoutSeconds)));
            owa = checks.check(hosts, forks);
            signIn = checks.signIn(hosts, signInProbe, forks);
        }
        Instant judgedAt = at != null ? at : judge.instant();
        HostAssessor assessor = new HostAssessor();
        Map<String, HostAssessment> assessments = new LinkedHashMap<>();
        for (HostFacts h : facts.hosts().values()) {
            assessments.put(h.host(), assessor.assess(h, judgedAt, owa.get(h.host()), signIn.get(h.host())));
        }
        InputException notSaved = null;
        if (save != null) {
            try {
                terminal.err().println("facts saved to " + FactsDocument.save(facts, save));
            } catch (IOException e) {
                // The gathered facts are still printed below; only the copy on disk is missing.
                notSaved = InputException.of(io.authcert.diag.SourceLocation.ofFile(save.toString()),
                        "cannot save the facts there: " + whyNot(e),
                        "give --save a directory this user may create or write to");
            }
        }
        switch (format) {
            case json -> terminal.out().print(FactsDocument.toJson(facts, assessments));
            case yaml -> terminal.out().print(FactsDocument.toYaml(facts, assessments));
            case table -> new FactsTable(terminal).print(new ArrayList<>(assessments.values()));
            case prometheus -> terminal.out().print(io.authcert.report.PrometheusFacts.render(assessments.values(), judgedAt,
                    io.authcert.run.RunHistory.lastRun(stateDir), io.authcert.run.RunHistory.lastApply(stateDir)));
        }
        terminal.out().flush();
        if (notSaved != null) {
            throw notSaved;
        }
        boolean anyFailed = facts.hosts().values().stream().anyMatch(h -> !h.reachable());
        return anyFailed ? ExitCode.ERROR : ExitCode.OK;
    }

    /** An IOException's cause in words: the JDK's message is often just the path. */
    private static String whyNot(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return "a file of that name is in the way";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "the directory cannot be created there";
        }
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void validate() {
        if (from != null && inventoryOptions.given()) {
            throw InputException.of(null, "--from and -i do not go together",
                    "use -i INVENTORY to connect to the servers, or --from DIR to read captured exports");
        }
        if (from == null && !inventoryOptions.given()) {
            throw InputException.of(null, "no inventory given", "name one with -i INVENTORY, or read exports with --from DIR");
        }
        if (forks < 1) {
            throw InputException.of(null, "--forks must be at least 1, not " + forks, "the default is 50");
        }
        if (timeoutSeconds < 1) {
            throw InputException.of(null, "--timeout must be at least 1 second, not " + timeoutSeconds, "the default is 180");
        }
    }

    private Instant parseNow() {
        try {
            return Instant.parse(now);
        } catch (DateTimeParseException e) {
            throw InputException.of(null, "--now '" + now + "' is not an ISO-8601 UTC time",
                    "write it like 2026-11-26T09:00:00Z");
        }
    }
}
