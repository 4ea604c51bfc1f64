package io.authcert.inventory;

import io.authcert.diag.Diagnostics;
import io.authcert.diag.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Ansible's INI inventory format: hosts before any section are ungrouped; {@code [group]} lists
 * hosts with {@code key=value} variables; {@code [group:vars]} sets group variables;
 * {@code [group:children]} names child groups, which may be declared further down. Values are typed as
 * Ansible types them ({@link PythonLiteral}).
 */
final class IniInventoryParser {

    private static final Pattern SECTION = Pattern.compile("^\\[([^:\\]\\s]+)(?::(\\w+))?\\]\\s*(?:#.*)?$");
    private static final Pattern GROUP_NAME = Pattern.compile("^([^:\\]\\s]+)\\s*(?:#.*)?$");

    /** A group named before it was declared, remembered to check at the end as Ansible does. */
    private record Pending(String state, int line, List<String> parents) {
    }

    private final String file;
    private final InventoryData data;
    private final Diagnostics diagnostics;

    IniInventoryParser(String file, InventoryData data, Diagnostics diagnostics) {
        this.file = file;
        this.data = data;
        this.diagnostics = diagnostics;
    }

    void parse(String text) {
        Map<String, Pending> pending = new LinkedHashMap<>();
        String group = InventoryData.UNGROUPED;
        String state = "hosts";
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String raw = lines[i];
            if (i == 0 && raw.startsWith("\uFEFF")) {
                raw = raw.substring(1);
            }
            String line = raw.strip();
            if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') {
                continue;
            }
            int column = raw.indexOf(line.charAt(0)) + 1;
            SourceLocation at = new SourceLocation(file, lineNo, column);
            if (line.charAt(0) == '[' && line.indexOf(']') < 0) {
                // Not a host range: a section header without its ']' (its hosts would land in the previous group).
                diagnostics.error(at, "section header '" + line + "' has no closing ']'",
                        "write it as " + line + "] (a section is [group], [group:vars] or [group:children])");
                state = "skip";
                continue;
            }
            Matcher m = SECTION.matcher(line);
            if (m.matches()) {
                group = m.group(1);
                state = m.group(2) == null ? "hosts" : m.group(2);
                if (!List.of("hosts", "children", "vars").contains(state)) {
                    diagnostics.error(new SourceLocation(file, lineNo, column + 2 + group.length()),
                            "section [" + group + ":" + state + "] has unknown type '" + state + "'",
                            io.authcert.diag.Suggestions.closest(state, List.of("vars", "children"))
                                    .map(s -> "did you mean [" + m.group(1) + ":" + s + "]?")
                                    .orElse("a section is [group], [group:vars] or [group:children]"));
                    state = "skip";
                    continue;
                }
                if (!data.groups.containsKey(group)) {
                    if (state.equals("vars") && !pending.containsKey(group)) {
                        pending.put(group, new Pending("vars", lineNo, new ArrayList<>()));
                    }
                    data.group(group, at);
                }
                Pending p = pending.get(group);
                if (p != null && !state.equals("vars")) {
                    if (p.state().equals("children")) {
                        addPendingChildren(group, pending, at);
                    } else {
                        pending.remove(group);
                    }
                }
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                diagnostics.error(at, "invalid section header " + line,
                        "a section is [group], [group:vars] or [group:children], without spaces");
                state = "skip";
                continue;
            }
            switch (state) {
                case "hosts" -> hostLine(raw, line, column, lineNo, group);
                case "vars" -> varLine(line, at, group);
                case "children" -> childLine(line, at, lineNo, group, pending);
                default -> { }
            }
        }
        for (Map.Entry<String, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            SourceLocation at = new SourceLocation(file, p.line(), 1);
            if (p.state().equals("vars")) {
                diagnostics.error(at, "section [" + e.getKey() + ":vars] is for a group that is not defined anywhere",
                        io.authcert.diag.Suggestions.closest(e.getKey(), data.groups.keySet())
                                .map(s -> "did you mean [" + s + ":vars]?")
                                .orElse("declare the group with [" + e.getKey() + "] or list it under a [parent:children] section"));
            } else {
                diagnostics.error(at, "section [" + p.parents().get(p.parents().size() - 1) + ":children] includes the undefined group '"
                        + e.getKey() + "'",
                        io.authcert.diag.Suggestions.closest(e.getKey(), data.groups.keySet())
                                .map(s -> "did you mean '" + s + "'?")
                                .orElse("declare the group with a [" + e.getKey() + "] section"));
            }
        }
    }

    private void addPendingChildren(String group, Map<String, Pending> pending, SourceLocation at) {
        Pending p = pending.remove(group);
        for (String parent : p.parents()) {
            data.addChild(parent, group, at, diagnostics);
            Pending parentPending = pending.get(parent);
            if (parentPending != null && parentPending.state().equals("children")) {
                addPendingChildren(parent, pending, at);
            }
        }
    }

    private void hostLine(String raw, String line, int column, int lineNo, String group) {
        SourceLocation at = new SourceLocation(file, lineNo, column);
        List<ShellWords.Word> words;
        try {
            words = ShellWords.split(line);
        } catch (IllegalArgumentException e) {
            diagnostics.error(at, "cannot read host line: " + e.getMessage(), "close the quote, or escape it with a backslash");
            return;
        }
        if (words.isEmpty()) {
            return;
        }
        String pattern = words.get(0).text();
        if (pattern.equals("---") || pattern.endsWith(":") && !pattern.matches(".*:[0-9]+$")) {
            diagnostics.error(at, "invalid host '" + pattern + "'", pattern.equals("---")
                    ? "this looks like a YAML file; give it a .yml extension"
                    : "a ':' after a host name must be followed by a port number");
            return;
        }
        HostRanges.Expanded expanded;
        try {
            expanded = HostRanges.expand(pattern);
        } catch (IllegalArgumentException e) {
            diagnostics.error(at, e.getMessage(), "write a range as name[01:12].domain, name-[a:f] or name[1:9:2]");
            return;
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        Map<String, SourceLocation> locations = new LinkedHashMap<>();
        // On a line that sets a password, a stray word may be the password itself ("ansible_password = pw"):
        // it is pointed at by its column, never quoted.
        String password = words.subList(1, words.size()).stream().map(w -> w.text().split("=", 2)[0].strip())
                .filter(ConnectionVariables::isPassword).findFirst().orElse(null);
        for (ShellWords.Word w : words.subList(1, words.size())) {
            SourceLocation wordAt = new SourceLocation(file, lineNo, column + w.offset());
            int eq = w.text().indexOf('=');
            if (eq < 0) {
                diagnostics.error(wordAt, "expected key=value after the host name, got "
                                + (password == null ? "'" + w.text() + "'" : "a word without '=' (not shown: this line sets " + password + ")"),
                        "write host variables as name=value (no spaces around '='; quote values with spaces)");
                continue;
            }
            String key = w.text().substring(0, eq);
            ConnectionVariables.check(key, wordAt, diagnostics);
            vars.put(key, PythonLiteral.typed(w.text().substring(eq + 1)));
            locations.put(key, wordAt);
        }
        for (String name : expanded.names()) {
            InventoryData.Host host = data.addHost(name, group, at);
            if (expanded.port() != null) {
                host.vars.put("ansible_port", expanded.port());
                host.varLocations.put("ansible_port", at);
            }
            host.vars.putAll(vars);
            host.varLocations.putAll(locations);
        }
    }

    private void varLine(String line, SourceLocation at, String group) {
        int eq = line.indexOf('=');
        if (eq < 0) {
            // Only the name: the rest may be a password written YAML-style ("ansible_password: pw").
            String name = line.split("[:\\s]", 2)[0];
            diagnostics.error(at, "expected key=value in [" + group + ":vars], got '" + name + "'"
                            + (name.length() < line.length() ? " followed by something other than '='" : ""),
                    "write one variable per line as " + name + "=value");
            return;
        }
        String key = line.substring(0, eq).strip();
        ConnectionVariables.check(key, at, diagnostics);
        data.setGroupVariable(data.groups.get(group), key, PythonLiteral.typed(line.substring(eq + 1).strip()), at, diagnostics);
    }

    private void childLine(String line, SourceLocation at, int lineNo, String group, Map<String, Pending> pending) {
        Matcher m = GROUP_NAME.matcher(line);
        if (!m.matches()) {
            diagnostics.error(at, "expected a group name in [" + group + ":children], got '" + line + "'",
                    "list one child group name per line");
            return;
        }
        String child = m.group(1);
        if (!data.groups.containsKey(child)) {
            pending.computeIfAbsent(child, c -> new Pending("children", lineNo, new ArrayList<>())).parents().add(group);
        } else {
            data.addChild(group, child, at, diagnostics);
        }
    }
}
