package io.authcert.cli;

import io.authcert.diag.Diagnostic;
import io.authcert.diag.Diagnostics;
import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.diag.Suggestions;
import io.authcert.inventory.Inventory;
import io.authcert.inventory.InventoryGroup;
import io.authcert.inventory.InventoryLoader;
import io.authcert.playbook.ExtraVars;
import io.authcert.playbook.LoadedPlaybook;
import io.authcert.playbook.Play;
import io.authcert.playbook.PlaybookLoader;
import io.authcert.playbook.Task;
import io.authcert.playbook.modules.AuthCertificateSpec;
import io.authcert.vault.PasswordSources;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code engine validate}: checks an inventory and a playbook together before anything runs, and
 * reports every problem at once (nothing connects to a server).
 */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Checks a playbook against an inventory without connecting to any server.",
            "It checks every play, task, module argument and variable, that each play's host pattern "
                    + "selects at least one host, and each selected host's connection variables (ports, transports, "
                    + "schemes, user forms, timeouts) as facts and apply read them. Valid: one summary line, exit 0. "
                    + "Otherwise every problem as FILE:LINE:COL: message with a hint, exit 1.",
        },
        footer = {
            "",
            "Examples:",
            "  engine validate -i inventory/production playbooks/auth-certificate.yml",
            "  engine validate -i inventory/production playbooks/auth-certificate.yml \\",
            "      -e renew_before_days=90 --limit site_a --vault-password-file ~/.vault-pass",
            "",
            "Exit codes: 0 valid, 1 problems found (all of them are listed).",
        })
public final class ValidateCommand implements Callable<Integer> {

    @Mixin
    InventoryOptions inventoryOptions = new InventoryOptions();

    @Parameters(index = "0", paramLabel = "PLAYBOOK", description = "The playbook to check, e.g. playbooks/auth-certificate.yml.")
    Path playbook;

    @Option(names = {"-e", "--extra-vars"}, paramLabel = "VARS",
            description = "Variables that win over the playbook's: key=value (several separated by spaces), @FILE or a JSON/YAML mapping. Repeatable.")
    List<String> extraVars = new ArrayList<>();

    @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN", description = "Narrow every play's hosts further (Ansible pattern or @FILE).")
    String limit;

    private final Terminal terminal;
    private boolean connectionsUnchecked;
    private final InventoryLoader inventoryLoader;
    private final PlaybookLoader playbookLoader;

    private final PasswordSources passwords;

    @Inject
    ValidateCommand(Terminal terminal, InventoryLoader inventoryLoader, PlaybookLoader playbookLoader,
                    PasswordSources passwords) {
        this.terminal = terminal;
        this.passwords = passwords;
        this.inventoryLoader = inventoryLoader;
        this.playbookLoader = playbookLoader;
    }

    @Override
    public Integer call() {
        inventoryOptions.require();
        Diagnostics problems = new Diagnostics();
        Map<String, Object> vars = collect(problems, () -> ExtraVars.parse(extraVars));
        Inventory inventory = collect(problems, () -> inventoryOptions.load(inventoryLoader));
        LoadedPlaybook loaded = vars == null ? null : collect(problems, () -> playbookLoader.loadWithDetails(playbook, vars));
        if (inventory != null) {
            inventory.warnings().all().forEach(problems::add);
        }
        Set<String> hosts = new LinkedHashSet<>();
        if (loaded != null) {
            loaded.warnings().forEach(problems::add);
            if (inventory != null) {
                for (int i = 0; i < loaded.playbook().plays().size(); i++) {
                    hosts.addAll(checkPlay(inventory, loaded, i, problems));
                }
            }
        }
        if (problems.hasErrors()) {
            throw new InputException(problems);
        }
        new DiagnosticPrinter(terminal).print(problems.sorted());
        if (connectionsUnchecked) {
            terminal.err().println("note: connection variables in encrypted vars files were not checked: no vault password"
                    + " was given (--vault-password-file FILE or ANSIBLE_VAULT_PASSWORD_FILE checks them too)");
        }
        terminal.out().println(terminal.green(playbook + ": valid") + ": " + summary(loaded, hosts.size()));
        return ExitCode.OK;
    }

    /** The hosts a play selects; a pattern that selects none, or a primary it does not select, is a problem. */
    private List<String> checkPlay(Inventory inventory, LoadedPlaybook loaded, int index, Diagnostics problems) {
        Play play = loaded.playbook().plays().get(index);
        SourceLocation where = loaded.hostsLocation(index);
        List<String> selected = collect(problems, () -> inventory.selectNames(play.hosts(), limit, where));
        if (selected == null) {
            return List.of();
        }
        if (selected.isEmpty()) {
            List<String> known = Stream.concat(inventory.groups().stream().map(InventoryGroup::name), inventory.hostNames().stream()).toList();
            String hint = Suggestions.didYouMean(play.hosts(), known);
            problems.error(where, "host pattern '" + play.hosts() + "'" + (limit == null ? "" : " with --limit '" + limit + "'")
                    + " selects no host of the inventory", hint != null ? hint
                    : "engine inventory -i INVENTORY --graph shows the groups and hosts");
            return List.of();
        }
        // The connection variables as facts and apply will read them: a wrong port or transport is found now, not at 3 a.m.
        // Password sources are checked (variable set, program found), never read or run: validate connects to nothing.
        HostTargets targets = new HostTargets(passwords.checking());
        for (String name : selected) {
            io.authcert.inventory.InventoryHost host;
            try {
                host = inventory.host(name).orElse(null);
            } catch (InputException locked) {
                // An encrypted vars file hides which variables it sets: without the vault password (CI on a pull
                // request), the connection check is left out, said once; with it, its problems count.
                if (!vaultPasswordGiven()) {
                    connectionsUnchecked = true;
                    continue;
                }
                locked.diagnostics().forEach(problems::add);
                continue;
            }
            if (host != null) {
                try {
                    targets.apply(withSecretsUnread(host));
                } catch (InputException refused) {
                    refused.diagnostics().forEach(d -> problems.add(located(inventory, name, d)));
                }
            }
        }
        for (Task task : play.tasks()) {
            if (task.spec() instanceof AuthCertificateSpec auth && auth.primary() != null && !selected.contains(auth.primary())) {
                String hint = Suggestions.didYouMean(auth.primary(), selected);
                problems.error(loaded.argumentLocation(task, "primary"), "primary '" + auth.primary() + "' is not one of the " + selected.size()
                        + " hosts this play selects", hint != null ? hint : "name one of: " + String.join(", ", selected));
            }
        }
        return selected;
    }

    /** A connection variable's first name in a message ("host ex01: ansible_port: ..."). */
    private static final java.util.regex.Pattern VARIABLE = java.util.regex.Pattern.compile("\\b((?:ansible|authcert)_[a-z0-9_]+)");

    /**
     * A connection problem at the place a person fixes it: where the variable it names got the host's
     * value (inventory file, group_vars/ or host_vars/), else where the host is written.
     */
    private static Diagnostic located(Inventory inventory, String host, Diagnostic d) {
        if (d.location() != null) {
            return d;
        }
        java.util.regex.Matcher m = VARIABLE.matcher(d.message());
        String variable = m.find() ? m.group(1) : null;
        return inventory.whereSet(host, variable)
                .map(at -> new Diagnostic(d.severity(), at, d.message(), d.hint()))
                .orElse(d);
    }

    private boolean vaultPasswordGiven() {
        return !inventoryOptions.vaultSecrets().isEmpty();
    }

    /**
     * The host with each vaulted value standing in as a placeholder: validate checks that a password is
     * given and how everything else is written, and runs in CI without the vault password.
     */
    private static io.authcert.inventory.InventoryHost withSecretsUnread(io.authcert.inventory.InventoryHost host) {
        Map<String, Object> vars = new java.util.LinkedHashMap<>();
        host.vars().forEach((k, v) -> vars.put(k, !(v instanceof io.authcert.vault.Secret || v instanceof io.authcert.vault.VaultedValue) ? v
                // A vaulted password source stays a vaulted value, which the checking PasswordSources leaves alone.
                : k.equals(PasswordSources.ENV_VARIABLE) || k.equals(PasswordSources.COMMAND_VARIABLE)
                ? io.authcert.vault.Secret.of("********") : "********"));
        return new io.authcert.inventory.InventoryHost(host.name(), vars, host.locations());
    }

    private static String summary(LoadedPlaybook loaded, int hosts) {
        List<Play> plays = loaded.playbook().plays();
        int tasks = plays.stream().mapToInt(p -> p.tasks().size()).sum();
        int handlers = plays.stream().mapToInt(p -> p.handlers().size()).sum();
        return count(plays.size(), "play") + ", " + count(tasks, "task") + ", " + count(handlers, "handler") + ", "
                + count(hosts, "host");
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Runs one loading step; its input problems are collected rather than stopping the others. */
    private static <T> T collect(Diagnostics problems, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (InputException e) {
            for (Diagnostic d : e.diagnostics()) {
                problems.add(d);
            }
            return null;
        }
    }
}
