package io.authcert.lab.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authcert.lab.CommandOutcome;
import io.authcert.lab.exchange.cmdlets.ExchangeCmdlets;
import io.authcert.lab.pwsh.CmdletRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** THE fact-gathering script runs unchanged on every server of every shipped scenario and prints real-shaped JSON. */
class GatherScriptOnLabTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static String gatherScript() throws IOException {
        try (InputStream in = GatherScriptOnLabTest.class.getResourceAsStream("/io/authcert/facts/gather.ps1")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static java.util.List<String> scenarios() {
        return Scenario.SHIPPED;
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void gatherRunsOnEveryServer(String scenario) throws IOException {
        SimClock clock = SimClock.frozen(Instant.parse("2026-11-26T04:00:00Z"));
        Organisation org = Scenario.load(scenario).build(3, clock);
        CmdletRegistry registry = ExchangeCmdlets.registryFor(org);
        AuditLog audit = new AuditLog();
        String script = gatherScript();
        for (ExchangeServer s : org.servers()) {
            CommandOutcome out = new ExchangeHost(org, s, registry, audit).runScript(io.authcert.powershell.ExchangeShellScript.remote().wrap(script));
            String stderr = new String(out.stderr(), StandardCharsets.UTF_8);
            assertThat(out.exitCode()).as("%s %s: %s", scenario, s.name(), stderr).isZero();
            JsonNode facts = JSON.readTree(out.stdout());
            assertThat(facts.get("format_version").asInt()).isEqualTo(1);
            JsonNode server = facts.get("server");
            assertThat(server.get("name").asText()).isEqualToIgnoringCase(s.name());
            assertThat(server.get("fqdn").asText()).isEqualTo(s.fqdn());
            assertThat(server.get("version").asText()).startsWith("Version 15.");
            assertThat(server.get("is_edge").asBoolean()).isEqualTo(s.isEdge());
            assertThat(server.get("clock_utc").asText()).startsWith("2026-11-26T04:00:00");
            assertThat(facts.get("certificates").isArray()).isTrue();
            for (JsonNode c : facts.get("certificates")) {
                assertThat(c.get("thumbprint").asText()).matches("[0-9A-F]{40}");
                assertThat(c.get("not_after").asText()).endsWith("Z");
                assertThat(c.get("public_key_size").asInt()).isEqualTo(2048);
                assertThat(c.get("domains").isArray()).isTrue();
            }
            if (s.isEdge()) {
                assertThat(facts.get("organization_servers").isNull()).isTrue();
                assertThat(facts.get("auth_config").isNull()).isTrue();
                assertThat(facts.get("app_pools")).isEmpty();
                continue;
            }
            assertThat(facts.get("organization_servers")).as("every server of the organisation").hasSize(org.servers().size());
            for (JsonNode listed : facts.get("organization_servers")) {
                ExchangeServer named = org.server(listed.get("name").asText()).orElseThrow();
                assertThat(listed.get("fqdn").asText()).isEqualTo(named.fqdn());
                assertThat(listed.get("is_edge").asBoolean()).isEqualTo(named.isEdge());
                assertThat(listed.get("is_mailbox").asBoolean()).isEqualTo(!named.isEdge());
                assertThat(listed.get("site").asText()).endsWith("/Configuration/Sites/" + named.site().name());
                assertThat(listed.get("version").asText()).isEqualTo(named.version());
            }
            assertThat(facts.get("errors")).isEmpty();
            JsonNode auth = facts.get("auth_config");
            assertThat(auth.get("current_thumbprint").asText()).matches("[0-9A-F]{40}");
            assertThat(auth.get("distinguished_name").asText()).startsWith("CN=Auth Configuration,");
            assertThat(facts.get("service_host").get("status").asText()).isEqualTo("Running");
            assertThat(facts.get("service_host").get("start_time").asText()).startsWith("2026-11-25T22:00:00");
            assertThat(facts.get("app_pools")).hasSize(2);
            assertThat(facts.get("app_pools").get(0).get("state").asText()).isEqualTo("Started");
            assertThat(facts.get("backend_binding").get("thumbprint").asText()).matches("[0-9A-F]{40}");
            assertThat(facts.get("hybrid").asBoolean()).isEqualTo(scenario.equals("hybrid"));
        }
    }
}
