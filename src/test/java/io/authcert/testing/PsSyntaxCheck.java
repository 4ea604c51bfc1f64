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
 * Runs the independent PowerShell syntax checker ({@code ../shared/tools/ps-syntax-check}) over
 * scripts, so the engine and the lab cannot drift into a dialect real PowerShell would reject.
 */
public final class PsSyntaxCheck {

    private PsSyntaxCheck() {
    }

    /** Asserts that every script parses; names are used for the temporary file names. */
    public static void assertValid(Map<String, String> scriptsByName) {
        try {
            Path dir = Files.createTempDirectory("ps-syntax");
            List<String> command = new ArrayList<>();
            command.add(tool().toString());
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

    /** The checker from the shared folder beside the checkout ({@code ../shared}), or AUTHCERT_PS_SYNTAX_CHECK. */
    public static Path tool() {
        String override = System.getenv("AUTHCERT_PS_SYNTAX_CHECK");
        if (override != null) {
            return Path.of(override);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared/tools/ps-syntax-check/ps-syntax-check");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("ps-syntax-check not found in ../shared/tools; set AUTHCERT_PS_SYNTAX_CHECK");
    }
}
