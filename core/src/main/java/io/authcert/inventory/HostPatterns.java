package io.authcert.inventory;

import io.authcert.diag.Diagnostic;
import io.authcert.diag.InputException;
import io.authcert.diag.SourceLocation;
import io.authcert.diag.Suggestions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Ansible host patterns over an inventory: {@code all}, {@code *}, host and group names, wildcards,
 * {@code ~regex}, subscripts ({@code web[0]}, {@code web[1:3]}), unions ({@code a:b}, {@code a,b}),
 * intersections ({@code a:&b}) and exclusions ({@code a:!b}). A term that matches nothing is an error
 * with a suggestion, where Ansible would only warn and run on fewer hosts.
 */
final class HostPatterns {

    private static final Pattern TERM = Pattern.compile("(?:[^\\s:\\[\\]]|\\[[^\\]]*\\])+");
    private static final Pattern SUBSCRIPT = Pattern.compile("^(.+)\\[(?:(-?[0-9]+)|([0-9]+):([0-9]+)?)\\]$");

    private final InventoryData data;

    HostPatterns(InventoryData data) {
        this.data = data;
    }

    /**
     * The names of the hosts {@code pattern} selects, narrowed by {@code limit} (may be null), in
     * inventory order.
     */
    List<String> select(String pattern, String limit, SourceLocation where) {
        Set<String> chosen = evaluate(pattern, where, "host pattern");
        if (limit != null && !limit.isBlank()) {
            Set<String> allowed = evaluate(limitPattern(limit), null, "--limit");
            chosen.retainAll(allowed);
        }
        List<String> out = new ArrayList<>();
        for (String name : data.hosts.keySet()) {
            if (chosen.contains(name)) {
                out.add(name);
            }
        }
        return out;
    }

    private String limitPattern(String limit) {
        if (!limit.startsWith("@")) {
            return limit;
        }
        Path file;
        try {
            file = Path.of(limit.substring(1));
        } catch (java.nio.file.InvalidPathException e) {
            throw InputException.of(null, "--limit @FILE names no file this system can have: " + e.getReason(),
                    "give the path of the file that lists the hosts, one per line (--limit @retry.txt)");
        }
        try {
            return String.join(",", Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip).filter(s -> !s.isEmpty() && !s.startsWith("#")).toList());
        } catch (IOException e) {
            throw io.authcert.diag.ReadFailure.exception(file, "--limit file", e);
        }
    }

    private Set<String> evaluate(String pattern, SourceLocation where, String what) {
        if (pattern == null || pattern.isBlank()) {
            throw new InputException(Diagnostic.error(where, what + " is empty",
                    "use 'all' for every host, or name a group or host"));
        }
        List<String> terms = split(pattern.strip());
        // Ansible evaluates unions first, then intersections, then exclusions.
        List<String> ordered = new ArrayList<>();
        terms.stream().filter(t -> !t.startsWith("&") && !t.startsWith("!")).forEach(ordered::add);
        terms.stream().filter(t -> t.startsWith("&")).forEach(ordered::add);
        terms.stream().filter(t -> t.startsWith("!")).forEach(ordered::add);
        if (!ordered.isEmpty() && (ordered.get(0).startsWith("&") || ordered.get(0).startsWith("!"))) {
            ordered.add(0, "all");
        }
        List<Diagnostic> problems = new ArrayList<>();
        Set<String> hosts = new LinkedHashSet<>();
        for (String term : ordered) {
            String bare = term.startsWith("&") || term.startsWith("!") ? term.substring(1) : term;
            Set<String> matched = match(bare, where, what, problems);
            if (term.startsWith("!")) {
                hosts.removeAll(matched);
            } else if (term.startsWith("&")) {
                hosts.retainAll(matched);
            } else {
                hosts.addAll(matched);
            }
        }
        if (!problems.isEmpty()) {
            io.authcert.diag.Diagnostics all = new io.authcert.diag.Diagnostics();
            problems.forEach(all::add);
            throw new InputException(all);
        }
        return hosts;
    }

    static List<String> split(String pattern) {
        List<String> out = new ArrayList<>();
        if (pattern.contains(",")) {
            for (String p : pattern.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
            return out;
        }
        Matcher m = TERM.matcher(pattern);
        while (m.find()) {
            out.add(m.group().strip());
        }
        return out;
    }

    private Set<String> match(String term, SourceLocation where, String what, List<Diagnostic> problems) {
        if (data.hosts.containsKey(term)) {
            return new LinkedHashSet<>(List.of(term));
        }
        String expr = term;
        int[] subscript = null;
        if (!term.startsWith("~")) {
            Matcher m = SUBSCRIPT.matcher(term);
            if (m.matches()) {
                expr = m.group(1);
                subscript = m.group(2) != null
                        ? new int[] {Integer.parseInt(m.group(2)), Integer.MIN_VALUE}
                        : new int[] {Integer.parseInt(m.group(3)), m.group(4) == null ? -1 : Integer.parseInt(m.group(4))};
            }
        }
        Pattern regex;
        try {
            regex = expr.startsWith("~") ? Pattern.compile(expr.substring(1)) : Pattern.compile(globToRegex(expr));
        } catch (PatternSyntaxException e) {
            problems.add(Diagnostic.error(where, what + " '" + term + "' is not a valid regular expression: "
                    + e.getDescription(), "patterns starting with '~' are regular expressions"));
            return new LinkedHashSet<>();
        }
        List<String> hosts = new ArrayList<>();
        boolean groupMatched = false;
        for (InventoryData.Group g : data.groups.values()) {
            if (regex.matcher(g.name).lookingAt() && (expr.startsWith("~") || regex.matcher(g.name).matches())) {
                groupMatched = true;
                for (String h : hostsOf(g)) {
                    if (!hosts.contains(h)) {
                        hosts.add(h);
                    }
                }
            }
        }
        boolean special = expr.startsWith("~") || expr.chars().anyMatch(c -> c == '.' || c == '?' || c == '*' || c == '[');
        if (!groupMatched || special) {
            for (String h : data.hosts.keySet()) {
                boolean ok = expr.startsWith("~") ? regex.matcher(h).lookingAt() : regex.matcher(h).matches();
                if (ok && !hosts.contains(h)) {
                    hosts.add(h);
                }
            }
        }
        if (hosts.isEmpty() && !groupMatched && !expr.equals("all")) {
            Set<String> known = new TreeSet<>(data.groups.keySet());
            known.addAll(data.hosts.keySet());
            String hint = Suggestions.didYouMean(expr, known);
            problems.add(Diagnostic.error(where, what + " '" + term + "' matches no host or group of the inventory",
                    hint != null ? hint : "groups: " + String.join(", ", data.groups.keySet())));
            return new LinkedHashSet<>();
        }
        return new LinkedHashSet<>(applySubscript(hosts, subscript));
    }

    private static List<String> applySubscript(List<String> hosts, int[] subscript) {
        if (subscript == null || hosts.isEmpty()) {
            return hosts;
        }
        int start = subscript[0] < 0 ? hosts.size() + subscript[0] : subscript[0];
        if (subscript[1] == Integer.MIN_VALUE) {
            return start >= 0 && start < hosts.size() ? List.of(hosts.get(start)) : List.of();
        }
        int end = subscript[1] == -1 ? hosts.size() - 1 : Math.min(subscript[1], hosts.size() - 1);
        return start <= end && start < hosts.size() ? hosts.subList(start, end + 1) : List.of();
    }

    /** A group's hosts: its own first, then those of its children, depth first, each once. */
    static List<String> hostsOf(InventoryData.Group group) {
        List<String> out = new ArrayList<>();
        collect(group, out, new java.util.HashSet<>());
        return out;
    }

    private static void collect(InventoryData.Group group, List<String> out, Set<InventoryData.Group> seen) {
        if (!seen.add(group)) {
            return;
        }
        for (InventoryData.Host h : group.hosts) {
            if (!out.contains(h.name)) {
                out.add(h.name);
            }
        }
        for (InventoryData.Group c : group.children) {
            collect(c, out, seen);
        }
    }

    /** Python's fnmatch.translate, enough for host names: *, ?, [seq], [!seq]. */
    static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        re.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, close);
                        if (body.startsWith("!")) {
                            body = "^" + body.substring(1);
                        }
                        re.append('[').append(body.replace("\\", "\\\\")).append(']');
                        i = close;
                    }
                }
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
