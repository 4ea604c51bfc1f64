package io.authcert.lab.pwsh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.authcert.lab.CommandOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fact-gathering script runs in the lab's PowerShell (here against stub Exchange cmdlets; the
 * real ones come from lab.exchange). Its syntax is checked by GatherScriptSyntaxTest.
 */
class GatherScriptTest {

    private static String gatherScript() throws IOException {
        try (InputStream in = GatherScriptTest.class.getResourceAsStream("/io/authcert/facts/gather.ps1")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void gatherRunsAndPrintsOneCompressedJsonDocument() throws IOException {
        PowerShellHost host = PsRun.host(StubExchange.registry());
        String encoded = Base64.getEncoder().encodeToString(io.authcert.powershell.ExchangeShellScript.snapIn()
                .wrap(gatherScript()).getBytes(StandardCharsets.UTF_16LE));
        CommandOutcome o = host.run("powershell.exe", List.of("-NoProfile", "-NonInteractive", "-EncodedCommand", encoded),
                null);
        String stdout = new String(o.stdout(), StandardCharsets.UTF_8);
        assertThat(new String(o.stderr(), StandardCharsets.UTF_8)).isEmpty();
        assertThat(o.exitCode()).isZero();
        assertThat(stdout).endsWith("\r\n").doesNotContain("\n{");

        JsonNode facts = new ObjectMapper().readTree(stdout);
        assertThat(facts.get("format_version").asInt()).isEqualTo(1);
        assertThat(facts.at("/server/name").asText()).isEqualTo("EX01");
        assertThat(facts.at("/server/roles").toString()).isEqualTo("[\"Mailbox\",\"ClientAccess\"]");
        assertThat(facts.at("/server/ad_site").asText()).isEqualTo("contoso.com/Configuration/Sites/Default-First-Site-Name");
        assertThat(facts.at("/server/clock_utc").asText()).isEqualTo("2026-11-26T04:15:30.1234567Z");
        assertThat(facts.at("/auth_config/current_thumbprint").asText()).isEqualTo("AAAA0000AAAA0000AAAA0000AAAA0000AAAA0000");
        assertThat(facts.at("/auth_config/next_effective_date").asText()).isEqualTo("2026-11-28T06:00:00.0000000Z");
        assertThat(facts.get("certificates")).hasSize(2);
        assertThat(facts.at("/certificates/1/services").asText()).isEqualTo("IIS, SMTP");
        assertThat(facts.at("/certificates/0/status").asText()).isEqualTo("Valid");
        assertThat(facts.at("/certificates/0/domains").isArray()).isTrue();
        assertThat(facts.at("/service_host/start_time").asText()).isEqualTo("2026-11-26T01:00:00.0000000Z");
        assertThat(facts.at("/app_pools/0/name").asText()).isEqualTo("MSExchangeOWAAppPool");
        assertThat(facts.at("/app_pools/1/start_time").isNull()).isTrue();
        assertThat(facts.at("/backend_binding/port").asInt()).isEqualTo(444);
        assertThat(facts.get("hybrid").asBoolean()).isFalse();
        // The stub knows only EX01 by name: listing every server fails, and the facts say so instead of "no others".
        assertThat(facts.get("organization_servers").isNull()).isTrue();
        assertThat(facts.get("organization_servers_error").asText())
                .startsWith("Get-ExchangeServer (every server of the organisation) failed: The operation couldn't be performed");
        // The stub has no Get-WinEvent: the sign-in error events are unknown (null) and the errors say why, never "none".
        assertThat(facts.get("owa_sign_in_errors").isNull()).isTrue();
        assertThat(facts.get("errors")).extracting(JsonNode::asText).contains(facts.get("organization_servers_error").asText())
                .anyMatch(e -> e.startsWith("OWA sign-in errors (events 1003, 3005) could not be read from the Application log: "));
    }

    @Test
    void gatherStopsWithAnErrorWhenTheServerIsUnknown() throws IOException {
        PowerShellHost host = new PowerShellHost(StubExchange.registry(), java.util.Map.of("COMPUTERNAME", "EX77"),
                java.time.Clock.fixed(PsRun.NOW, java.time.ZoneId.of("UTC")));
        PsRun.Result r = PsRun.decode(host.runScript(io.authcert.powershell.ExchangeShellScript.snapIn().wrap(gatherScript())));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).startsWith("Get-ExchangeServer : The operation couldn't be performed because object 'EX77'");
    }
}
