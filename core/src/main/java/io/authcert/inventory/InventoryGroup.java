package io.authcert.inventory;

import java.util.List;
import java.util.Map;

/**
 * One group of the inventory as written: its child groups and its own hosts in inventory order, the
 * variables set on it in the inventory file (not group_vars/), and its {@code ansible_group_priority}.
 */
public record InventoryGroup(String name, List<String> children, List<String> hosts, Map<String, Object> vars, int priority) {

    public InventoryGroup {
        children = List.copyOf(children);
        hosts = List.copyOf(hosts);
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    }
}
