package io.authcert.inventory;

import io.authcert.diag.Diagnostics;
import io.authcert.diag.SourceLocation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inventory while it is being read: groups and hosts in the order they were first seen, with the
 * variables written in the inventory files. Mirrors Ansible's own model (implicit {@code all} and
 * {@code ungrouped}, reconciliation after parsing) so the result matches ansible-inventory.
 */
final class InventoryData {

    static final String ALL = "all";
    static final String UNGROUPED = "ungrouped";

    /** A group as read. */
    static final class Group {
        final String name;
        final List<Group> children = new ArrayList<>();
        final List<Group> parents = new ArrayList<>();
        final List<Host> hosts = new ArrayList<>();
        final Map<String, Object> vars = new LinkedHashMap<>();
        /** Where each of {@link #vars} was written (the key), for messages about its value. */
        final Map<String, SourceLocation> varLocations = new LinkedHashMap<>();
        int priority = 1;
        SourceLocation location;

        Group(String name) {
            this.name = name;
        }
    }

    /** A host as read. */
    static final class Host {
        final String name;
        final Map<String, Object> vars = new LinkedHashMap<>();
        /** Where each of {@link #vars} was written (the key), for messages about its value. */
        final Map<String, SourceLocation> varLocations = new LinkedHashMap<>();
        /** Groups the host was put in directly (ancestors follow from the group tree). */
        final List<Group> groups = new ArrayList<>();
        SourceLocation location;

        Host(String name) {
            this.name = name;
        }
    }

    final Map<String, Group> groups = new LinkedHashMap<>();
    final Map<String, Host> hosts = new LinkedHashMap<>();

    InventoryData() {
        group(ALL, null);
        group(UNGROUPED, null);
        addChild(ALL, UNGROUPED, null, new Diagnostics());
    }

    Group group(String name, SourceLocation where) {
        Group g = groups.computeIfAbsent(name, Group::new);
        if (g.location == null) {
            g.location = where;
        }
        return g;
    }

    /** Adds {@code child} under {@code parent}; a cycle is reported, not added. */
    void addChild(String parent, String child, SourceLocation where, Diagnostics diagnostics) {
        Group p = group(parent, where);
        Group c = group(child, where);
        if (p == c || descendants(c).contains(p)) {
            diagnostics.error(where, "adding group '" + child + "' as a child of '" + parent + "' creates a loop",
                    "a group cannot contain itself, directly or through its children");
            return;
        }
        if (!p.children.contains(c)) {
            p.children.add(c);
            c.parents.add(p);
        }
    }

    Host addHost(String name, String group, SourceLocation where) {
        Host h = hosts.computeIfAbsent(name, Host::new);
        if (h.location == null) {
            h.location = where;
        }
        Group g = group(group, where);
        if (!g.hosts.contains(h)) {
            g.hosts.add(h);
        }
        if (!h.groups.contains(g)) {
            h.groups.add(g);
        }
        return h;
    }

    /** Sets a group variable as Ansible does: {@code ansible_group_priority} sets the priority instead. */
    void setGroupVariable(Group group, String key, Object value, SourceLocation where, Diagnostics diagnostics) {
        if (key.equals("ansible_group_priority")) {
            try {
                group.priority = value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value).strip());
            } catch (NumberFormatException e) {
                diagnostics.error(where, "ansible_group_priority must be a whole number, got '" + value + "'",
                        "write a number such as 10; higher numbers win over groups of the same depth");
            }
            return;
        }
        group.vars.put(key, value);
        if (where != null) {
            group.varLocations.put(key, where);
        }
    }

    /**
     * Ansible's reconciliation: every group without a parent goes under {@code all}; hosts in no group
     * go to {@code ungrouped}, and hosts in a real group leave it.
     */
    void reconcile(Diagnostics diagnostics) {
        Group all = groups.get(ALL);
        Group ungrouped = groups.get(UNGROUPED);
        for (Group g : List.copyOf(groups.values())) {
            if (g != all && g.parents.isEmpty()) {
                addChild(ALL, g.name, g.location, diagnostics);
            }
        }
        for (Host h : hosts.values()) {
            Set<Group> mine = ancestorsOf(h);
            if (mine.contains(ungrouped)) {
                Set<Group> others = new HashSet<>(mine);
                others.remove(all);
                others.remove(ungrouped);
                if (!others.isEmpty()) {
                    ungrouped.hosts.remove(h);
                    h.groups.remove(ungrouped);
                }
            } else if (mine.isEmpty() || (mine.size() == 1 && mine.contains(all))) {
                addHost(h.name, UNGROUPED, h.location);
            }
        }
    }

    /** Every group the host belongs to, directly or through a parent group, {@code all} included. */
    Set<Group> ancestorsOf(Host h) {
        Set<Group> out = new LinkedHashSet<>();
        Deque<Group> todo = new ArrayDeque<>(h.groups);
        while (!todo.isEmpty()) {
            Group g = todo.pop();
            if (out.add(g)) {
                todo.addAll(g.parents);
            }
        }
        return out;
    }

    static Set<Group> descendants(Group g) {
        Set<Group> out = new LinkedHashSet<>();
        Deque<Group> todo = new ArrayDeque<>(g.children);
        while (!todo.isEmpty()) {
            Group c = todo.pop();
            if (out.add(c)) {
                todo.addAll(c.children);
            }
        }
        return out;
    }

    /** Length of the longest path from {@code all}, as Ansible's group depth. */
    static int depth(Group g) {
        return depth(g, new HashSet<>());
    }

    private static int depth(Group g, Set<Group> visiting) {
        if (g.parents.isEmpty() || !visiting.add(g)) {
            return 0;
        }
        int d = 0;
        for (Group p : g.parents) {
            d = Math.max(d, depth(p, visiting) + 1);
        }
        visiting.remove(g);
        return d;
    }
}
