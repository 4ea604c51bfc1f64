package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authcert.lab.EmbeddedLab;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code engine facts} as a user runs it, against the lab over real WinRM. */
class FactsCommandIT {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, Terminal.plain(new PrintWriter(out), new PrintWriter(err)));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void theSeedsOutageAtAGlanceThenSavedAndReadBackOffline(@TempDir Path dir) throws Exception {
        try (EmbeddedLab lab = EmbeddedLab.start("expired", 3, EmbeddedLab.Options.defaults().withSpeed(0))) {
            Run table = run("facts", "-i", lab.inventoryFile().toString(), "--save", dir.toString());

            assertThat(table.exit()).as(table.err()).isZero();
            assertThat(table.out()).contains("HOST  CURRENT").contains("ex01").contains("ex02").contains("ex03")
                    .contains("HTTP 500")
                    .containsPattern("warning: ex01: current Auth certificate [0-9A-F]{40} expired 1 day\\(s\\) ago")
                    .contains("3 host(s): 3 gathered, 0 failed");

            Run json = run("facts", "--from", dir.toString(), "--format", "json");

            assertThat(json.exit()).isZero();
            JsonNode ex01 = new ObjectMapper().readTree(json.out()).get("hosts").get("ex01");
            assertThat(ex01.get("auth_config").get("current_thumbprint").asText()).matches("[0-9A-F]{40}");
            assertThat(ex01.get("derived").get("current").get("days_left").asInt()).isEqualTo(-1);
            assertThat(lab.audit().of("ex01")).as("one command for the live gathering, none for --from").hasSize(1);
        }
    }

    @Test
    void aPatternAndLimitSelectHostsAndAFailedHostExitsOne() throws Exception {
        try (EmbeddedLab lab = EmbeddedLab.start("healthy", 3, EmbeddedLab.Options.defaults().withSpeed(0))) {
            lab.faults("ex03").unreachable(true);

            Run r = run("facts", "-i", lab.inventoryFile().toString(), "exchange", "--limit", "ex02:ex03", "--forks", "1");

            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).doesNotContain("ex01").contains("ex03  FAILED").containsPattern("error: ex03: unreachable: .*127\\.0\\.0\\.1")
                    .contains("2 host(s): 1 gathered, 1 failed");
            assertThat(r.out()).doesNotContain(lab.password());
            assertThat(lab.audit().of("ex01")).isEmpty();
        }
    }
}
