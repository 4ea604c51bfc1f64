package io.authcert.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authcert.run.RunHistory;
import io.authcert.testing.RepoFiles;
import io.authcert.testing.RequiredTool;
import io.authcert.testing.Requires;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code engine facts --format prometheus} read back by the Prometheus project's own text-format parser
 * (its Python client's {@code text_string_to_metric_families}), and the sample alert rules checked against
 * the metric names the engine really writes.
 */
@Requires(RequiredTool.PROMETHEUS_CLIENT)
class FactsPrometheusTest {

    private static final String NOW = "2026-11-26T09:00:00Z";
    private static final String PARSE = String.join("\n",
            "import sys, json",
            "from prometheus_client.parser import text_string_to_metric_families",
            "out = []",
            "for family in text_string_to_metric_families(sys.stdin.read()):",
            "    for s in family.samples:",
            "        out.append({'family': family.name, 'type': family.type, 'help': family.documentation,",
            "                    'name': s.name, 'labels': s.labels, 'value': s.value})",
            "print(json.dumps(out))");

    @TempDir
    Path state;

    record Sample(String family, String type, String name, Map<String, String> labels, double value) {
    }

    private static String facts(Path stateDir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main.run(new String[] {"facts", "--from", RepoFiles.path("core/src/test/resources/io/authcert/facts/captured").toString(),
                "--now", NOW, "--format", "prometheus", "--state-dir", stateDir.toString()},
                Terminal.plain(new PrintWriter(out), new PrintWriter(err)));
        return out.toString();
    }

    private static List<Sample> parse(String text) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", PARSE).redirectErrorStream(false).start();
        p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("the Prometheus parser rejects the output: %s\n%s", err, text).isZero();
        List<Sample> samples = new ArrayList<>();
        for (JsonNode n : new ObjectMapper().readTree(json)) {
            Map<String, String> labels = new java.util.TreeMap<>();
            n.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
            samples.add(new Sample(n.path("family").asText(), n.path("type").asText(), n.path("name").asText(), labels,
                    n.path("value").asDouble()));
        }
        return samples;
    }

    private static double value(List<Sample> samples, String name, String... labels) {
        List<Sample> found = samples.stream().filter(s -> s.name().equals(name)).filter(s -> {
            for (int i = 0; i + 1 < labels.length; i += 2) {
                if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                    return false;
                }
            }
            return true;
        }).toList();
        assertThat(found).as("%s%s", name, List.of(labels)).hasSize(1);
        return found.get(0).value();
    }

    @Test
    void everyServerRoleAndTheLastRunAreGaugesThePrometheusParserReads() throws Exception {
        Path run = Files.createDirectories(state.resolve("runs/20261125T020000Z"));
        Files.writeString(run.resolve("journal.jsonl"), "{\"event\":\"run_started\",\"at\":\"2026-11-25T02:00:00Z\"}\n"
                + "{\"event\":\"run_finished\",\"at\":\"2026-11-25T02:03:20Z\",\"status\":\"succeeded\"}\n");
        RunHistory.writeLastApply(state, new RunHistory.LastApply(Instant.parse("2026-11-26T02:00:05Z"), "held_back", 4,
                List.of("inventory/production")));

        List<Sample> samples = parse(facts(state));

        assertThat(samples).allMatch(s -> s.type().equals("gauge"));
        assertThat(value(samples, "authcert_facts_timestamp_seconds")).isEqualTo(Instant.parse(NOW).getEpochSecond());
        assertThat(value(samples, "authcert_certificate_days_left", "host", "ex01", "role", "current")).isEqualTo(770);
        assertThat(value(samples, "authcert_certificate_days_left", "host", "ex02", "role", "current")).isEqualTo(770);
        assertThat(value(samples, "authcert_certificate_present", "host", "ex02", "role", "current")).isEqualTo(1);
        assertThat(value(samples, "authcert_certificate_present", "host", "ex02", "role", "next", "presence", "missing")).isZero();
        assertThat(value(samples, "authcert_certificate_present", "host", "ex01", "role", "current", "presence", "key_unknown")).isZero();
        assertThat(value(samples, "authcert_certificate_present", "host", "ex01", "role", "previous", "presence", "missing")).isZero();
        assertThat(value(samples, "authcert_host_gathered", "host", "ex01")).isEqualTo(1);
        assertThat(value(samples, "authcert_host_gathered", "host", "ex04")).isZero();
        assertThat(samples).noneMatch(s -> "ex04".equals(s.labels().get("host")) && s.name().startsWith("authcert_certificate"));
        assertThat(samples.stream().filter(s -> s.name().equals("authcert_certificate_days_left"))
                .map(s -> s.labels().get("thumbprint"))).allMatch(t -> t.matches("[0-9A-F]{40}"));
        assertThat(value(samples, "authcert_last_run_timestamp_seconds")).isEqualTo(Instant.parse("2026-11-25T02:03:20Z").getEpochSecond());
        assertThat(value(samples, "authcert_last_run_status", "status", "succeeded")).isEqualTo(1);
        assertThat(value(samples, "authcert_last_apply_exit_code")).isEqualTo(4);
        assertThat(value(samples, "authcert_last_apply_status", "status", "held_back")).isEqualTo(1);
        assertThat(value(samples, "authcert_last_apply_timestamp_seconds")).isEqualTo(Instant.parse("2026-11-26T02:00:05Z").getEpochSecond());
    }

    @Test
    void withoutAnyApplyThereIsNoLastRunAndTheOutputStillParses() throws Exception {
        List<Sample> samples = parse(facts(state.resolve("never-applied")));

        assertThat(samples).noneMatch(s -> s.name().startsWith("authcert_last_"));
        assertThat(samples).anyMatch(s -> s.name().equals("authcert_certificate_days_left"));
    }

    @Test
    void theSampleAlertRulesNameOnlyMetricsTheEngineWrites() throws Exception {
        Path run = Files.createDirectories(state.resolve("runs/20261125T020000Z"));
        Files.writeString(run.resolve("journal.jsonl"), "{\"event\":\"run_finished\",\"at\":\"2026-11-25T02:03:20Z\",\"status\":\"failed\"}\n");
        RunHistory.writeLastApply(state, new RunHistory.LastApply(Instant.parse(NOW), "failed", 1, List.of("hosts.yml")));
        String text = facts(state);
        Set<String> written = new LinkedHashSet<>();
        parse(text).forEach(s -> written.add(s.name()));
        // Families with no sample here (OWA probes) are still declared by the engine's HELP lines.
        Matcher help = Pattern.compile("(?m)^# HELP (\\w+) ").matcher(text);
        while (help.find()) {
            written.add(help.group(1));
        }

        Map<String, Object> rules = new Yaml().load(Files.readString(RepoFiles.path("examples/prometheus/authcert-alerts.yml")));
        List<Map<String, Object>> all = new ArrayList<>();
        for (Object group : (List<?>) rules.get("groups")) {
            for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> r = (Map<String, Object>) rule;
                all.add(r);
            }
        }
        assertThat(all).extracting(r -> r.get("alert")).contains("ExchangeAuthCertificateExpired", "ExchangeOwaSignInFailing",
                "AuthcertApplyNeedsAPerson", "AuthcertApplyNotRunning");
        Pattern metric = Pattern.compile("\\bauthcert_\\w+");
        for (Map<String, Object> r : all) {
            assertThat(r).containsKeys("alert", "expr", "labels", "annotations");
            Matcher m = metric.matcher(r.get("expr").toString());
            assertThat(m.find()).as("%s names a metric", r.get("alert")).isTrue();
            do {
                assertThat(written).as("%s: %s", r.get("alert"), r.get("expr")).contains(m.group());
            } while (m.find());
        }
    }
}
