package io.authcert.yaml;

import io.authcert.diag.Diagnostics;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Finds keys written twice in one mapping. SnakeYAML checks duplicates only when it constructs Java
 * objects; we compose node trees (for line numbers), so the check is done here, on the nodes.
 */
final class DuplicateKeys {

    private DuplicateKeys() {
    }

    /** Reports every duplicate key of the document, at the second occurrence. */
    static void check(String name, Node root, Diagnostics diagnostics) {
        walk(name, root, diagnostics, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void walk(String name, Node node, Diagnostics diagnostics, Set<Node> seen) {
        if (!seen.add(node)) {
            return; // an alias to a node already checked
        }
        if (node instanceof SequenceNode s) {
            s.getValue().forEach(item -> walk(name, item, diagnostics, seen));
        } else if (node instanceof MappingNode m) {
            Map<String, Node> keys = new HashMap<>();
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode key && !key.getTag().equals(Tag.MERGE)) {
                    Node first = keys.putIfAbsent(key.getTag().getValue() + "\u0000" + key.getValue(), key);
                    if (first != null) {
                        diagnostics.error(SafeYaml.location(name, key), "duplicate key " + key.getValue()
                                        + " (first written at line " + (first.getStartMark().getLine() + 1) + ")",
                                "each key may appear once in a mapping; remove or rename one of them");
                    }
                }
                walk(name, t.getKeyNode(), diagnostics, seen);
                walk(name, t.getValueNode(), diagnostics, seen);
            }
        }
    }
}
