package io.authcert.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.authcert.diag.InputException;
import io.authcert.diag.Suggestions;
import io.authcert.inventory.Inventory;
import io.authcert.inventory.InventoryGroup;
import io.authcert.inventory.InventoryHost;
import io.authcert.inventory.InventoryListing;
import io.authcert.inventory.InventoryLoader;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code engine inventory}: shows an inventory the way {@code ansible-inventory} does, so the two can be diffed. */
@Command(
        name = "inventory",
        mixinStandardHelpOptions = true,
        description = {
            "Shows an Ansible inventory as authcert reads it: the JSON of ansible-inventory --list, "
                    + "the tree of --graph, or one host's merged variables.",
        },
        footer = {
            "",
            "Examples:",
            "  engine inventory -i inventory/production --graph",
            "  engine inventory -i inventory/production --list \\",
            "      --vault-password-file inventory/production/vault-password.example",
            "  diff <(engine inventory -i hosts.yml --list | jq -S .) \\",
            "       <(ansible-inventory -i hosts.yml --list | jq -S .)",
            "",
            "Vaulted values are never shown in clear: !vault values appear as ansible-inventory shows them, "
                    + "values from an encrypted vars file as ********.",
        })
public final class InventoryCommand implements Callable<Integer> {

    @Mixin
    InventoryOptions inventoryOptions = new InventoryOptions();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Action action;

    /** Exactly one of the views. */
    static final class Action {
        @Option(names = "--list", description = "All groups and hosts with their variables, as JSON.")
        boolean list;

        @Option(names = "--graph", arity = "0..1", fallbackValue = "all", paramLabel = "GROUP",
                description = "The group tree, from GROUP (default all).")
        String graph;

        @Option(names = "--host", paramLabel = "HOST", description = "One host's merged variables, as JSON.")
        String host;
    }

    @Option(names = "--vars", description = "With --graph: show the variables of groups and hosts too.")
    boolean vars;

    @Option(names = {"-l", "--limit"}, paramLabel = "PATTERN", description = "With --list: only the hosts PATTERN selects.")
    String limit;

    private final Terminal terminal;
    private final InventoryLoader loader;

    @Inject
    InventoryCommand(Terminal terminal, InventoryLoader loader) {
        this.terminal = terminal;
        this.loader = loader;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        inventoryOptions.require();
        Inventory inventory = inventoryOptions.load(loader);
        List<Path> inventories = inventoryOptions.inventories;
        new DiagnosticPrinter(terminal).print(inventory.warnings().sorted());
        if (action.list) {
            List<String> hosts = limit == null ? null : inventory.selectNames("all", limit, null);
            terminal.out().println(json(InventoryListing.list(inventory, hosts)));
        } else if (action.host != null) {
            InventoryHost host = inventory.host(action.host).orElseThrow(() -> unknown("host", action.host, inventory.hostNames(), inventories));
            terminal.out().println(json(InventoryListing.printable(new TreeMap<>(host.vars()))));
        } else {
            InventoryGroup start = inventory.group(action.graph).orElseThrow(() -> unknown("group", action.graph,
                    inventory.groups().stream().map(InventoryGroup::name).toList(), inventories));
            for (String line : vars ? InventoryListing.graphWithVars(inventory, start.name()) : InventoryListing.graph(inventory, start.name())) {
                terminal.out().println(line);
            }
        }
        return ExitCode.OK;
    }

    private static InputException unknown(String kind, String name, List<String> known, List<Path> inventories) {
        String hint = Suggestions.didYouMean(name, known);
        return InputException.of(InventorySources.location(inventories), "no " + kind + " named '" + name + "' in the inventory",
                hint != null ? hint : "engine inventory -i INV --graph lists the groups and hosts");
    }

    /** JSON as ansible-inventory writes it: keys sorted, four-space indent, "key": value. */
    static String json(Object tree) throws JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        DefaultIndenter indenter = new DefaultIndenter("    ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        return mapper.writer(printer).writeValueAsString(tree);
    }

}
