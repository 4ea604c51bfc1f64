package io.authcert.inventory;

import io.authcert.diag.Diagnostics;
import io.authcert.diag.SourceLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loaded inventory: its groups and hosts in inventory order, host selection by Ansible patterns, and
 * each host's variables merged by Ansible's precedence. Variables are merged when a host is first asked
 * for, so an inventory whose encrypted files are never needed loads and selects without a vault password.
 */
public final class Inventory {

    private final List<Path> sources;
    private final InventoryData data;
    private final HostVarsResolver resolver;
    private final Diagnostics warnings;
    private final Map<String, InventoryHost> resolved = new ConcurrentHashMap<>();

    Inventory(List<Path> sources, InventoryData data, HostVarsResolver resolver, Diagnostics warnings) {
        this.sources = List.copyOf(sources);
        this.data = data;
        this.resolver = resolver;
        this.warnings = warnings;
    }

    /** The inventory sources given, in order. */
    public List<Path> sources() {
        return sources;
    }

    /** Every host, in inventory order, with merged variables. */
    public List<InventoryHost> hosts() {
        return hosts(hostNames());
    }

    /** Every host name, in inventory order (no variables are merged or decrypted). */
    public List<String> hostNames() {
        return List.copyOf(data.hosts.keySet());
    }

    /** One host by name. */
    public Optional<InventoryHost> host(String name) {
        InventoryData.Host h = data.hosts.get(name);
        return h == null ? Optional.empty() : Optional.of(resolve(h));
    }

    /**
     * Where the value {@code host} has for {@code variable} was written (the key, in the inventory file,
     * group_vars/ or host_vars/), else where the host itself was written; empty for an unknown host.
     * For messages only: nothing is decrypted to find it.
     */
    public Optional<SourceLocation> whereSet(String host, String variable) {
        InventoryData.Host h = data.hosts.get(host);
        if (h == null) {
            return Optional.empty();
        }
        SourceLocation at = variable == null ? null : resolver.locations(h).get(variable);
        return Optional.ofNullable(at != null ? at : h.location);
    }

    /**
     * The hosts an Ansible host pattern selects, narrowed by {@code limit} (a pattern too, or
     * {@code @FILE}; null for none), in inventory order.
     *
     * @throws io.authcert.diag.InputException when a term matches no host or group (with a suggestion)
     */
    public List<InventoryHost> select(String pattern, String limit) {
        return select(pattern, limit, null);
    }

    /** As {@link #select(String, String)}; errors in {@code pattern} are reported at {@code where}. */
    public List<InventoryHost> select(String pattern, String limit, SourceLocation where) {
        return hosts(selectNames(pattern, limit, where));
    }

    /** The names {@link #select(String, String, SourceLocation)} would return, without merging variables. */
    public List<String> selectNames(String pattern, String limit, SourceLocation where) {
        return new HostPatterns(data).select(pattern, limit, where);
    }

    /** Every group, in the order first seen ({@code all} and {@code ungrouped} first). */
    public List<InventoryGroup> groups() {
        return data.groups.values().stream().map(Inventory::toGroup).toList();
    }

    /** One group by name. */
    public Optional<InventoryGroup> group(String name) {
        InventoryData.Group g = data.groups.get(name);
        return g == null ? Optional.empty() : Optional.of(toGroup(g));
    }

    /** A group's own variables (inventory file, then group_vars/), without those of its parents. */
    public Map<String, Object> groupVars(String group) {
        InventoryData.Group g = data.groups.get(group);
        return g == null ? Map.of() : resolver.groupVars(g);
    }

    /** Every host of a group and of its child groups, in inventory order. */
    public List<String> hostNamesIn(String group) {
        InventoryData.Group g = data.groups.get(group);
        if (g == null) {
            return List.of();
        }
        List<String> members = HostPatterns.hostsOf(g);
        return data.hosts.keySet().stream().filter(members::contains).toList();
    }

    /** The groups a host belongs to, directly or through parents, sorted by name, without {@code all} (Ansible's group_names). */
    public List<String> groupNames(String host) {
        InventoryData.Host h = data.hosts.get(host);
        if (h == null) {
            return List.of();
        }
        return data.ancestorsOf(h).stream().map(g -> g.name).filter(n -> !n.equals(InventoryData.ALL)).sorted().toList();
    }

    /** Warnings found while loading (misspelt ansible_ variables, unused group_vars files, ...). */
    public Diagnostics warnings() {
        return warnings;
    }

    private List<InventoryHost> hosts(List<String> names) {
        List<InventoryHost> out = new ArrayList<>();
        for (String n : names) {
            out.add(resolve(data.hosts.get(n)));
        }
        return out;
    }

    private InventoryHost resolve(InventoryData.Host h) {
        return resolved.computeIfAbsent(h.name, n -> {
            Map<String, Object> vars = resolver.resolve(h); // decrypts encrypted vars files, whose locations follow
            return new InventoryHost(n, vars, resolver.locations(h));
        });
    }

    private static InventoryGroup toGroup(InventoryData.Group g) {
        return new InventoryGroup(g.name, g.children.stream().map(c -> c.name).toList(),
                g.hosts.stream().map(h -> h.name).toList(), g.vars, g.priority);
    }
}
