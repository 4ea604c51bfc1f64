package io.authcert.playbook;

import io.authcert.diag.Diagnostics;
import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.diag.Suggestions;
import io.authcert.playbook.modules.ModuleRegistry;
import io.authcert.yaml.SafeYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads one play: its keys, variables (vars, vars_files, -e), batches, failure policy, tasks and handlers. */
final class PlayReader {

    /** A play read without errors, and where its host pattern is written. */
    record Result(Play play, SourceLocation hostsLocation) {
    }

    static final List<String> KEYS = List.of("name", "hosts", "vars", "vars_files", "serial", "max_fail_percentage",
            "any_errors_fatal", "tasks", "handlers", "gather_facts");

    /** Ansible play keywords that authcert does not support, with what to do instead. */
    private static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("roles", "write the tasks in the play; authcert has no roles"),
            Map.entry("pre_tasks", "put these tasks under 'tasks'"),
            Map.entry("post_tasks", "put these tasks under 'tasks'"),
            Map.entry("import_playbook", "list the plays in one file"),
            Map.entry("include_playbook", "list the plays in one file"),
            Map.entry("become", "authcert connects with the inventory's WinRM credentials; remove it"),
            Map.entry("become_user", "authcert connects with the inventory's WinRM credentials; remove it"),
            Map.entry("become_method", "authcert connects with the inventory's WinRM credentials; remove it"),
            Map.entry("connection", "set ansible_connection in the inventory"),
            Map.entry("remote_user", "set ansible_user in the inventory"),
            Map.entry("port", "set ansible_port in the inventory"),
            Map.entry("vars_prompt", "pass the value with -e name=value"),
            Map.entry("strategy", "authcert orders the work itself (phases with barriers); remove it"),
            Map.entry("order", "hosts run in inventory order; remove it"),
            Map.entry("run_once", "organisation-wide steps already run once; remove it"),
            Map.entry("environment", "remove it"),
            Map.entry("collections", "authcert's modules need no collection; remove it"),
            Map.entry("tags", "put tags on tasks"),
            Map.entry("ignore_errors", "use max_fail_percentage"),
            Map.entry("ignore_unreachable", "use the module argument 'unreachable: skip'"),
            Map.entry("check_mode", "use 'engine plan' to see what would change"),
            Map.entry("force_handlers", "remove it"),
            Map.entry("throttle", "use serial"));

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String file;
    private final Path directory;
    private final ModuleRegistry registry;
    private final Map<String, Object> extraVars;
    private final Diagnostics diagnostics;

    PlayReader(String file, Path directory, ModuleRegistry registry, Map<String, Object> extraVars, Diagnostics diagnostics) {
        this.file = file;
        this.directory = directory;
        this.registry = registry;
        this.extraVars = extraVars;
        this.diagnostics = diagnostics;
    }

    Optional<Result> read(Node node) {
        int errorsBefore = diagnostics.errors().size();
        if (!YamlNodes.expect(node instanceof MappingNode && !YamlNodes.looksLikeUnquotedTemplate(node), diagnostics,
                file, node, "a play must be a mapping (name, hosts, tasks, ...)", "write the play as '- name: ...' with its keys indented below")) {
            return Optional.empty();
        }
        Map<String, NodeTuple> keys = keys((MappingNode) node);

        Map<String, Templar.Definition> definitions = new LinkedHashMap<>();
        if (keys.containsKey("vars")) {
            addDefinitions(definitions, keys.get("vars").getValueNode(), file, "vars");
        }
        Map<String, Templar.Definition> withoutFiles = new LinkedHashMap<>(definitions);
        extraVars.forEach((k, v) -> withoutFiles.put(k, new Templar.Definition.Given(v)));
        List<String> varsFiles = new ArrayList<>();
        if (keys.containsKey("vars_files")) {
            // vars_files paths may use play vars and -e, as in Ansible
            Templar pathTemplar = new Templar(withoutFiles, diagnostics);
            readVarsFiles(keys.get("vars_files").getValueNode(), pathTemplar, definitions, varsFiles);
        }
        extraVars.forEach((k, v) -> definitions.put(k, new Templar.Definition.Given(v)));
        Templar templar = new Templar(definitions, diagnostics);

        String name = keys.containsKey("name") ? text(templar, keys.get("name").getValueNode(), "name") : null;
        SourceLocation hostsLocation = YamlNodes.at(file, node);
        String hosts = null;
        if (keys.containsKey("hosts")) {
            hostsLocation = YamlNodes.at(file, keys.get("hosts").getValueNode());
            hosts = hosts(templar, keys.get("hosts").getValueNode());
        } else {
            diagnostics.error(YamlNodes.at(file, node), "play" + (name == null ? "" : " '" + name + "'") + " has no 'hosts'",
                    "say which inventory hosts or groups it applies to, for example: hosts: exchange");
        }
        Serial serial = keys.containsKey("serial") ? SerialReader.read(templar, keys.get("serial").getValueNode(), file, diagnostics) : null;
        Integer maxFail = keys.containsKey("max_fail_percentage") ? maxFail(templar, keys.get("max_fail_percentage").getValueNode()) : null;
        boolean anyErrorsFatal = keys.containsKey("any_errors_fatal") && bool(templar, keys.get("any_errors_fatal").getValueNode(), "any_errors_fatal");
        if (keys.containsKey("gather_facts")) {
            diagnostics.warning(YamlNodes.at(file, keys.get("gather_facts").getKeyNode()), "'gather_facts' is ignored",
                    "authcert always gathers the Exchange facts it needs (one WinRM round trip per host); remove it");
        }

        TaskReader tasks = new TaskReader(file, registry, templar, diagnostics);
        List<TaskReader.Read> handlers = keys.containsKey("handlers") ? tasks.readAll(keys.get("handlers").getValueNode(), true) : List.of();
        List<TaskReader.Read> body = keys.containsKey("tasks") ? tasks.readAll(keys.get("tasks").getValueNode(), false) : List.of();
        if (!keys.containsKey("tasks")) {
            diagnostics.warning(YamlNodes.at(file, node), "play" + (name == null ? "" : " '" + name + "'") + " has no tasks",
                    "add tasks, for example the exchange_auth_certificate module (see docs/playbook.md)");
        }
        checkHandlers(handlers, body);
        Map<String, Object> vars = templar.variables();

        if (diagnostics.errors().size() > errorsBefore) {
            return Optional.empty();
        }
        Play play = new Play(name, hosts, vars, varsFiles, serial, maxFail, anyErrorsFatal,
                enabled(body), enabled(handlers), YamlNodes.at(file, node));
        return Optional.of(new Result(play, hostsLocation));
    }

    /** The play's keys, reporting unknown and unsupported ones. */
    private Map<String, NodeTuple> keys(MappingNode play) {
        Map<String, NodeTuple> keys = new LinkedHashMap<>();
        for (NodeTuple t : YamlNodes.entries(play)) {
            String key = YamlNodes.keyText(t);
            SourceLocation at = YamlNodes.at(file, t.getKeyNode());
            if (key == null) {
                diagnostics.error(at, "play keys must be plain text, found " + YamlNodes.kind(t.getKeyNode()), "use keys such as name, hosts, tasks");
            } else if (KEYS.contains(key)) {
                keys.put(key, t);
            } else if (UNSUPPORTED.containsKey(key)) {
                diagnostics.error(at, "'" + key + "' is an Ansible play keyword that authcert does not support", UNSUPPORTED.get(key));
            } else {
                String hint = Suggestions.didYouMean(key, KEYS);
                if (hint == null && registry.find(key).isPresent()) {
                    hint = "modules belong in a task: tasks: [ { " + key + ": {...} } ]";
                }
                diagnostics.error(at, "unknown play keyword '" + key + "'",
                        hint != null ? hint : "a play may have: " + String.join(", ", KEYS));
            }
        }
        return keys;
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

    private String text(Templar templar, Node node, String key) {
        Object value = templar.value(node, file);
        if (value == Templar.INVALID) {
            return null;
        }
        if (value instanceof String || value instanceof Number) {
            return value.toString();
        }
        diagnostics.error(YamlNodes.at(file, node), "'" + key + "' must be text, found " + YamlNodes.kind(node), "write it as text");
        return null;
    }

    private String hosts(Templar templar, Node node) {
        Object value = templar.value(node, file);
        if (value == Templar.INVALID) {
            return null;
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(i -> i instanceof String s && !s.isBlank())) {
            return String.join(":", list.stream().map(Object::toString).toList()); // Ansible joins a list of patterns with ':'
        }
        if (value instanceof String s && !s.isBlank()) {
            return s.trim();
        }
        diagnostics.error(YamlNodes.at(file, node), "'hosts' must be a host pattern, found " + YamlNodes.kind(node),
                "for example: hosts: exchange, hosts: \"exchange:!edge\" or hosts: all");
        return null;
    }

    private Integer maxFail(Templar templar, Node node) {
        Object value = templar.value(node, file);
        if (value == Templar.INVALID) {
            return null;
        }
        Integer n = value instanceof Integer i ? i : value instanceof String s && s.trim().matches("\\d{1,3}") ? Integer.valueOf(s.trim()) : null;
        if (n == null || n < 0 || n > 100) {
            diagnostics.error(YamlNodes.at(file, node), "'max_fail_percentage' must be a whole number from 0 to 100, found "
                    + YamlNodes.kind(node), "for example: max_fail_percentage: 0 (stop as soon as any host fails)");
            return null;
        }
        return n;
    }

    private boolean bool(Templar templar, Node node, String key) {
        Object value = templar.value(node, file);
        if (value instanceof Boolean b) {
            return b;
        }
        if (value != Templar.INVALID) {
            diagnostics.error(YamlNodes.at(file, node), "'" + key + "' must be true or false, found " + YamlNodes.kind(node),
                    "write " + key + ": true or " + key + ": false");
        }
        return false;
    }

    /** Every notify names a handler or a listen topic; handler names are unique. */
    private void checkHandlers(List<TaskReader.Read> handlers, List<TaskReader.Read> tasks) {
        Set<String> targets = new LinkedHashSet<>();
        Map<String, SourceLocation> names = new LinkedHashMap<>();
        for (TaskReader.Read h : handlers) {
            if (h.explicitName()) {
                SourceLocation first = names.putIfAbsent(h.name(), h.location());
                if (first != null) {
                    diagnostics.error(h.location(), "two handlers are named '" + h.name() + "' (the first at line "
                            + first.line() + ")", "rename one: notify would not know which to run");
                }
                targets.add(h.name());
            }
            targets.addAll(h.listen());
        }
        List<TaskReader.Read> all = new ArrayList<>(tasks);
        all.addAll(handlers);
        for (TaskReader.Read t : all) {
            for (TaskReader.Reference ref : t.notifies()) {
                if (!targets.contains(ref.name())) {
                    String hint = Suggestions.didYouMean(ref.name(), targets);
                    if (hint == null) {
                        hint = targets.isEmpty() ? "this play has no handlers; add one under 'handlers:' with this name or 'listen: "
                                + ref.name() + "'" : "handlers and topics of this play: " + String.join(", ", targets);
                    }
                    diagnostics.error(ref.location(), "notify: no handler is named or listens to '" + ref.name() + "'", hint);
                }
            }
        }
    }

    private static List<Task> enabled(List<TaskReader.Read> reads) {
        return reads.stream().filter(r -> r.task() != null && r.enabled()).map(TaskReader.Read::task).toList();
    }
}
