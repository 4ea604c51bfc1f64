package io.authcert.inventory;

import io.authcert.diag.Diagnostics;
import io.authcert.diag.SourceLocation;
import io.authcert.diag.Suggestions;
import io.authcert.yaml.SafeYaml;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads Ansible's YAML inventory format ({@code all}, groups with {@code hosts}, {@code children} and
 * {@code vars}) into {@link InventoryData}. Where Ansible would only warn and skip a malformed group,
 * this reports an error, because the skipped part is almost always a typo that drops hosts.
 */
final class YamlInventoryParser {

    private static final List<String> SECTIONS = List.of("hosts", "children", "vars");

    private final String file;
    private final InventoryData data;
    private final Diagnostics diagnostics;
    private final YamlValues values;

    YamlInventoryParser(String file, InventoryData data, Diagnostics diagnostics, YamlValues values) {
        this.file = file;
        this.data = data;
        this.diagnostics = diagnostics;
        this.values = values;
    }

    void parse(Node root) {
        if (root == null || isNull(root)) {
            diagnostics.warning(SourceLocation.ofFile(file), "inventory file is empty", null);
            return;
        }
        if (!(root instanceof MappingNode mapping)) {
            diagnostics.error(where(root), "a YAML inventory must be a mapping of group names (such as 'all:')",
                    "start the file with 'all:' and put groups under 'children:'");
            return;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String name = values.key(tuple.getKeyNode());
            if (name.equals("plugin")) {
                diagnostics.error(where(tuple.getKeyNode()), "inventory plugins are not supported",
                        "write the hosts out in Ansible's YAML or INI inventory format");
                return;
            }
        }
        for (NodeTuple tuple : mapping.getValue()) {
            group(values.key(tuple.getKeyNode()), tuple.getKeyNode(), tuple.getValueNode());
        }
    }

    private InventoryData.Group group(String name, Node keyNode, Node body) {
        SourceLocation at = where(keyNode);
        if (!validGroupName(name)) {
            diagnostics.error(at, "'" + name + "' is not a valid group name",
                    "a group name cannot contain spaces, ':', '[' or ']'; use letters, digits and '_'");
            return null;
        }
        InventoryData.Group group = data.group(name, at);
        if (isNull(body)) {
            return group;
        }
        if (!(body instanceof MappingNode mapping)) {
            diagnostics.error(where(body), "group '" + name + "' must be a mapping with 'hosts', 'children' or 'vars'",
                    "put the hosts under 'hosts:', one 'name:' per line, indented below '" + name + ":'");
            return group;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String key = values.key(tuple.getKeyNode());
            Node value = tuple.getValueNode();
            if (!SECTIONS.contains(key)) {
                String hint = Suggestions.didYouMean(key, SECTIONS);
                diagnostics.error(where(tuple.getKeyNode()), "unknown key '" + key + "' in group '" + name + "'",
                        hint != null ? hint : "a group may hold only 'hosts', 'children' and 'vars'"
                                + " (to add a child group, put it under 'children:')");
                continue;
            }
            if (isNull(value)) {
                continue;
            }
            List<Entry> entries = new java.util.ArrayList<>();
            if (value instanceof ScalarNode scalar) {
                // Ansible accepts "hosts: name" as a mapping with one entry and no value.
                entries.add(new Entry(scalar.getValue(), scalar, null));
            } else if (value instanceof MappingNode sectionMap) {
                for (NodeTuple t : sectionMap.getValue()) {
                    entries.add(new Entry(values.key(t.getKeyNode()), t.getKeyNode(), t.getValueNode()));
                }
            } else {
                diagnostics.error(where(value), "'" + key + "' of group '" + name + "' must be a mapping, not a list",
                        "write each entry as 'name:' on its own line (a list with '- ' is not Ansible's format)");
                continue;
            }
            section(group, key, entries);
        }
        return group;
    }

    /** One entry of a group's hosts, children or vars: its name, where it was written, its value (or null). */
    private record Entry(String name, Node keyNode, Node value) {
    }

    private void section(InventoryData.Group group, String key, List<Entry> entries) {
        for (Entry e : entries) {
            switch (key) {
                case "vars" -> {
                    SourceLocation at = where(e.keyNode());
                    ConnectionVariables.check(e.name(), at, diagnostics);
                    data.setGroupVariable(group, e.name(), e.value() == null ? null : values.value(e.value()), at, diagnostics);
                }
                case "children" -> {
                    InventoryData.Group child = group(e.name(), e.keyNode(), e.value());
                    if (child != null) {
                        data.addChild(group.name, child.name, where(e.keyNode()), diagnostics);
                    }
                }
                default -> hosts(group, e.name(), e.keyNode(), e.value());
            }
        }
    }

    private void hosts(InventoryData.Group group, String entry, Node keyNode, Node value) {
        SourceLocation at = where(keyNode);
        if (keyNode instanceof ScalarNode key && (key.getTag().equals(Tag.INT) || key.getTag().equals(Tag.FLOAT))) {
            // Ansible's yaml inventory plugin refuses these in its own words (it would silently turn 010 into 8).
            // As written (010, not the 8 YAML 1.1 reads it as).
            diagnostics.error(at, "Host pattern " + key.getValue() + " must be a string. Enclose integers/floats in quotation marks.",
                    "write it as '" + key.getValue() + "'");
            return;
        }
        HostRanges.Expanded expanded;
        try {
            expanded = HostRanges.expand(entry);
        } catch (IllegalArgumentException e) {
            diagnostics.error(at, e.getMessage(), "write a range as name[01:12].domain, name-[a:f] or name[1:9:2]");
            return;
        }
        Map<String, Object> vars = Map.of();
        Map<String, SourceLocation> locations = new java.util.LinkedHashMap<>();
        if (value != null && !isNull(value)) {
            if (!(value instanceof MappingNode)) {
                diagnostics.error(where(value), "the variables of host '" + entry + "' must be a mapping",
                        "write them as 'name: value' lines indented under the host");
                return;
            }
            for (NodeTuple t : ((MappingNode) value).getValue()) {
                ConnectionVariables.check(values.key(t.getKeyNode()), where(t.getKeyNode()), diagnostics);
                locations.put(values.key(t.getKeyNode()), where(t.getKeyNode()));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> v = (Map<String, Object>) values.value(value);
            vars = v;
        }
        for (String name : expanded.names()) {
            InventoryData.Host host = data.addHost(name, group.name, at);
            if (expanded.port() != null) {
                host.vars.put("ansible_port", expanded.port());
                host.varLocations.put("ansible_port", at);
            }
            host.vars.putAll(vars);
            host.varLocations.putAll(locations);
        }
    }

    static boolean validGroupName(String name) {
        return !name.isEmpty() && name.chars().noneMatch(c -> Character.isWhitespace(c) || c == ':' || c == '[' || c == ']');
    }

    private static boolean isNull(Node node) {
        return node == null || node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    private SourceLocation where(Node node) {
        return SafeYaml.location(file, node);
    }
}
