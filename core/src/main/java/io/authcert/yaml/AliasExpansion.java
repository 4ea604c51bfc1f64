package io.authcert.yaml;

import io.authcert.diag.InputException;
import java.util.IdentityHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Refuses documents whose aliases would expand into a huge tree. SnakeYAML's alias limit counts
 * aliases, not what they expand to: 25 levels of two aliases each stay under the limit yet expand
 * to 2^25 nodes when a reader walks the tree. The expanded size is counted on the node graph with
 * memoisation, so the check itself is linear in the document.
 */
final class AliasExpansion {

    /** Values a document may expand to; real playbooks and inventories are a few thousand at most. */
    static final long MAX_NODES = 100_000;

    private AliasExpansion() {
    }

    static void check(String name, Node root) {
        long size = size(root, new IdentityHashMap<>());
        if (size > MAX_NODES) {
            throw InputException.of(SafeYaml.location(name, root),
                    "this document expands to more than " + MAX_NODES + " values through its aliases",
                    "this looks like a 'billion laughs' file; write the values out instead of nesting aliases");
        }
    }

    private static long size(Node node, Map<Node, Long> memo) {
        Long known = memo.get(node);
        if (known != null) {
            return known;
        }
        memo.put(node, 1L); // a recursive structure is refused by SnakeYAML; this only guards the walk
        long total = 1;
        if (node instanceof SequenceNode s) {
            for (Node item : s.getValue()) {
                total = Math.min(MAX_NODES + 1, total + size(item, memo));
            }
        } else if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                total = Math.min(MAX_NODES + 1, total + size(t.getKeyNode(), memo) + size(t.getValueNode(), memo));
            }
        }
        memo.put(node, total);
        return total;
    }
}
