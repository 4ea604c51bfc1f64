package io.authcert.inventory;

import io.authcert.diag.Diagnostics;
import io.authcert.vault.VaultSecrets;
import io.authcert.vault.VaultedValue;
import io.authcert.yaml.SafeYaml;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns composed YAML nodes into plain values typed as Ansible's YAML loader types them (YAML 1.1:
 * {@code yes}/{@code no} are booleans, {@code 0x1f} an integer), with {@code !vault} scalars kept
 * encrypted as {@link VaultedValue}s and {@code !unsafe} read as text.
 */
final class YamlValues {

    private final String file;
    private final VaultSecrets vault;
    private final Diagnostics diagnostics;

    YamlValues(String file, VaultSecrets vault, Diagnostics diagnostics) {
        this.file = file;
        this.vault = vault;
        this.diagnostics = diagnostics;
    }

    Object value(Node node) {
        if (node instanceof ScalarNode scalar) {
            return scalar(scalar);
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> list = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                list.add(value(item));
            }
            return list;
        }
        MappingNode mapping = (MappingNode) node;
        Map<String, Object> map = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            map.put(key(tuple.getKeyNode()), value(tuple.getValueNode()));
        }
        return map;
    }

    /** A mapping key as text (Ansible's keys are text in practice; numbers become their digits). */
    String key(Node node) {
        if (node instanceof ScalarNode scalar) {
            Object v = scalar(scalar);
            if (v == null) {
                return "null";
            }
            if (v instanceof Boolean b) {
                return b ? "True" : "False";
            }
            return String.valueOf(v);
        }
        diagnostics.error(SafeYaml.location(file, node), "a mapping key must be a plain value",
                "write the key as text, not as a list or mapping");
        return "";
    }

    private Object scalar(ScalarNode node) {
        String text = node.getValue();
        Tag tag = node.getTag();
        String tagName = tag.getValue();
        if (tagName.equals("!vault")) {
            return new VaultedValue(text, SafeYaml.location(file, node), vault);
        }
        if (tagName.equals("!unsafe") || tag.equals(Tag.STR)) {
            return text;
        }
        try {
            if (tag.equals(Tag.NULL)) {
                return null;
            }
            if (tag.equals(Tag.BOOL)) {
                return switch (text.toLowerCase(java.util.Locale.ROOT)) {
                    case "yes", "true", "on", "y" -> Boolean.TRUE;
                    default -> Boolean.FALSE;
                };
            }
            if (tag.equals(Tag.INT)) {
                return integer(text);
            }
            if (tag.equals(Tag.FLOAT)) {
                return floating(text);
            }
        } catch (NumberFormatException e) {
            return text;
        }
        if (tagName.startsWith("!") && !tagName.startsWith("!!")) {
            diagnostics.error(SafeYaml.location(file, node), "unsupported YAML tag " + tagName,
                    "inventories support the tags !vault and !unsafe; remove the tag");
        }
        return text;
    }

    /** YAML 1.1 integers as PyYAML reads them: signs, underscores, 0b, 0x, leading-zero octal, base 60. */
    static Number integer(String raw) {
        String s = raw.replace("_", "");
        int sign = 1;
        if (s.startsWith("-")) {
            sign = -1;
            s = s.substring(1);
        } else if (s.startsWith("+")) {
            s = s.substring(1);
        }
        BigInteger value;
        if (s.equals("0")) {
            value = BigInteger.ZERO;
        } else if (s.startsWith("0b")) {
            value = new BigInteger(s.substring(2), 2);
        } else if (s.startsWith("0x")) {
            value = new BigInteger(s.substring(2), 16);
        } else if (s.startsWith("0o")) {
            value = new BigInteger(s.substring(2), 8);
        } else if (s.startsWith("0")) {
            value = new BigInteger(s.substring(1), 8);
        } else if (s.contains(":")) {
            value = BigInteger.ZERO;
            for (String part : s.split(":")) {
                value = value.multiply(BigInteger.valueOf(60)).add(new BigInteger(part));
            }
        } else {
            value = new BigInteger(s);
        }
        value = sign < 0 ? value.negate() : value;
        if (value.bitLength() < 32) {
            return value.intValue();
        }
        if (value.bitLength() < 64) {
            return value.longValue();
        }
        return value;
    }

    static Double floating(String raw) {
        String s = raw.replace("_", "").toLowerCase(java.util.Locale.ROOT);
        switch (s) {
            case ".inf", "+.inf":
                return Double.POSITIVE_INFINITY;
            case "-.inf":
                return Double.NEGATIVE_INFINITY;
            case ".nan":
                return Double.NaN;
            default:
                break;
        }
        if (s.contains(":")) {
            int sign = s.startsWith("-") ? -1 : 1;
            String body = s.replaceFirst("^[-+]", "");
            double value = 0;
            String[] parts = body.split(":");
            for (int i = 0; i < parts.length; i++) {
                value = value * 60 + Double.parseDouble(parts[i]);
            }
            return sign * value;
        }
        return Double.parseDouble(s);
    }
}
