package io.authcert.playbook;

import io.authcert.diag.Diagnostics;
import io.authcert.diag.SourceLocation;
import io.authcert.yaml.SafeYaml;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Small readers over SnakeYAML node trees: mapping entries (with merge keys), scalar values, kinds and locations. */
final class YamlNodes {

    /** Builds plain values of the standard scalar tags (str, int, float, bool, null), nothing else. */
    private static final class Scalars extends SafeConstructor {
        Scalars() {
            super(new LoaderOptions());
        }

        Object value(ScalarNode node) {
            return constructObject(node);
        }
    }

    private static final Scalars SCALARS = new Scalars();
    private static final List<Tag> STANDARD = List.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL);

    private YamlNodes() {
    }

    static SourceLocation at(String file, Node node) {
        return SafeYaml.location(file, node);
    }

    /** The entries of a mapping, with {@code <<} merge keys expanded (explicit keys win, as in YAML 1.1). */
    static List<NodeTuple> entries(MappingNode mapping) {
        List<NodeTuple> explicit = new ArrayList<>();
        List<NodeTuple> merged = new ArrayList<>();
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode().getTag().equals(Tag.MERGE) && t.getValueNode() instanceof MappingNode m) {
                merged.addAll(entries(m));
            } else if (t.getKeyNode().getTag().equals(Tag.MERGE) && t.getValueNode() instanceof SequenceNode s) {
                for (Node item : s.getValue()) {
                    if (item instanceof MappingNode m) {
                        merged.addAll(entries(m));
                    }
                }
            } else {
                explicit.add(t);
            }
        }
        List<NodeTuple> out = new ArrayList<>(explicit);
        for (NodeTuple t : merged) {
            String key = keyText(t);
            if (key == null || out.stream().noneMatch(e -> key.equals(keyText(e)))) {
                out.add(t);
            }
        }
        return out;
    }

    /** The text of a scalar key, or null for a key that is not a scalar. */
    static String keyText(NodeTuple tuple) {
        return tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
    }

    /** Whether a scalar has one of YAML's standard tags (so it can be turned into a plain value). */
    static boolean isStandard(ScalarNode node) {
        return STANDARD.contains(node.getTag());
    }

    /** The plain value of a standard scalar: String, Integer/Long/BigInteger, Double, Boolean or null. */
    static Object scalarValue(ScalarNode node) {
        return SCALARS.value(node);
    }

    /** Whether the scalar is the text {@code null}/{@code ~} or empty. */
    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    /** "a mapping", "a list", "a string": for messages about the wrong kind of value. */
    static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        if (s.getTag().equals(Tag.NULL)) {
            return "nothing";
        }
        if (s.getTag().equals(Tag.BOOL)) {
            return "the boolean " + s.getValue();
        }
        if (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT)) {
            return "the number " + s.getValue();
        }
        return "the text '" + s.getValue() + "'";
    }

    /** Reports a value of the wrong kind and returns false, so callers can write {@code if (!expect(...)) return}. */
    static boolean expect(boolean condition, Diagnostics diagnostics, String file, Node node, String what, String hint) {
        if (!condition) {
            diagnostics.error(at(file, node), what + ", found " + kind(node), hint);
        }
        return condition;
    }

    /** {@code key: {{ x }}} unquoted: YAML reads a flow mapping whose key is a mapping. Ansible users hit this often. */
    static boolean looksLikeUnquotedTemplate(Node node) {
        return node instanceof MappingNode m && m.getValue().size() == 1
                && m.getValue().get(0).getKeyNode() instanceof MappingNode;
    }

    static final String UNQUOTED_TEMPLATE_HINT = "a value that starts with '{{' must be quoted, as in Ansible: write \"{{ name }}\"";
}
