package io.authcert.playbook;

import io.authcert.diag.Diagnostics;
import io.authcert.diag.SourceLocation;
import io.authcert.diag.Suggestions;
import io.authcert.playbook.modules.ArgumentInput;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns YAML nodes into plain values with variables substituted. Only {@code {{ name }}} and
 * {@code {{ name | default(value) }}} are understood ({@code default(omit)} leaves an argument out); every other Jinja construct is reported as
 * unsupported at its file, line and column rather than guessed at. A value that is exactly one
 * {@code {{ x }}} keeps x's type. Variables may refer to other variables; cycles are reported.
 */
final class Templar {

    /** Marks a value whose problem was already reported. */
    static final Object INVALID = ArgumentInput.INVALID;

    /** Where a variable's value comes from: YAML in a playbook or vars file, or a value given on the command line. */
    sealed interface Definition {
        /** Written in YAML; may itself contain templates. */
        record Yaml(Node node, String file) implements Definition {
        }

        /** Given as is ({@code -e}); never templated. */
        record Given(Object value) implements Definition {
        }
    }

    private static final Pattern CONDITION = Pattern.compile("\\s*(not\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*(\\|\\s*bool\\s*)?");
    private static final Set<String> MAGIC = Set.of("inventory_hostname", "inventory_hostname_short", "hostvars", "groups",
            "group_names", "play_hosts", "ansible_play_hosts", "ansible_play_batch", "item", "ansible_facts",
            "playbook_dir", "inventory_dir", "role_path");

    private final Map<String, Definition> definitions;
    private final Diagnostics diagnostics;
    private final Map<String, Object> resolved = new HashMap<>();
    private final Deque<String> resolving = new ArrayDeque<>();

    Templar(Map<String, Definition> definitions, Diagnostics diagnostics) {
        this.definitions = new LinkedHashMap<>(definitions);
        this.diagnostics = diagnostics;
    }

    /** Every variable, resolved (problems in unused ones are reported too). */
    Map<String, Object> variables() {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : definitions.keySet()) {
            Object value = variable(name);
            if (value != INVALID) {
                out.put(name, value);
            }
        }
        return out;
    }

    /**
     * A task's {@code when} condition, evaluated now against the play's variables: a boolean, or
     * {@code [not] name [| bool]} where the variable holds a boolean. Anything else is reported as unsupported.
     *
     * @return Boolean, or {@link #INVALID}
     */
    Object condition(String expression, SourceLocation where) {
        Matcher m = CONDITION.matcher(expression);
        if (containsTemplate(expression) || !m.matches()) {
            diagnostics.error(where, "unsupported condition '" + expression.trim() + "'",
                    "authcert evaluates 'when' before anything runs, from the play's variables: write true, false, "
                            + "a variable name or 'not' and a variable name (without {{ }})");
            return INVALID;
        }
        String name = m.group(2);
        Object value;
        switch (name) {
            case "true", "True", "yes" -> value = Boolean.TRUE;
            case "false", "False", "no" -> value = Boolean.FALSE;
            default -> {
                if (!definitions.containsKey(name)) {
                    diagnostics.error(where, "undefined variable '" + name + "' in condition", undefinedHint(name));
                    return INVALID;
                }
                value = variable(name);
            }
        }
        if (value == INVALID) {
            return INVALID;
        }
        Boolean b = value instanceof Boolean bool ? bool
                : value instanceof String text && text.matches("(?i)true|yes|on|1") ? Boolean.TRUE
                : value instanceof String text && text.matches("(?i)false|no|off|0") ? Boolean.FALSE : null;
        if (b == null) {
            diagnostics.error(where, "condition '" + expression.trim() + "': variable '" + name + "' is "
                    + describe(value) + ", not a boolean",
                    "give '" + name + "' the value true or false");
            return INVALID;
        }
        return m.group(1) != null ? !b : b;
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "'" + s + "'";
        }
        if (value instanceof List) {
            return "a list";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        return String.valueOf(value);
    }

    /**
     * A node that must be text (a play's or a task's {@code name}), templates substituted; null, with an
     * error reported, when it is a list or mapping or its template is invalid.
     */
    String text(Node node, String file, String key) {
        Object value = value(node, file);
        if (value == INVALID) {
            return null;
        }
        if (value instanceof String || value instanceof Number) {
            return value.toString();
        }
        diagnostics.error(YamlNodes.at(file, node), "'" + key + "' must be text, found " + YamlNodes.kind(node), "write it as text");
        return null;
    }

    /** A node as a plain value (String, Number, Boolean, List, Map, null) with templates substituted, or {@link #INVALID}. */
    Object value(Node node, String file) {
        if (node instanceof ScalarNode scalar) {
            return scalar(scalar, file);
        }
        if (node instanceof SequenceNode sequence) {
            List<Object> out = new ArrayList<>();
            boolean ok = true;
            for (Node item : sequence.getValue()) {
                Object v = value(item, file);
                ok &= v != INVALID;
                out.add(v);
            }
            return ok ? out : INVALID;
        }
        MappingNode mapping = (MappingNode) node;
        if (YamlNodes.looksLikeUnquotedTemplate(mapping)) {
            diagnostics.error(YamlNodes.at(file, node), "unquoted template: YAML read '{{' as the start of a mapping",
                    YamlNodes.UNQUOTED_TEMPLATE_HINT);
            return INVALID;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        boolean ok = true;
        for (NodeTuple t : YamlNodes.entries(mapping)) {
            String key = YamlNodes.keyText(t);
            if (key == null) {
                diagnostics.error(YamlNodes.at(file, t.getKeyNode()), "mapping keys must be plain text, found "
                        + YamlNodes.kind(t.getKeyNode()), "write the key as text");
                ok = false;
                continue;
            }
            Object v = value(t.getValueNode(), file);
            ok &= v != INVALID;
            out.put(key, v);
        }
        return ok ? out : INVALID;
    }

    /** A variable's value, or {@link #INVALID} (its problem already reported). Null for an undefined name. */
    private Object variable(String name) {
        if (resolved.containsKey(name)) {
            return resolved.get(name);
        }
        Definition definition = definitions.get(name);
        Object value;
        if (definition instanceof Definition.Given given) {
            value = given.value();
        } else {
            Definition.Yaml yaml = (Definition.Yaml) definition;
            resolving.push(name);
            try {
                value = value(yaml.node(), yaml.file());
            } finally {
                resolving.pop();
            }
        }
        resolved.put(name, value);
        return value;
    }

    private Object scalar(ScalarNode node, String file) {
        Tag tag = node.getTag();
        if (tag.equals(Tag.TIMESTAMP)) {
            return node.getValue(); // dates stay text, as the modules expect text
        }
        if (!YamlNodes.isStandard(node)) {
            if ("!vault".equals(tag.getValue())) {
                diagnostics.error(YamlNodes.at(file, node), "vault-encrypted values are not supported in playbooks",
                        "keep secrets in the inventory (group_vars/host_vars), where they are decrypted with --vault-password-file");
            } else {
                diagnostics.error(YamlNodes.at(file, node), "unsupported YAML tag " + tag.getValue(),
                        "write a plain string, number, boolean, list or mapping");
            }
            return INVALID;
        }
        if (!tag.equals(Tag.STR) || !containsTemplate(node.getValue())) {
            return YamlNodes.scalarValue(node);
        }
        return template(node, file);
    }

    static boolean containsTemplate(String text) {
        return text.contains("{{") || text.contains("{%") || text.contains("{#");
    }

    private Object template(ScalarNode node, String file) {
        String text = node.getValue();
        StringBuilder out = new StringBuilder();
        int i = 0;
        boolean ok = true;
        while (i < text.length()) {
            int start = nextOpening(text, i);
            if (start < 0) {
                out.append(text, i, text.length());
                break;
            }
            out.append(text, i, start);
            SourceLocation where = locate(node, file, start);
            char kind = text.charAt(start + 1);
            if (kind != '{') {
                String what = kind == '%' ? "Jinja statements ({% ... %})" : "Jinja comments ({# ... #})";
                diagnostics.error(where, "unsupported expression: " + what + " are not supported",
                        "authcert substitutes only {{ name }} and {{ name | default(value) }}");
                return INVALID;
            }
            int end = text.indexOf("}}", start + 2);
            if (end < 0) {
                diagnostics.error(where, "unclosed '{{' (no matching '}}')", "close the expression: {{ name }}");
                return INVALID;
            }
            String expression = text.substring(start + 2, end);
            Object value = evaluate(expression, where);
            if (value == INVALID) {
                ok = false;
            } else if (start == 0 && end + 2 == text.length()) {
                return value; // the whole value is one expression: keep the variable's type
            } else if (value instanceof List || value instanceof Map) {
                diagnostics.error(where, "'{{" + expression + "}}' is " + (value instanceof List ? "a list" : "a mapping")
                        + " and cannot be part of a text", "use it as the whole value: key: \"{{" + expression + "}}\"");
                ok = false;
            } else {
                out.append(text(value));
            }
            i = end + 2;
        }
        return ok ? out.toString() : INVALID;
    }

    private static int nextOpening(String text, int from) {
        for (int i = text.indexOf('{', from); i >= 0 && i + 1 < text.length(); i = text.indexOf('{', i + 1)) {
            char c = text.charAt(i + 1);
            if (c == '{' || c == '%' || c == '#') {
                return i;
            }
        }
        return -1;
    }

    private Object evaluate(String expression, SourceLocation where) {
        Expression parsed;
        try {
            parsed = Expression.parse(expression);
        } catch (Expression.Unsupported e) {
            diagnostics.error(where, "unsupported expression '{{" + expression + "}}': " + e.getMessage(),
                    "authcert substitutes only {{ name }} and {{ name | default(value) }}; compute the value in vars or pass it with -e");
            return INVALID;
        }
        String name = parsed.variable();
        if (resolving.contains(name)) {
            List<String> chain = new ArrayList<>(resolving);
            java.util.Collections.reverse(chain);
            diagnostics.error(where, "variable '" + name + "' refers to itself (" + String.join(" -> ", chain) + " -> " + name + ")",
                    "give one of these variables a plain value");
            return INVALID;
        }
        if (!definitions.containsKey(name)) {
            if (parsed.hasDefault()) {
                return parsed.defaultValue();
            }
            diagnostics.error(where, "undefined variable '" + name + "'", undefinedHint(name));
            return INVALID;
        }
        return variable(name);
    }

    private String undefinedHint(String name) {
        if (MAGIC.contains(name) || name.startsWith("ansible_")) {
            return "'" + name + "' is an Ansible per-host or magic variable; authcert resolves playbook variables only from "
                    + "the play's vars, vars_files and -e";
        }
        String close = Suggestions.didYouMean(name, definitions.keySet());
        if (close != null) {
            return close;
        }
        return "define it in the play's vars, in a vars_files file or with -e " + name + "=VALUE, or give a default: {{ "
                + name + " | default(VALUE) }}";
    }

    /** How a value reads inside a text, as Jinja would write it. */
    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return value.toString();
    }

    /** The position of {@code offset} within a scalar, exact for one-line plain and quoted scalars. */
    private static SourceLocation locate(ScalarNode node, String file, int offset) {
        SourceLocation start = YamlNodes.at(file, node);
        String before = node.getValue().substring(0, offset);
        DumperOptions.ScalarStyle style = node.getScalarStyle();
        if (before.contains("\n") || node.getStartMark() == null) {
            return start;
        }
        int shift;
        if (style == DumperOptions.ScalarStyle.PLAIN) {
            shift = 0;
        } else if (style == DumperOptions.ScalarStyle.SINGLE_QUOTED) {
            shift = 1 + (int) before.chars().filter(c -> c == '\'').count();
        } else if (style == DumperOptions.ScalarStyle.DOUBLE_QUOTED && !before.contains("\\") && !before.contains("\"")) {
            shift = 1;
        } else {
            return start;
        }
        return new SourceLocation(file, start.line(), start.column() + shift + offset);
    }
}
