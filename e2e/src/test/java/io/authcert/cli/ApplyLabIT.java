package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, {@code engine apply --lab}: the seed's outage on the embedded lab, healed. */
class ApplyLabIT {

    @TempDir
    Path dir;

    @Test
    void theLabOutageIsHealedWithoutPromptingAndOwaHealthIsShownBeforeAndAfter() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Main.run(new String[] {"apply", "--lab", "--state-dir", dir.toString()},
                Terminal.plain(new PrintWriter(out), new PrintWriter(err)));

        String text = out.toString();
        assertThat(code).as(text + err).isZero();
        int before = text.indexOf("OWA sign-in before:");
        int after = text.indexOf("OWA health after:");
        assertThat(before).isNotNegative();
        assertThat(after).isGreaterThan(before);
        assertThat(text.substring(before, text.indexOf("Gathering facts"))).contains("ex01  HTTP 500", "ex02  HTTP 500", "ex03  HTTP 500");
        assertThat(text.substring(after)).contains("ex01  ok", "ex02  ok", "ex03  ok");
        assertThat(text).contains("PLAY RECAP", "converged", "Verified.");
        try (var runs = Files.list(dir.resolve("runs"))) {
            Path journal = runs.findFirst().orElseThrow().resolve("journal.jsonl");
            assertThat(Files.readAllLines(journal)).first().asString().contains("\"event\":\"run_started\"");
            assertThat(Files.readString(journal)).contains("\"event\":\"run_finished\"", "\"status\":\"succeeded\"")
                    .doesNotContain("Lab-Passw0rd!");
        }
    }
}
