package io.authcert.inventory;

import io.authcert.diag.SourceLocation;
import io.authcert.vault.Secret;
import io.authcert.vault.SecretValues;
import io.authcert.vault.VaultedValue;
import java.util.Map;
import java.util.Optional;

/**
 * One host of the inventory with its variables already merged by Ansible's precedence (all, parent
 * groups, child groups, host; inventory file, group_vars/, host_vars/). Vaulted values are
 * {@link io.authcert.vault.Secret}s (from an encrypted vars file) or {@link VaultedValue}s (a
 * {@code !vault} scalar, decrypted when asked for); {@link #secret(String)} turns either into a Secret.
 */
public record InventoryHost(String name, Map<String, Object> vars, Map<String, SourceLocation> locations) {

    /**
     * @param locations where each variable got the host's value (inventory file, group_vars/, host_vars/), for
     *     problems found in a value when it is used; may lack some or all variables
     */
    public InventoryHost {
        vars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vars));
        locations = Map.copyOf(locations);
    }

    /** A host whose variables' locations are not known (tests, hosts built by hand). */
    public InventoryHost(String name, Map<String, Object> vars) {
        this(name, vars, Map.of());
    }

    /** Name and variables: where the variables were written does not make another host. */
    @Override
    public boolean equals(Object o) {
        return o instanceof InventoryHost h && h.name.equals(name) && h.vars.equals(vars);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + vars.hashCode();
    }

    /** A variable as stored (null values count as absent). */
    public Optional<Object> var(String key) {
        return Optional.ofNullable(vars.get(key));
    }

    /**
     * A variable as text: numbers and booleans as Ansible writes them, vaulted values decrypted. Use
     * {@link #secret(String)} for passwords so they stay wrapped.
     *
     * @throws io.authcert.diag.InputException when a vaulted value cannot be decrypted (names file:line)
     */
    public Optional<String> string(String key) {
        return var(key).map(SecretValues::text);
    }

    /**
     * A variable as a {@link Secret}, whether it was written in clear, in an encrypted vars file or as a
     * {@code !vault} value.
     *
     * @throws io.authcert.diag.InputException when a vaulted value cannot be decrypted (names file:line)
     */
    public Optional<Secret> secret(String key) {
        return var(key).map(SecretValues::secret);
    }

    /** The name and the variables' names only: values may be passwords written in clear. */
    @Override
    public String toString() {
        return "InventoryHost[name=" + name + ", vars=" + new java.util.TreeSet<>(vars.keySet()) + "]";
    }
}
