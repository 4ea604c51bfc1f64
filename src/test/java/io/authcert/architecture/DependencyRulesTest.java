package io.authcert.architecture;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Checks the package dependency table of docs/architecture.md against the imports of the main code. */
class DependencyRulesTest {

    private static final Path MAIN = Path.of("src/main/java/io/authcert");
    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.authcert\\.(\\w+)");

    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("diag", Set.of()),
            Map.entry("vault", Set.of("diag")),
            Map.entry("yaml", Set.of("diag")),
            Map.entry("powershell", Set.of("diag", "vault")),
            Map.entry("inventory", Set.of("diag", "vault", "yaml")),
            Map.entry("playbook", Set.of("diag", "yaml")),
            Map.entry("transport", Set.of("diag", "vault", "powershell")),
            Map.entry("facts", Set.of("diag", "transport", "powershell", "inventory")),
            Map.entry("plan", Set.of("diag", "playbook", "facts", "powershell")),
            Map.entry("run", Set.of("diag", "plan", "facts", "transport", "playbook", "inventory", "powershell", "vault")),
            Map.entry("report", Set.of("diag", "run", "plan", "facts")),
            Map.entry("lab", Set.of()),
            Map.entry("cli", Set.of("*")));

    @Test
    void everyPackageImportsOnlyWhatTheTableAllows() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = MAIN.relativize(file).getName(0).toString();
                if (pkg.endsWith(".java")) {
                    continue;
                }
                Set<String> allowed = ALLOWED.get(pkg);
                assertThat(allowed).as("package %s is missing from the table in docs/architecture.md", pkg).isNotNull();
                Matcher m = REFERENCE.matcher(Files.readString(file));
                while (m.find()) {
                    String target = m.group(1);
                    if (!target.equals(pkg) && !allowed.contains("*") && !allowed.contains(target)) {
                        violations.add(MAIN.relativize(file) + " uses io.authcert." + target);
                    }
                }
            }
        }
        assertThat(violations).as("dependencies not allowed by docs/architecture.md").isEmpty();
    }
}
