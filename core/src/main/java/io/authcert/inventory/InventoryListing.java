package io.authcert.inventory;

import io.authcert.vault.Secret;
import io.authcert.vault.VaultedValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The views {@code ansible-inventory} prints: {@code --list} (groups, hosts, children and
 * {@code _meta.hostvars}, as a tree ready for JSON) and {@code --graph}. Vaulted values appear the way
 * ansible-inventory shows them ({@code {"__ansible_vault": "..."}}); values decrypted from an encrypted
 * vars file, and passwords written in clear ({@link ConnectionVariables#isPassword(String)}), appear as
 * {@value Secret#REDACTED}: unlike ansible-inventory, authcert never prints a password.
 */
public final class InventoryListing {

    private InventoryListing() {
    }

    /** The {@code --list} tree; {@code hostNames} limits which hosts appear (all when null). */
    public static Map<String, Object> list(Inventory inventory, List<String> hostNames) {
        Set<String> available = new HashSet<>(hostNames == null ? inventory.hostNames() : hostNames);
        Map<String, Object> out = new LinkedHashMap<>();
        formatGroup(inventory, "all", available, out, new HashSet<>());
        Map<String, Object> hostvars = new LinkedHashMap<>();
        for (String name : inventory.hostNames()) {
            if (!available.contains(name)) {
                continue;
            }
            Map<String, Object> vars = inventory.host(name).orElseThrow().vars();
            if (!vars.isEmpty()) {
                hostvars.put(name, printable(vars));
            }
        }
        out.put("_meta", Map.of("hostvars", hostvars));
        return out;
    }

    private static void formatGroup(Inventory inventory, String name, Set<String> available, Map<String, Object> out, Set<String> seen) {
        InventoryGroup group = inventory.group(name).orElseThrow();
        Map<String, Object> entry = new LinkedHashMap<>();
        if (!name.equals(InventoryData.ALL)) {
            List<String> hosts = group.hosts().stream().filter(available::contains).toList();
            if (!hosts.isEmpty()) {
                entry.put("hosts", hosts);
            }
        }
        if (!group.children().isEmpty()) {
            entry.put("children", group.children());
        }
        if (!entry.isEmpty()) {
            out.put(name, entry);
        }
        for (String child : group.children()) {
            if (seen.add(child)) {
                formatGroup(inventory, child, available, out, seen);
            }
        }
    }

    /** The {@code --graph} lines, starting at {@code group}. */
    public static List<String> graph(Inventory inventory, String group) {
        List<String> out = new ArrayList<>();
        graphGroup(inventory, inventory.group(group).orElseThrow(), 0, out);
        return out;
    }

    /** The {@code --graph --vars} lines: the tree with each host's and group's variables. */
    public static List<String> graphWithVars(Inventory inventory, String group) {
        List<String> out = new ArrayList<>();
        graphGroup(inventory, inventory.group(group).orElseThrow(), 0, out, true);
        return out;
    }

    private static void graphGroup(Inventory inventory, InventoryGroup group, int depth, List<String> out) {
        graphGroup(inventory, group, depth, out, false);
    }

    private static void graphGroup(Inventory inventory, InventoryGroup group, int depth, List<String> out, boolean vars) {
        out.add(indent("@" + group.name() + ":", depth));
        for (String child : group.children()) {
            graphGroup(inventory, inventory.group(child).orElseThrow(), depth + 1, out, vars);
        }
        if (!group.name().equals(InventoryData.ALL)) {
            for (String host : group.hosts()) {
                out.add(indent(host, depth + 1));
                if (vars) {
                    showVars(inventory.host(host).orElseThrow().vars(), depth + 2, out);
                }
            }
        }
        if (vars) {
            Map<String, Object> groupVars = new LinkedHashMap<>(inventory.groupVars(group.name()));
            if (group.priority() != 1) {
                // Shown as ansible-inventory shows it, although it is not a variable of the hosts.
                groupVars.put("ansible_group_priority", group.priority());
            }
            showVars(groupVars, depth + 1, out);
        }
    }

    private static void showVars(Map<String, Object> vars, int depth, List<String> out) {
        new java.util.TreeMap<>(vars).forEach((k, v) -> out.add(indent("{" + k + " = " + PythonText.str(printable(k, v)) + "}", depth)));
    }

    private static String indent(String name, int depth) {
        return depth == 0 ? name : "  |".repeat(depth) + "--" + name;
    }

    /** The value of variable {@code name}: redacted when the name says it holds a password, whatever its form. */
    private static Object printable(String name, Object value) {
        if (value instanceof String && ConnectionVariables.isPassword(name)) {
            return Secret.REDACTED;
        }
        return printable(value);
    }

    /** A variable value as ansible-inventory prints it, with secrets kept secret. */
    public static Object printable(Object value) {
        if (value instanceof VaultedValue v) {
            return Map.of("__ansible_vault", v.ciphertext());
        }
        if (value instanceof Secret) {
            return Secret.REDACTED;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), printable(String.valueOf(k), v)));
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(InventoryListing::printable).toList();
        }
        return value;
    }
}
