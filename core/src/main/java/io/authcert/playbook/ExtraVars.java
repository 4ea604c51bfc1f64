package io.authcert.playbook;

import io.authcert.diag.Diagnostics;
import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.yaml.SafeYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads {@code -e} options as Ansible does: {@code key=value} pairs (several per option, separated by
 * spaces, values as text), {@code @file} (a YAML or JSON file of variables) or an inline YAML/JSON
 * mapping. Later options win.
 */
public final class ExtraVars {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String WHERE = "-e";

    private ExtraVars() {
    }

    /**
     * Parses every {@code -e} value.
     *
     * @throws InputException listing every malformed option
     */
    public static Map<String, Object> parse(List<String> options) {
        Diagnostics diagnostics = new Diagnostics();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String option : options) {
            String text = option.trim();
            if (text.startsWith("@")) {
                fromYaml(text.substring(1), null, out, diagnostics);
            } else if (text.startsWith("{")) {
                fromYaml(WHERE + " '" + text + "'", text, out, diagnostics);
            } else {
                fromPairs(text, out, diagnostics);
            }
        }
        diagnostics.throwIfErrors();
        return out;
    }

    private static void fromPairs(String text, Map<String, Object> out, Diagnostics diagnostics) {
        for (String token : split(text)) {
            int eq = token.indexOf('=');
            String key = eq < 0 ? token : token.substring(0, eq);
            if (eq < 0 || !IDENTIFIER.matcher(key).matches()) {
                diagnostics.error(SourceLocation.ofFile(WHERE + " '" + text + "'"), "expected key=value, found '" + token + "'",
                        "write -e name=value (quote values with spaces: -e \"name='a b'\"), -e @vars.yml or -e '{\"name\": 1}'");
            } else {
                out.put(key, token.substring(eq + 1));
            }
        }
    }

    /** Splits at spaces outside quotes and removes the quotes, like the shell-style splitting Ansible uses. */
    private static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : text.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                any = true;
            } else if (Character.isWhitespace(c)) {
                if (any || current.length() > 0) {
                    tokens.add(current.toString());
                }
                current.setLength(0);
                any = false;
            } else {
                current.append(c);
                any = true;
            }
        }
        if (any || current.length() > 0) {
            tokens.add(current.toString());
        }
        return tokens;
    }

    private static void fromYaml(String name, String inline, Map<String, Object> out, Diagnostics diagnostics) {
        Node root;
        try {
            root = inline == null ? SafeYaml.compose(Path.of(name)) : single(SafeYaml.composeAll(name, inline));
        } catch (InputException e) {
            e.diagnostics().forEach(diagnostics::add);
            return;
        }
        if (root == null || YamlNodes.isNull(root)) {
            return;
        }
        if (!(root instanceof MappingNode)) {
            diagnostics.error(YamlNodes.at(name, root), "extra variables must be a mapping of names to values, found " + YamlNodes.kind(root),
                    "write name: value, one per line");
            return;
        }
        // values are taken as written; a template in them has no variables to refer to
        Object value = new Templar(Map.of(), diagnostics).value(root, name);
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (IDENTIFIER.matcher(k.toString()).matches()) {
                    out.put(k.toString(), v);
                } else {
                    diagnostics.error(SourceLocation.ofFile(name), "invalid variable name '" + k + "'",
                            "variable names are letters, digits and underscores, not starting with a digit");
                }
            });
        }
    }

    private static Node single(List<Node> documents) {
        return documents.isEmpty() ? null : documents.get(0);
    }
}
