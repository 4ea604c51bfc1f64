package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code engine lab up}'s benchmark options refuse bad values as usage errors, before any server starts. */
class LabCommandTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, Terminal.plain(new PrintWriter(out, true), new PrintWriter(err, true)));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void aLatencyThatIsNoDurationSaysHowToWriteOne() {
        Run r = run("lab", "up", "--latency", "soon");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("--latency").contains("'soon' is not a duration: write 200ms, 15s, 5m or 2h");
        assertThat(r.out()).doesNotContain("lab ready");
    }

    @Test
    void aNegativeLatencyIsRefused() {
        Run r = run("lab", "up", "--latency", "PT-1S");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("--latency must not be negative, got PT-1S");
        assertThat(r.out()).doesNotContain("lab ready");
    }

    @Test
    void aReplicationDelayThatIsNoDurationOrNegativeIsRefused() {
        Run words = run("lab", "up", "--replication-delay", "5 seconds");
        Run negative = run("lab", "up", "--replication-delay", "PT-5S");

        assertThat(words.exit()).isEqualTo(1);
        assertThat(words.err()).contains("--replication-delay").contains("'5 seconds' is not a duration");
        assertThat(negative.exit()).isEqualTo(1);
        assertThat(negative.err()).contains("--replication-delay must not be negative, got PT-5S");
    }

    @Test
    void theRequestLogNeedsAFile() {
        Run r = run("lab", "up", "--request-log");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Missing required parameter for option '--request-log' (FILE)");
    }

    @Test
    void helpNamesTheBenchmarkOptions() {
        Run r = run("lab", "up", "--help");

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("--latency=DURATION").contains("--replication-delay=DURATION")
                .contains("--request-log=FILE");
    }
}
