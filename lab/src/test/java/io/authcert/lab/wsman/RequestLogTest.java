package io.authcert.lab.wsman;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authcert.lab.EmbeddedLab;
import io.authcert.lab.exchange.ExchangeServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's benchmark options: the request log's lines, the latency every command gets, the replication delay. */
class RequestLogTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyRequestIsOneLineWithHostPathSchemeAndStatusButNoToken(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("logs/requests.jsonl");
        try (EmbeddedLab lab = EmbeddedLab.start("healthy", 2,
                EmbeddedLab.Options.defaults().withSpeed(0).withRequestLog(log))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> owa = http.send(HttpRequest.newBuilder(URI.create(lab.owaHealthUrl("ex01"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            String wsman = lab.endpoint("ex02").url();
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(wsman))
                    .POST(HttpRequest.BodyPublishers.ofString("<s:Envelope/>")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> basic = http.send(HttpRequest.newBuilder(URI.create(wsman))
                    .header("Authorization", "Basic c2VjcmV0LXRva2Vu")
                    .POST(HttpRequest.BodyPublishers.ofString("<s:Envelope/>")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(List.of(owa.statusCode(), anonymous.statusCode(), basic.statusCode())).containsExactly(200, 401, 401);
        }

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(3);
        JsonNode health = JSON.readTree(lines.get(0));
        assertThat(health.get("host").asText()).isEqualTo("ex01");
        assertThat(health.get("method").asText()).isEqualTo("GET");
        assertThat(health.get("path").asText()).isEqualTo("/owa/healthcheck.htm");
        assertThat(health.get("auth").asText()).isEqualTo("none");
        assertThat(health.get("status").asInt()).isEqualTo(200);
        assertThat(health.get("peer").asText()).startsWith("127.0.0.1:");
        assertThat(health.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        JsonNode anonymous = JSON.readTree(lines.get(1));
        assertThat(List.of(anonymous.get("host").asText(), anonymous.get("path").asText(), anonymous.get("auth").asText(),
                anonymous.get("status").asText())).containsExactly("ex02", "/wsman", "none", "401");
        JsonNode basic = JSON.readTree(lines.get(2));
        assertThat(List.of(basic.get("auth").asText(), basic.get("status").asText())).containsExactly("basic", "401");
        assertThat(String.join("\n", lines)).doesNotContain("c2VjcmV0LXRva2Vu");
    }

    @Test
    void theSchemeIsTheHeadersFirstWordInLowerCase() {
        assertThat(RequestLog.scheme(null)).isEqualTo("none");
        assertThat(RequestLog.scheme("  ")).isEqualTo("none");
        assertThat(RequestLog.scheme("Negotiate TlRMTVNTUAAB")).isEqualTo("negotiate");
        assertThat(RequestLog.scheme("Kerberos")).isEqualTo("kerberos");
    }

    @Test
    void latencyAndReplicationDelayReachEveryServerAndAFaultFileDoesNotLiftTheLatency() throws Exception {
        EmbeddedLab.Options options = EmbeddedLab.Options.defaults().withSpeed(0)
                .withLatency(Duration.ofMillis(250)).withReplicationDelay(Duration.ofSeconds(3));
        try (EmbeddedLab lab = EmbeddedLab.start("multi-site", 4, options)) {
            assertThat(lab.organisation().servers()).extracting(s -> s.site().replicationDelay())
                    .containsOnly(Duration.ofSeconds(3));
            assertThat(lab.organisation().servers()).extracting(ExchangeServer::name)
                    .extracting(name -> lab.host(name).commandLatency()).containsOnly(Duration.ofMillis(250));
            lab.faults("ex01").latency(Duration.ofSeconds(1));
            lab.clearFaults();
            assertThat(lab.host("ex01").commandLatency()).isEqualTo(Duration.ofMillis(250));
        }
    }
}
