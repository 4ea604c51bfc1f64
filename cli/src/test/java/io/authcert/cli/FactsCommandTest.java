package io.authcert.cli;

import io.authcert.testing.RepoFiles;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class FactsCommandTest {

    private static final String NOW = "2026-11-26T09:00:00Z";
    static Path captured;

    record Run(int exit, String out, String err) {
    }

    @BeforeAll
    static void fixtures() throws Exception {
        captured = RepoFiles.path("core/src/test/resources/io/authcert/facts/captured");
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(args, Terminal.plain(new PrintWriter(out), new PrintWriter(err)));
        return new Run(exit, out.toString(), err.toString());
    }

    /** The captured fixtures minus the folder without exports. */
    static Path goodHosts(Path dir) throws IOException {
        for (String host : new String[] {"ex01", "ex02", "ex03"}) {
            Path target = Files.createDirectories(dir.resolve(host));
            try (Stream<Path> files = Files.list(captured.resolve(host))) {
                for (Path f : files.toList()) {
                    Files.copy(f, target.resolve(f.getFileName()));
                }
            }
        }
        return dir;
    }

    @Test
    void theTableShowsEveryServerAtAGlanceAndAFailedHostExitsOne() {
        Run r = run("facts", "--from", captured.toString(), "--now", NOW);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().lines().findFirst().orElseThrow())
                .isEqualTo("HOST  CURRENT    DAYS LEFT  ON SERVER   NEXT                 EFFECTIVE (UTC)   PREVIOUS             OWA");
        assertThat(r.out())
                .contains("ex01  448A9EDC\u2026  770        yes (key?)  5144DB63\u2026 (key?)     2026-11-28 10:00  32F057C4\u2026 (missing)  -")
                .contains("ex02  448A9EDC\u2026  770        yes         5144DB63\u2026 (missing)  2026-11-28 10:00  -")
                .contains("ex04  FAILED")
                .contains("error: ex04: no authconfig.xml/.json or certificates.xml/.json in ")
                .contains("warning: ex02: next Auth certificate 5144DB6352D59D33381E30343B96277045E4F47D is not in this server's store")
                .endsWith("4 host(s): 3 gathered, 1 failed\n");
    }

    @Test
    void allHostsReadIsExitZeroAndJsonFollowsTheSchema(@TempDir Path dir) throws Exception {
        Run r = run("facts", "--from", goodHosts(dir).toString(), "--now", NOW, "--format", "json");

        assertThat(r.exit()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("format_version").intValue()).isEqualTo(1);
        assertThat(root.get("hosts").fieldNames()).toIterable().containsExactly("ex01", "ex02", "ex03");
        JsonNode ex02 = root.get("hosts").get("ex02");
        assertThat(ex02.get("auth_config").get("next_thumbprint").asText()).isEqualTo("5144DB6352D59D33381E30343B96277045E4F47D");
        assertThat(ex02.get("derived").get("current").get("days_left").intValue()).isEqualTo(770);
        assertThat(ex02.get("derived").get("next").get("on_server").asText()).isEqualTo("missing");
    }

    @Test
    void savedFactsReadBackThroughFrom(@TempDir Path dir) throws Exception {
        Path saved = dir.resolve("saved");
        Run first = run("facts", "--from", goodHosts(dir.resolve("in")).toString(), "--now", NOW, "--format", "yaml", "--save", saved.toString());
        Run again = run("facts", "--from", saved.toString(), "--now", NOW, "--format", "yaml");

        assertThat(first.exit()).isZero();
        assertThat(first.err()).contains("facts saved to " + saved.resolve("facts.json"));
        assertThat(again.exit()).isZero();
        assertThat(again.out()).isEqualTo(first.out()).contains("format_version: 1");
    }

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void anInventoryWithLocalConnectionsRunsTheScriptAndReportsTheBrokenHostInOneLine(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("gather-output.txt");
        try (InputStream in = getClass().getResourceAsStream("/io/authcert/facts/gather/iso-two-certs.json")) {
            Files.write(output, in.readAllBytes());
        }
        Path pwsh = dir.resolve("pwsh-stand-in");
        Files.writeString(pwsh, "#!/bin/sh\ncat > /dev/null\ncat '" + output + "'\n");
        pwsh.toFile().setExecutable(true);
        Path inventory = dir.resolve("hosts.yml");
        Files.writeString(inventory, """
                all:
                  children:
                    exchange:
                      hosts:
                        ex02:
                          ansible_powershell_executable: %s
                        ex09:
                          ansible_powershell_executable: %s
                      vars:
                        ansible_connection: local
                """.formatted(pwsh, dir.resolve("no-such-powershell")));

        Run r = run("facts", "-i", inventory.toString(), "exchange", "--now", NOW);

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("ex02  92E196F3\u2026").contains("ex09  FAILED")
                .contains("error: ex09: unreachable: cannot start PowerShell '" + dir.resolve("no-such-powershell") + "'")
                .contains("2 host(s): 1 gathered, 1 failed");
    }

    @Test
    void fromAndInventoryTogetherIsABadInvocation() {
        Run r = run("facts", "--from", captured.toString(), "-i", "hosts.yml");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("--from and -i do not go together");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aBadNowSaysHowToWriteIt() {
        Run r = run("facts", "--from", captured.toString(), "--now", "tomorrow");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("--now 'tomorrow' is not an ISO-8601 UTC time").contains("2026-11-26T09:00:00Z");
    }

    @Test
    void anEmptyExportDirectoryIsAnInputError(@TempDir Path dir) {
        Run r = run("facts", "--from", dir.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("holds neither facts.json nor one folder per host");
    }

    @Test
    void anInventoryWithoutHostsIsNamedInTheError(@TempDir Path dir) throws Exception {
        Path inventory = dir.resolve("hosts.yml");
        Files.writeString(inventory, "all:\n  hosts: {}\n");

        Run r = run("facts", "-i", inventory.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains(inventory + ": no host matches 'all'").contains("hint: ").doesNotContain("\tat ");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aSaveDirectoryThatCannotBeWrittenIsAnErrorButTheFactsAreStillShown(@TempDir Path dir) throws Exception {
        Path inTheWay = dir.resolve("a-file");
        Files.writeString(inTheWay, "not a directory");

        Run r = run("facts", "--from", goodHosts(dir.resolve("in")).toString(), "--now", NOW, "--format", "yaml",
                "--save", inTheWay.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("format_version: 1");
        assertThat(r.err()).contains(inTheWay + ": cannot save the facts there: a file of that name is in the way")
                .contains("hint: give --save a directory").doesNotContain("\tat ").doesNotContain("--debug");
    }
}
