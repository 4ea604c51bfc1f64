package io.authcert.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.authcert.lab.exchange.AuditLog;
import io.authcert.lab.exchange.ExchangeHost;
import io.authcert.lab.exchange.ExchangeServer;
import io.authcert.lab.exchange.cmdlets.ExchangeCmdlets;
import io.authcert.lab.exchange.FaultMoment;
import io.authcert.lab.exchange.Organisation;
import io.authcert.lab.exchange.Scenario;
import io.authcert.lab.exchange.SimClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What a fault control file switches: everything off first, then its faults and its moments. */
class FaultControlFileTest {

    private final Organisation org = Scenario.load("healthy").build(3, SimClock.frozen(Instant.parse("2026-11-26T04:00:00Z")));

    private static JsonNode yaml(String text) throws Exception {
        return new ObjectMapper(new YAMLFactory()).readTree(text);
    }

    private ExchangeServer server(String name) {
        return org.server(name).orElseThrow();
    }

    @Test
    void aFileSwitchesItsFaultsOnAndTheNextFileSwitchesThemOff() throws Exception {
        FaultControlFile.apply(org, yaml("""
                faults:
                  ex02: {unreachable: true, latency: 2s}
                  odd: {fault_500_on: [Get-AuthConfig]}
                """));
        assertThat(server("ex02").faults().unreachable()).isTrue();
        assertThat(server("ex02").faults().latency()).isEqualTo(Duration.ofSeconds(2));
        assertThat(server("ex01").faults().faults500On("Get-AuthConfig")).isTrue();
        assertThat(server("ex03").faults().faults500On("Get-AuthConfig")).isTrue();

        FaultControlFile.apply(org, yaml("faults: {ex03: {reject_credentials: true}}"));

        assertThat(server("ex02").faults().unreachable()).as("lifted by the next file").isFalse();
        assertThat(server("ex01").faults().faults500On("Get-AuthConfig")).isFalse();
        assertThat(server("ex03").faults().rejectCredentials()).isTrue();

        FaultControlFile.apply(org, null);
        assertThat(server("ex03").faults().rejectCredentials()).as("a removed file lifts everything").isFalse();
    }

    @Test
    void momentsAreArmedWithTheirServerWordAndEffects() throws Exception {
        FaultControlFile.apply(org, yaml("""
                moments:
                  - name: before create
                    before: New-ExchangeCertificate
                    on: ex01
                    faults: {this: {unreachable: true}, others: {latency: 1s}}
                  - after: -PublishCertificate
                    hold: 30s
                    lose_response: true
                """));
        // armed, not fired: nothing is switched on yet
        assertThat(org.faultMoments().fired()).isEmpty();
        assertThat(server("ex01").faults().unreachable()).isFalse();

        ExchangeHost ex01 = new ExchangeHost(org, server("ex01"), ExchangeCmdlets.registryFor(org), new AuditLog());
        CommandOutcome outcome = ex01.execute(null, "powershell.exe", List.of("-Command", "-"),
                new ByteArrayInputStream("Write-Output 'New-ExchangeCertificate'".getBytes(StandardCharsets.UTF_8)));

        assertThat(outcome.disposition()).isEqualTo(CommandOutcome.Disposition.LOSE_RESPONSE);
        assertThat(org.faultMoments().fired()).extracting(f -> f.moment().label()).containsExactly("before create");
        assertThat(server("ex01").faults().unreachable()).isTrue();
        assertThat(server("ex02").faults().latency()).isEqualTo(Duration.ofSeconds(1));
        assertThat(server("ex03").faults().latency()).isEqualTo(Duration.ofSeconds(1));

        FaultControlFile.apply(org, yaml("moments: []"));
        assertThat(server("ex01").faults().unreachable()).as("lifted").isFalse();
    }

    @Test
    void aBadFileIsRefusedWithWhatIsWrongAndChangesNothing() throws Exception {
        FaultControlFile.apply(org, yaml("faults: {ex02: {unreachable: true}}"));

        assertThatThrownBy(() -> FaultControlFile.apply(org, yaml("faults: {ex01: {unreachabel: true}}")))
                .hasMessageContaining("unknown fault 'unreachabel'").hasMessageContaining("unreachable, reject_credentials");
        assertThatThrownBy(() -> FaultControlFile.apply(org, yaml("moments: [{on: ex01, faults: {}}]")))
                .hasMessageContaining("either before: or after:");
        assertThatThrownBy(() -> FaultControlFile.apply(org, yaml("moments: [{before: X, hold: soon}]")))
                .hasMessageContaining("'soon' is not a duration for hold");

        assertThat(server("ex02").faults().unreachable()).as("the earlier file's faults stay").isTrue();
    }

    @Test
    void aMomentFiresOnceForTheFirstMatchingCommandOnItsServer() {
        FaultMoment moment = FaultMoment.before("Set-AuthConfig").on("ex02").named("before stage");
        assertThat(moment.label()).isEqualTo("before stage");
        assertThat(moment.when()).isEqualTo(FaultMoment.When.BEFORE);
        assertThat(FaultMoment.after("-PublishCertificate").label()).isEqualTo("after -PublishCertificate");
        assertThatThrownBy(() -> FaultMoment.before(" ")).hasMessageContaining("names the cmdlet or parameter");
    }
}
