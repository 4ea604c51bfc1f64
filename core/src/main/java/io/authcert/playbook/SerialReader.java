package io.authcert.playbook;

import io.authcert.diag.Diagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads Ansible's {@code serial}: a count, a percentage, or a list of them (successive batch sizes). */
final class SerialReader {

    private static final Pattern COUNT = Pattern.compile("\\d+");
    private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");
    private static final String HINT = "write a number of hosts (serial: 1), a percentage (serial: \"30%\") "
            + "or a list of them (serial: [1, \"50%\"])";

    private SerialReader() {
    }

    /** The batches, or null when the value is wrong (reported). */
    static Serial read(Templar templar, Node node, String file, Diagnostics diagnostics) {
        List<Node> items = node instanceof SequenceNode s ? s.getValue() : List.of(node);
        if (items.isEmpty()) {
            diagnostics.error(YamlNodes.at(file, node), "'serial' is an empty list", HINT);
            return null;
        }
        List<String> sizes = new ArrayList<>();
        boolean ok = true;
        for (Node item : items) {
            Object value = templar.value(item, file);
            if (value == Templar.INVALID) {
                ok = false;
                continue;
            }
            String size = size(value);
            if (size == null) {
                diagnostics.error(YamlNodes.at(file, item), "'serial' must be a number of hosts (at least 1) or a percentage "
                        + "(above 0% and at most 100%), found " + (value instanceof String t ? "'" + t + "'" : YamlNodes.kind(item)), HINT);
                ok = false;
            } else {
                sizes.add(size);
            }
        }
        return ok ? new Serial(sizes) : null;
    }

    private static String size(Object value) {
        if (value instanceof Integer n) {
            return n >= 1 ? n.toString() : null;
        }
        if (value instanceof String s) {
            String t = s.trim();
            if (COUNT.matcher(t).matches()) {
                return t.length() < 10 && Integer.parseInt(t) >= 1 ? t : null;
            }
            var m = PERCENT.matcher(t);
            if (m.matches()) {
                double pct = Double.parseDouble(m.group(1));
                return pct > 0 && pct <= 100 ? m.group(1) + "%" : null;
            }
        }
        return null;
    }
}
