package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code engine plan --facts DIR} on folders of Export-Clixml captures (one folder per host, as
 * {@code engine facts --from} reads them; made by {@code src/test/resources/cli/captures/make_captures.py}),
 * deciding as an Exchange administrator following MEAC would: nothing while the current certificate is healthy
 * (its key unknown because the export holds RawData only is no reason to replace it), stage a next one inside
 * 60 days, publish a staged one that is due, bring a certificate to the servers that lack it without making a
 * new one, and replace it when it is expired or missing everywhere.
 */
class PlanFromCapturesTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static Path captures(String name) throws URISyntaxException {
        return Path.of(PlanFromCapturesTest.class.getResource("/cli/captures/" + name).toURI());
    }

    private int plan(String captures, String now, String... more) throws IOException, URISyntaxException {
        Path inventory = dir.resolve("hosts.yml");
        Files.writeString(inventory, "all:\n  children:\n    exchange:\n      hosts:\n        ex01:\n        ex02:\n");
        List<String> args = new ArrayList<>(List.of("plan", "-i", inventory.toString(), "playbooks/auth-certificate.yml",
                "--facts", captures(captures).toString(), "--now", now, "--detailed-exitcode"));
        args.addAll(Arrays.asList(more));
        return Main.run(args.toArray(String[]::new), Terminal.plain(new PrintWriter(out), new PrintWriter(err)));
    }

    private static List<String> actions(JsonNode plan) {
        List<String> out = new ArrayList<>();
        plan.path("phases").forEach(p -> p.path("steps").forEach(s -> out.add(s.path("host").asText() + ":" + s.path("action").asText())));
        return out;
    }

    @ParameterizedTest(name = "{0} at {1}: exit {2}")
    @CsvSource(delimiter = '|', textBlock = """
            healthy-rawdata-158-days | 2028-07-29T12:00:00Z | 0 | -                                                         | create_certificate stage_next_certificate publish_certificate import_certificate wait_for_certificate
            healthy-full-158-days    | 2028-07-29T12:00:00Z | 0 | -                                                         | create_certificate stage_next_certificate publish_certificate import_certificate wait_for_certificate
            inside-renewal-window    | 2028-11-10T12:00:00Z | 2 | ex01:create_certificate ex01:stage_next_certificate ex02:wait_for_certificate | publish_certificate
            staged-and-due           | 2026-12-01T00:00:00Z | 3 | ex01:publish_certificate ex01:recycle_app_pool ex02:recycle_app_pool        | create_certificate stage_next_certificate import_certificate
            missing-on-some          | 2027-06-01T00:00:00Z | 2 | ex02:wait_for_certificate                                 | create_certificate stage_next_certificate publish_certificate
            expired                  | 2026-12-01T00:00:00Z | 2 | ex01:create_certificate ex01:publish_certificate ex02:wait_for_certificate | -
            missing-everywhere       | 2026-12-01T00:00:00Z | 2 | ex01:create_certificate ex01:publish_certificate          | -
            """)
    void plansFromCapturesDecideAsAnExchangeAdministratorWould(String captures, String now, int exit, String expected,
            String forbidden) throws Exception {
        int code = plan(captures, now, "--format", "json");
        assertThat(code).as(err + "\n" + out).isEqualTo(exit);
        JsonNode plan = new ObjectMapper().readTree(out.toString());
        List<String> actions = actions(plan);
        if (!expected.equals("-")) {
            assertThat(actions).as(out.toString()).contains(expected.split("\\s+"));
        } else {
            assertThat(actions).as(out.toString()).isEmpty();
        }
        for (String action : forbidden.equals("-") ? new String[0] : forbidden.split("\\s+")) {
            assertThat(actions).as(out.toString()).noneMatch(a -> a.endsWith(":" + action));
        }
        if (exit == ExitCode.NEEDS_HUMAN) {
            // RawData-only captures: whether the servers hold the published certificate's private key is unknown,
            // so the previous certificate is kept for a person, as when the current one is kept healthy.
            assertThat(plan.path("held")).as(out.toString()).singleElement().satisfies(h -> {
                assertThat(h.path("actions").toString()).isEqualTo("[\"clear_previous_certificate\"]");
                assertThat(h.path("reason").asText()).contains("hold the private key of current certificate");
            });
            assertThat(actions).as(out.toString()).noneMatch(a -> a.endsWith(":clear_previous_certificate"));
        } else {
            assertThat(plan.path("held")).as("nothing held: the captures list the organisation's servers").isEmpty();
        }
    }

    @Test
    void aHealthyCertificateExportedWithRawDataOnlyIsNotReplaced() throws Exception {
        assertThat(plan("healthy-rawdata-158-days", "2028-07-29T12:00:00Z")).as(err + "\n" + out).isEqualTo(ExitCode.OK);
        assertThat(out.toString()).contains("No changes.");
    }

    @Test
    void aFolderWithoutCapturesIsAnInputErrorWithTheFix() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        Path inventory = dir.resolve("hosts.yml");
        Files.writeString(inventory, "all:\n  children:\n    exchange:\n      hosts:\n        ex01:\n");
        int code = Main.run(new String[] {"plan", "-i", inventory.toString(), "playbooks/auth-certificate.yml",
            "--facts", dir.resolve("empty").toString()}, Terminal.plain(new PrintWriter(out), new PrintWriter(err)));
        assertThat(code).isEqualTo(ExitCode.ERROR);
        assertThat(err.toString()).contains(dir.resolve("empty").toString())
                .contains("holds neither facts.json nor one folder per host").contains("--facts takes");
    }
}
