package io.authcert.playbook;

import io.authcert.diag.Diagnostics;
import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.yaml.SafeYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Gathers a play's variables in Ansible's order of precedence: {@code vars}, then each of
 * {@code vars_files} in order, then {@code -e}; later sources win.
 */
final class PlayVariables {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String file;
    private final Path directory;
    private final Diagnostics diagnostics;
    private final List<String> varsFiles = new ArrayList<>();

    PlayVariables(String file, Path directory, Diagnostics diagnostics) {
        this.file = file;
        this.directory = directory;
        this.diagnostics = diagnostics;
    }

    /**
     * A templar over every variable of the play.
     *
     * @param vars      the play's {@code vars} node, or null
     * @param filesNode the play's {@code vars_files} node, or null
     */
    Templar templar(Node vars, Node filesNode, Map<String, Object> extraVars) {
        Map<String, Templar.Definition> definitions = new LinkedHashMap<>();
        if (vars != null) {
            addDefinitions(definitions, vars, file, "vars");
        }
        if (filesNode != null) {
            // vars_files paths may use play vars and -e, as in Ansible
            Map<String, Templar.Definition> forPaths = new LinkedHashMap<>(definitions);
            extraVars.forEach((k, v) -> forPaths.put(k, new Templar.Definition.Given(v)));
            readVarsFiles(filesNode, new Templar(forPaths, diagnostics), definitions, varsFiles);
        }
        extraVars.forEach((k, v) -> definitions.put(k, new Templar.Definition.Given(v)));
        return new Templar(definitions, diagnostics);
    }

    /** The vars_files paths as written (after substitution), in order. */
    List<String> varsFiles() {
        return List.copyOf(varsFiles);
    }

    private void addDefinitions(Map<String, Templar.Definition> definitions, Node vars, String source, String what) {
        if (YamlNodes.isNull(vars)) {
            return;
        }
        if (!YamlNodes.expect(vars instanceof MappingNode && !YamlNodes.looksLikeUnquotedTemplate(vars), diagnostics, source, vars,
                "'" + what + "' must be a mapping of variable names to values", "write one 'name: value' per line")) {
            return;
        }
        for (NodeTuple t : YamlNodes.entries((MappingNode) vars)) {
            String key = YamlNodes.keyText(t);
            if (key == null || !IDENTIFIER.matcher(key).matches()) {
                diagnostics.error(YamlNodes.at(source, t.getKeyNode()), "invalid variable name "
                        + (key == null ? YamlNodes.kind(t.getKeyNode()) : "'" + key + "'"),
                        "variable names are letters, digits and underscores, not starting with a digit");
                continue;
            }
            definitions.put(key, new Templar.Definition.Yaml(t.getValueNode(), source));
        }
    }

    private void readVarsFiles(Node node, Templar pathTemplar, Map<String, Templar.Definition> definitions, List<String> varsFiles) {
        if (!YamlNodes.expect(node instanceof SequenceNode, diagnostics, file, node, "'vars_files' must be a list of file paths",
                "write one '- path/to/vars.yml' per line, relative to the playbook")) {
            return;
        }
        for (Node item : ((SequenceNode) node).getValue()) {
            Object path = pathTemplar.value(item, file);
            if (path == Templar.INVALID) {
                continue;
            }
            if (!(path instanceof String text) || text.isBlank()) {
                diagnostics.error(YamlNodes.at(file, item), "a vars_files entry must be a file path, found " + YamlNodes.kind(item),
                        "write the path as text, relative to the playbook");
                continue;
            }
            varsFiles.add(text);
            Path resolved = directory.resolve(text);
            SourceLocation at = YamlNodes.at(file, item);
            if (Files.isDirectory(resolved)) {
                diagnostics.error(at, "vars file " + resolved + " is a directory, not a file",
                        "name a YAML file of variables inside it (vars_files takes files, not directories)");
                continue;
            }
            if (!Files.isRegularFile(resolved)) {
                diagnostics.error(at, "vars file not found: " + resolved, "paths in vars_files are relative to the playbook's directory");
                continue;
            }
            if (isVaultEncrypted(resolved)) {
                diagnostics.error(at, "vars file " + text + " is vault-encrypted; playbooks cannot read vaulted files",
                        "keep secrets in the inventory (group_vars/host_vars), which -i reads with --vault-password-file");
                continue;
            }
            Node root;
            try {
                root = SafeYaml.compose(resolved);
            } catch (InputException e) {
                e.diagnostics().forEach(diagnostics::add);
                continue;
            }
            if (root != null) {
                addDefinitions(definitions, root, resolved.toString(), "vars file " + text);
            }
        }
    }

    private static boolean isVaultEncrypted(Path path) {
        try {
            byte[] head = Files.readAllBytes(path);
            return new String(head, 0, Math.min(head.length, 14), StandardCharsets.UTF_8).startsWith("$ANSIBLE_VAULT");
        } catch (IOException e) {
            return false; // SafeYaml reports the read failure with its reason
        }
    }
}
