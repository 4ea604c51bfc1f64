package io.authcert.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.testing.RepoFiles;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** bench/run's lower bound, serial batches and durations, by its Python unit tests (bench/test_run.py). */
class BenchArithmeticTest {

    @Test
    void thePythonUnitTestsPass() throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-m", "unittest", "-v", "bench/test_run.py")
                .directory(RepoFiles.root().toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).containsPattern("test_restarts_all_at_once_cost_six_commands_and_the_replication \\(.*\\) \\.\\.\\. ok")
                .contains("Ran 6 tests")
                .contains("\nOK");
    }
}
