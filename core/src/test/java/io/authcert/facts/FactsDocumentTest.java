package io.authcert.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FactsDocumentTest {

    private static final Instant AT = Instant.parse("2026-11-26T09:00:00Z");

    static Facts sample() throws Exception {
        GatherOutputParser parser = new GatherOutputParser();
        Map<String, HostFacts> hosts = new LinkedHashMap<>();
        hosts.put("ex02", parser.parse("ex02", AT, GatherOutputParserTest.resource("iso-two-certs.json"), null));
        hosts.put("ex01", parser.parse("ex01", AT, GatherOutputParserTest.resource("ps51-single-cert.txt"), "contoso"));
        hosts.put("edge01", parser.parse("edge01", AT, GatherOutputParserTest.resource("edge.json"), null));
        hosts.put("ex03", HostFacts.failed("ex03", AT, "ex03: unreachable: connection refused (https://10.0.0.3:5986/wsman)"));
        return new Facts(hosts);
    }

    @Test
    void writingAndReadingBackGivesTheSameFacts(@TempDir Path dir) throws Exception {
        Facts facts = sample();

        Path file = FactsDocument.save(facts, dir.resolve("saved"));
        Facts back = FactsDocument.read(file);

        assertThat(back).isEqualTo(facts);
        assertThat(back.hosts().keySet()).containsExactly("ex02", "ex01", "edge01", "ex03");
    }

    @Test
    void theDocumentHasTheDocumentedShape() throws Exception {
        JsonNode root = new ObjectMapper().readTree(FactsDocument.toJson(sample()));

        assertThat(root.get("format_version").intValue()).isEqualTo(1);
        JsonNode ex02 = root.get("hosts").get("ex02");
        assertThat(ex02.get("auth_config").get("next_effective_date").asText()).isEqualTo("2026-11-28T09:00:00Z");
        assertThat(ex02.get("auth_config").get("current_thumbprint").asText()).isEqualTo("92E196F3C8D3D753FCFC5B7690C3173AA1C0ABE3");
        assertThat(ex02.get("certificates").get(0).get("not_after").asText()).isEqualTo("2031-11-01T00:00:00Z");
        assertThat(ex02.get("certificates").get(0).get("has_private_key").booleanValue()).isTrue();
        assertThat(ex02.get("certificates").get(1).get("services")).hasSize(4);
        assertThat(ex02.get("server").get("organization").asText()).startsWith("CN=Contoso,");
        assertThat(ex02.get("errors")).isEmpty();
        JsonNode ex03 = root.get("hosts").get("ex03");
        assertThat(ex03.get("server").isNull()).isTrue();
        assertThat(ex03.get("errors").get(0).asText()).contains("connection refused");
    }

    @Test
    void yamlCarriesTheSameContent() throws Exception {
        String yaml = FactsDocument.toYaml(sample());

        assertThat(yaml).contains("format_version: 1").contains("current_thumbprint: 92E196F3C8D3D753FCFC5B7690C3173AA1C0ABE3");
    }

    @Test
    void aNewerVersionIsRefused() {
        assertThatThrownBy(() -> FactsDocument.read("{\"format_version\": 7, \"hosts\": {}}", "x.json"))
                .isInstanceOf(FactsParseException.class)
                .hasMessage("x.json: format_version 7 was written by a newer engine; this one reads up to 1");
    }

    @Test
    void somethingElseIsNotTakenForFacts() {
        assertThatThrownBy(() -> FactsDocument.read("{\"hosts\": {}}", "x.json"))
                .isInstanceOf(FactsParseException.class)
                .hasMessageContaining("no \"format_version\"");
    }

    /** Found by FactsFuzzTest: a certificate entry without its thumbprint was read, and the planner threw NullPointerException. */
    @Test
    void aCertificateWithoutAThumbprintIsRefusedWithTheHost() {
        String doc = "{\"format_version\": 1, \"hosts\": {\"ex01\": {\"server\": {\"name\": \"EX01\"},"
                + " \"certificates\": [{\"thumbprint\": null, \"not_before\": \"2026-01-01T00:00:00Z\","
                + " \"not_after\": \"2027-01-01T00:00:00Z\"}]}}}";
        assertThatThrownBy(() -> FactsDocument.read(doc, "facts.json"))
                .isInstanceOf(FactsParseException.class)
                .hasMessage("facts.json: host ex01: certificate 1 has no thumbprint")
                .satisfies(e -> assertThat(((FactsParseException) e).diagnostics()).singleElement()
                        .satisfies(d -> assertThat(d.hint()).startsWith("save the facts again")));
    }

    /** Found by FactsFuzzTest: a host's facts written as a text with a line break split the one-line message in two. */
    @Test
    void aValueWithALineBreakIsQuotedOnOneLine() {
        assertThatThrownBy(() -> FactsDocument.read("{\"format_version\": 1, \"hosts\": {\"ex\\n01\": \"\\r\\n\"}}", "facts.json"))
                .isInstanceOf(FactsParseException.class)
                .hasMessage("facts.json:1:43: host ex\\u000A01: its facts must be a JSON object, found the text '\\u000D\\u000A'");
    }
}
