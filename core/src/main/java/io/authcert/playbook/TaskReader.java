package io.authcert.playbook;

import io.authcert.diag.Diagnostics;
import io.authcert.diag.SourceLocation;
import io.authcert.diag.Suggestions;
import io.authcert.playbook.modules.ArgumentInput;
import io.authcert.playbook.modules.ModuleDefinition;
import io.authcert.playbook.modules.ModuleRegistry;
import io.authcert.playbook.modules.ModuleSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads the tasks or handlers of a play: one module with its checked arguments, plus name, notify, when, tags, listen. */
final class TaskReader {

    /** A name written in {@code notify}, and where. */
    record Reference(String name, SourceLocation location) {
    }

    /**
     * A task or handler as read; its name, topics and notify are known even when its module has errors,
     * so one mistake does not cause a second report about a handler nobody can find.
     *
     * @param task         the task, or null when something in it was wrong (reported)
     * @param enabled      false when its {@code when} condition is false (it is then left out of the play)
     * @param explicitName whether the task had a {@code name} (handlers are notified by it)
     */
    record Read(Task task, String name, boolean explicitName, List<String> listen, boolean enabled,
            List<Reference> notifies, SourceLocation location, Map<String, SourceLocation> argumentLocations) {
    }

    static final List<String> KEYS = List.of("name", "notify", "when", "tags", "listen");

    /** Ansible task keywords that authcert does not support, with what to do instead. */
    private static final Map<String, String> UNSUPPORTED = Map.ofEntries(
            Map.entry("register", "authcert's modules return no values to register"),
            Map.entry("loop", "write one task per item"),
            Map.entry("with_items", "write one task per item"),
            Map.entry("with_list", "write one task per item"),
            Map.entry("become", "authcert connects with the inventory's WinRM credentials; remove it"),
            Map.entry("delegate_to", "exchange_auth_certificate runs organisation-wide steps on 'primary'"),
            Map.entry("run_once", "organisation-wide steps already run once; remove it"),
            Map.entry("ignore_errors", "use the play's max_fail_percentage"),
            Map.entry("changed_when", "authcert decides what changes from the facts; remove it"),
            Map.entry("failed_when", "remove it"),
            Map.entry("retries", "authcert retries safe steps itself; remove it"),
            Map.entry("until", "authcert waits for replication itself (replication_timeout); remove it"),
            Map.entry("delay", "remove it"),
            Map.entry("vars", "put variables in the play's vars"),
            Map.entry("block", "list the tasks directly under 'tasks'"),
            Map.entry("rescue", "remove it"),
            Map.entry("always", "remove it"),
            Map.entry("include_tasks", "list the tasks directly under 'tasks'"),
            Map.entry("import_tasks", "list the tasks directly under 'tasks'"),
            Map.entry("include_role", "list the tasks directly under 'tasks'"),
            Map.entry("import_role", "list the tasks directly under 'tasks'"),
            Map.entry("environment", "remove it"),
            Map.entry("no_log", "authcert never logs secrets; remove it"),
            Map.entry("args", "write the arguments under the module's key"),
            Map.entry("action", "write the module name as the key"),
            Map.entry("local_action", "write the module name as the key"),
            Map.entry("async", "remove it"),
            Map.entry("poll", "remove it"),
            Map.entry("check_mode", "use 'engine plan' to see what would change"),
            Map.entry("any_errors_fatal", "set it on the play"));

    /** Ansible modules people reach for, and the authcert module that does the job (matched on the last name part). */
    private static final Map<String, String> ANSIBLE_MODULES = Map.of(
            "win_service", "use service_restart: {name: MSExchangeServiceHost}",
            "win_iis_webapppool", "use app_pool_recycle: {name: MSExchangeOWAAppPool}",
            "win_certificate_store", "use exchange_auth_certificate (it creates, distributes and publishes the Auth certificate)",
            "win_iis_webbinding", "use exchange_backend_binding",
            "win_shell", "authcert runs no arbitrary commands; its modules generate the PowerShell themselves",
            "win_command", "authcert runs no arbitrary commands; its modules generate the PowerShell themselves",
            "win_powershell", "authcert runs no arbitrary commands; its modules generate the PowerShell themselves",
            "debug", "authcert shows what it will do with 'engine plan'");

    private final String file;
    private final ModuleRegistry registry;
    private final Templar templar;
    private final Diagnostics diagnostics;

    TaskReader(String file, ModuleRegistry registry, Templar templar, Diagnostics diagnostics) {
        this.file = file;
        this.registry = registry;
        this.templar = templar;
        this.diagnostics = diagnostics;
    }

    List<Read> readAll(Node node, boolean handlers) {
        String what = handlers ? "handlers" : "tasks";
        if (YamlNodes.isNull(node)) {
            return List.of();
        }
        if (!YamlNodes.expect(node instanceof SequenceNode, diagnostics, file, node, "'" + what + "' must be a list",
                "start each " + (handlers ? "handler" : "task") + " with '- '")) {
            return List.of();
        }
        List<Read> out = new ArrayList<>();
        for (Node item : ((SequenceNode) node).getValue()) {
            read(item, handlers).ifPresent(out::add);
        }
        return out;
    }

    private Optional<Read> read(Node node, boolean handler) {
        String what = handler ? "handler" : "task";
        if (!YamlNodes.expect(node instanceof MappingNode && !YamlNodes.looksLikeUnquotedTemplate(node), diagnostics, file, node,
                "a " + what + " must be a mapping", "write '- name: ...' and the module's key with its arguments")) {
            return Optional.empty();
        }
        int errorsBefore = diagnostics.errors().size();
        SourceLocation location = YamlNodes.at(file, node);
        NodeTuple name = null;
        NodeTuple notify = null;
        NodeTuple when = null;
        NodeTuple tags = null;
        NodeTuple listen = null;
        List<NodeTuple> modules = new ArrayList<>();
        boolean unknownKey = false;
        for (NodeTuple t : YamlNodes.entries((MappingNode) node)) {
            String key = YamlNodes.keyText(t);
            SourceLocation at = YamlNodes.at(file, t.getKeyNode());
            if (key == null) {
                diagnostics.error(at, what + " keys must be plain text, found " + YamlNodes.kind(t.getKeyNode()), "use a module name or name, notify, when, tags");
                continue;
            }
            switch (key) {
                case "name" -> name = t;
                case "notify" -> notify = t;
                case "when" -> when = t;
                case "tags" -> tags = t;
                case "listen" -> {
                    if (handler) {
                        listen = t;
                    } else {
                        diagnostics.error(at, "'listen' is only for handlers", "move this task under 'handlers:' or use its name in notify");
                    }
                }
                default -> {
                    if (registry.find(key).isPresent()) {
                        modules.add(t);
                    } else if (UNSUPPORTED.containsKey(key)) {
                        diagnostics.error(at, "'" + key + "' is an Ansible task keyword that authcert does not support", UNSUPPORTED.get(key));
                    } else {
                        unknownKey = true;
                        List<String> known = Stream.concat(registry.names().stream(), KEYS.stream()).toList();
                        String hint = ANSIBLE_MODULES.get(key.substring(key.lastIndexOf('.') + 1));
                        if (hint == null) {
                            hint = Suggestions.didYouMean(key, known);
                        }
                        diagnostics.error(at, "unknown module or task keyword '" + key + "'",
                                hint != null ? hint : "modules: " + String.join(", ", registry.names()) + "; task keywords: " + String.join(", ", KEYS));
                    }
                }
            }
        }
        if (modules.size() > 1) {
            diagnostics.error(YamlNodes.at(file, modules.get(1).getKeyNode()), "a " + what + " has one module; this one also has '"
                    + YamlNodes.keyText(modules.get(0)) + "'", "split it into two " + what + "s");
        } else if (modules.isEmpty() && !unknownKey) {
            diagnostics.error(location, what + " has no module", "add one of: " + String.join(", ", registry.names()));
        }

        Map<String, SourceLocation> argumentLocations = new java.util.LinkedHashMap<>();
        ModuleSpec spec = modules.isEmpty() ? null : spec(modules.get(0), argumentLocations).orElse(null);
        String taskName = name == null ? null : templar.text(name.getValueNode(), file, "name");
        List<Reference> notifies = notify == null ? List.of() : references(notify.getValueNode(), "notify");
        List<String> tagList = tags == null ? List.of() : references(tags.getValueNode(), "tags").stream().map(Reference::name).toList();
        List<String> topics = listen == null ? List.of() : references(listen.getValueNode(), "listen").stream().map(Reference::name).toList();
        String condition = null;
        boolean enabled = true;
        if (when != null) {
            Node w = when.getValueNode();
            SourceLocation at = YamlNodes.at(file, w);
            if (w instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
                condition = s.getValue();
                enabled = (Boolean) YamlNodes.scalarValue(s);
            } else if (w instanceof ScalarNode s && s.getTag().equals(Tag.STR)) {
                condition = s.getValue();
                Object value = templar.condition(s.getValue(), at);
                enabled = !Boolean.FALSE.equals(value);
            } else {
                diagnostics.error(at, "'when' must be a condition, found " + YamlNodes.kind(w), "write when: true, when: name or when: not name");
            }
        }
        if (handler && taskName == null && topics.isEmpty() && errorsBefore == diagnostics.errors().size()) {
            diagnostics.error(location, "this handler has neither a name nor 'listen', so nothing can notify it",
                    "give it a name: (and use that name in notify)");
        }
        Task task = null;
        if (diagnostics.errors().size() == errorsBefore && spec != null) {
            task = new Task(taskName != null ? taskName : spec.moduleName(), spec, notifies.stream().map(Reference::name).toList(),
                    condition, tagList, topics, location);
        }
        return Optional.of(new Read(task, taskName, taskName != null, topics, enabled, notifies, location,
                Map.copyOf(argumentLocations)));
    }

    private Optional<ModuleSpec> spec(NodeTuple module, Map<String, SourceLocation> argumentLocations) {
        String moduleName = YamlNodes.keyText(module);
        ModuleDefinition definition = registry.find(moduleName).orElseThrow();
        Node args = module.getValueNode();
        SourceLocation moduleLocation = YamlNodes.at(file, module.getKeyNode());
        List<ArgumentInput> inputs = new ArrayList<>();
        if (YamlNodes.looksLikeUnquotedTemplate(args)) {
            diagnostics.error(YamlNodes.at(file, args), "unquoted template: YAML read '{{' as the start of a mapping", YamlNodes.UNQUOTED_TEMPLATE_HINT);
            return Optional.empty();
        }
        if (args instanceof MappingNode mapping) {
            for (NodeTuple t : YamlNodes.entries(mapping)) {
                String key = YamlNodes.keyText(t);
                if (key == null) {
                    diagnostics.error(YamlNodes.at(file, t.getKeyNode()), "argument names must be plain text", "write name: value");
                    continue;
                }
                inputs.add(new ArgumentInput(key, templar.value(t.getValueNode(), file), YamlNodes.at(file, t.getKeyNode()),
                        YamlNodes.at(file, t.getValueNode())));
                argumentLocations.put(key, YamlNodes.at(file, t.getValueNode()));
            }
        } else if (!YamlNodes.isNull(args)) {
            String example = definition.arguments().isEmpty() ? "" : definition.arguments().get(0).name() + ": ...";
            diagnostics.error(YamlNodes.at(file, args), "the arguments of '" + moduleName + "' must be a mapping, found " + YamlNodes.kind(args),
                    "write them indented below the module, one per line:\n      " + moduleName + ":\n        " + example);
            return Optional.empty();
        }
        return definition.validate(inputs, moduleLocation, diagnostics);
    }


    /** A name or a list of names (notify, tags, listen), taken literally. */
    private List<Reference> references(Node node, String key) {
        List<Node> items = node instanceof SequenceNode s ? s.getValue() : List.of(node);
        List<Reference> out = new ArrayList<>();
        for (Node item : items) {
            SourceLocation at = YamlNodes.at(file, item);
            if (item instanceof ScalarNode s && Set.of(Tag.STR, Tag.INT).contains(s.getTag()) && !s.getValue().isBlank()) {
                if (Templar.containsTemplate(s.getValue())) {
                    diagnostics.error(at, "templates are not supported in '" + key + "'", "write the name literally");
                } else if (key.equals("tags")) {
                    for (String tag : s.getValue().split(",")) { // Ansible accepts "tags: a,b" too
                        if (!tag.isBlank()) {
                            out.add(new Reference(tag.trim(), at));
                        }
                    }
                } else {
                    out.add(new Reference(s.getValue().trim(), at));
                }
            } else {
                diagnostics.error(at, "'" + key + "' must be a name or a list of names, found " + YamlNodes.kind(item),
                        "for example: " + key + ": [restart service host, recycle app pools]");
            }
        }
        return out;
    }
}
