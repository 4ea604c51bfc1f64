package io.authcert.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's independent PowerShell syntax check (tree-sitter-powershell, in
 * {@code testkit/ps-syntax-check}, installed by the build) over scripts, so the engine and the lab
 * cannot drift into a dialect real PowerShell would reject.
 */
public final class PsSyntaxCheck {

    private PsSyntaxCheck() {
    }

    /** Asserts that every script parses; names are used for the temporary file names. */
    public static void assertValid(Map<String, String> scriptsByName) {
        Path home = home();
        try {
            Path dir = Files.createTempDirectory("ps-syntax");
            List<String> command = new ArrayList<>(List.of(
                    "node", "--no-deprecation", home.resolve("check.mjs").toString()));
            for (Map.Entry<String, String> e : scriptsByName.entrySet()) {
                Path file = dir.resolve(e.getKey().replaceAll("[^A-Za-z0-9_.-]", "_") + ".ps1");
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
                command.add(file.toString());
            }
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("ps-syntax-check finished").isTrue();
            assertThat(process.exitValue()).as("ps-syntax-check output:%n%s", output).isZero();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run ps-syntax-check: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void assertValid(String name, String script) {
        assertValid(Map.of(name, script));
    }

    /** Where the build installed the checker: testkit/target/ps-syntax-check under the repository. */
    static Path home() {
        Path home = RepoFiles.path("testkit/target/ps-syntax-check");
        if (!Files.isDirectory(home.resolve("node_modules/web-tree-sitter"))) {
            throw new IllegalStateException("the PowerShell syntax check is not installed in " + home
                    + "; build the testkit module first (mvn -B verify from the repository's root runs npm ci there)");
        }
        return home;
    }
}
