package io.authcert.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.testing.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks the package table of docs/architecture.md against every source file of the core module.
 * Between modules the compiler holds the rules (core cannot see cli or the lab); inside core, this test.
 */
class DependencyRulesTest {

    private static final Path CORE = RepoFiles.path("core/src/main/java");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+);");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.authcert\\.(\\w+)");

    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("diag", Set.of()),
            Map.entry("vault", Set.of("diag")),
            Map.entry("yaml", Set.of("diag")),
            Map.entry("powershell", Set.of("diag", "vault")),
            Map.entry("inventory", Set.of("diag", "vault", "yaml")),
            Map.entry("playbook", Set.of("diag", "yaml")),
            Map.entry("transport", Set.of("diag", "vault", "powershell", "security")),
            Map.entry("facts", Set.of("diag", "transport", "powershell", "inventory", "vault")),
            Map.entry("plan", Set.of("diag", "playbook", "facts", "powershell")),
            Map.entry("run", Set.of("diag", "plan", "facts", "transport", "playbook", "inventory", "powershell", "vault")),
            Map.entry("report", Set.of("diag", "run", "plan", "facts")),
            Map.entry("workflow", Set.of("diag", "run", "plan", "facts", "inventory", "playbook")),
            Map.entry("notify", Set.of("vault")));

    @Test
    void everyPackageImportsOnlyWhatTheTableAllows() throws IOException {
        List<String> violations = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(CORE)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        assertThat(sources).as("core's sources under %s", CORE).isNotEmpty();
        for (Path file : sources) {
            String text = Files.readString(file);
            String pkg = feature(file, text);
            Set<String> allowed = ALLOWED.get(pkg);
            if (allowed == null) {
                violations.add(CORE.relativize(file) + " is in package " + pkg + ", which the table in docs/architecture.md does not have");
                continue;
            }
            Matcher m = REFERENCE.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (!target.equals(pkg) && !allowed.contains(target)) {
                    violations.add(CORE.relativize(file) + " uses io.authcert." + target);
                }
            }
        }
        assertThat(violations).as("dependencies not allowed by docs/architecture.md").isEmpty();
    }

    /** io.authcert.plan.x → plan; a package outside io.authcert is itself a violation. */
    private static String feature(Path file, String text) {
        Matcher m = PACKAGE.matcher(text);
        assertThat(m.find()).as("%s has a package declaration", file).isTrue();
        String name = m.group(1);
        return name.startsWith("io.authcert.") ? name.substring("io.authcert.".length()).split("\\.")[0] : name;
    }
}
