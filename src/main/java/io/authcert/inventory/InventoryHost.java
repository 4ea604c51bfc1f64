package io.authcert.inventory;

import java.util.Map;

/**
 * One host of the inventory with its variables already merged by Ansible's precedence (all, parent
 * groups, child groups, host; inventory file, group_vars/, host_vars/). Vaulted values are
 * {@link io.authcert.vault.Secret}s.
 */
public record InventoryHost(String name, Map<String, Object> vars) {

    public InventoryHost {
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
    }
}
