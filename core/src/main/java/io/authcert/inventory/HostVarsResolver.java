package io.authcert.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges one host's variables in Ansible's order of precedence (later wins, key by key):
 * {@code all} from the inventory file, then its other groups from the inventory file sorted by depth,
 * {@code ansible_group_priority} and name; then {@code group_vars/all}, then {@code group_vars/<group>}
 * in the same order (source by source); then the host's own inventory vars, then {@code host_vars/<host>}.
 */
final class HostVarsResolver {

    /** The group_vars/ and host_vars/ beside one inventory source. */
    record SourceVars(VarsDirectory groupVars, VarsDirectory hostVars) {
    }

    private final InventoryData data;
    private final List<SourceVars> sources;

    HostVarsResolver(InventoryData data, List<SourceVars> sources) {
        this.data = data;
        this.sources = List.copyOf(sources);
    }

    Map<String, Object> resolve(InventoryData.Host host) {
        InventoryData.Group all = data.groups.get(InventoryData.ALL);
        List<InventoryData.Group> groups = sortedGroups(host);
        Map<String, Object> out = new LinkedHashMap<>(all.vars);
        for (InventoryData.Group g : groups) {
            out.putAll(g.vars);
        }
        for (SourceVars s : sources) {
            s.groupVars().layers(InventoryData.ALL).forEach(layer -> out.putAll(layer.vars()));
        }
        for (SourceVars s : sources) {
            for (InventoryData.Group g : groups) {
                s.groupVars().layers(g.name).forEach(layer -> out.putAll(layer.vars()));
            }
        }
        out.putAll(host.vars);
        for (SourceVars s : sources) {
            s.hostVars().layers(host.name).forEach(layer -> out.putAll(layer.vars()));
        }
        return out;
    }

    /**
     * Where each of the host's variables that {@link #resolve} returns was written: the same merge over
     * locations (an encrypted vars file not yet decrypted contributes none).
     */
    Map<String, io.authcert.diag.SourceLocation> locations(InventoryData.Host host) {
        InventoryData.Group all = data.groups.get(InventoryData.ALL);
        List<InventoryData.Group> groups = sortedGroups(host);
        Map<String, io.authcert.diag.SourceLocation> out = new LinkedHashMap<>(all.varLocations);
        for (InventoryData.Group g : groups) {
            out.putAll(g.varLocations);
        }
        for (SourceVars s : sources) {
            s.groupVars().layers(InventoryData.ALL).forEach(layer -> out.putAll(layer.locations()));
        }
        for (SourceVars s : sources) {
            for (InventoryData.Group g : groups) {
                s.groupVars().layers(g.name).forEach(layer -> out.putAll(layer.locations()));
            }
        }
        out.putAll(host.varLocations);
        for (SourceVars s : sources) {
            s.hostVars().layers(host.name).forEach(layer -> out.putAll(layer.locations()));
        }
        return out;
    }

    /** A group's own variables: the inventory file's, then its group_vars/ files source by source. */
    Map<String, Object> groupVars(InventoryData.Group group) {
        Map<String, Object> out = new LinkedHashMap<>(group.vars);
        for (SourceVars s : sources) {
            s.groupVars().layers(group.name).forEach(layer -> out.putAll(layer.vars()));
        }
        return out;
    }

    /** The host's groups except {@code all}, in the order their variables apply. */
    List<InventoryData.Group> sortedGroups(InventoryData.Host host) {
        List<InventoryData.Group> groups = new ArrayList<>(data.ancestorsOf(host));
        groups.removeIf(g -> g.name.equals(InventoryData.ALL));
        groups.sort(Comparator.comparingInt(InventoryData::depth)
                .thenComparingInt((InventoryData.Group g) -> g.priority)
                .thenComparing(g -> g.name));
        return groups;
    }
}
