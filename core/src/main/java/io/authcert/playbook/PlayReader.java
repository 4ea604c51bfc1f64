package io.authcert.playbook;

import io.authcert.diag.Diagnostics;
import io.authcert.diag.SourceLocation;
import io.authcert.diag.Suggestions;
import io.authcert.playbook.modules.ModuleRegistry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/** Reads one play: its keys, variables (vars, vars_files, -e), batches, failure policy, tasks and handlers. */
final class PlayReader {

    /** A play read without errors, and where its host pattern is written. */
    record Result(Play play, SourceLocation hostsLocation, Map<Task, Map<String, SourceLocation>> argumentLocations) {
    }

    static final List<String> KEYS = List.of("name", "hosts", "vars", "vars_files", "serial", "max_fail_percentage",
            "any_errors_fatal", "timeout", "tasks", "handlers", "gather_facts");

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

        PlayVariables variables = new PlayVariables(file, directory, diagnostics);
        Templar templar = variables.templar(keys.containsKey("vars") ? keys.get("vars").getValueNode() : null,
                keys.containsKey("vars_files") ? keys.get("vars_files").getValueNode() : null, extraVars);
        List<String> varsFiles = variables.varsFiles();

        String name = keys.containsKey("name") ? templar.text(keys.get("name").getValueNode(), file, "name") : null;
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
        java.time.Duration timeout = keys.containsKey("timeout") ? timeout(templar, keys.get("timeout").getValueNode()) : null;
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
        new HandlerCheck(diagnostics).check(handlers, body);
        Map<String, Object> vars = templar.variables();

        if (diagnostics.errors().size() > errorsBefore) {
            return Optional.empty();
        }
        Play play = new Play(name, hosts, vars, varsFiles, serial, maxFail, anyErrorsFatal,
                enabled(body), enabled(handlers), timeout, YamlNodes.at(file, node));
        Map<Task, Map<String, SourceLocation>> argumentLocations = new LinkedHashMap<>();
        Stream.concat(body.stream(), handlers.stream()).filter(r -> r.task() != null)
                .forEach(r -> argumentLocations.put(r.task(), r.argumentLocations()));
        return Optional.of(new Result(play, hostsLocation, argumentLocations));
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

    /** Ansible's {@code timeout}: whole seconds, above 0 (Ansible: "Time limit for the task action to execute in"). */
    private java.time.Duration timeout(Templar templar, Node node) {
        Object value = templar.value(node, file);
        if (value == Templar.INVALID) {
            return null;
        }
        Long n = value instanceof Integer i ? Long.valueOf(i) : value instanceof Long l ? l
                : value instanceof String s && s.trim().matches("\\d{1,7}") ? Long.valueOf(s.trim()) : null;
        if (n == null || n < 1 || n > 86_400) {
            diagnostics.error(YamlNodes.at(file, node), "'timeout' must be a whole number of seconds from 1 to 86400, found "
                    + YamlNodes.kind(node), "for example: timeout: 600 (each command sent to a server may run 10 minutes)");
            return null;
        }
        return java.time.Duration.ofSeconds(n);
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

    private static List<Task> enabled(List<TaskReader.Read> reads) {
        return reads.stream().filter(r -> r.task() != null && r.enabled()).map(TaskReader.Read::task).toList();
    }
}
