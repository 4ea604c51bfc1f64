package io.authcert.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.authcert.lab.exchange.ExchangeServer;
import io.authcert.lab.exchange.Organisation;
import io.authcert.lab.exchange.Scenario;
import io.authcert.lab.exchange.SimClock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inventory the lab writes, and the servers a scenario leaves out of it (the organisation keeps them). */
class LabInventoryTest {

    private static final SimClock CLOCK = SimClock.frozen(Instant.parse("2026-11-26T04:00:00Z"));

    private static List<Lab.Endpoint> endpoints(Organisation org) {
        List<Lab.Endpoint> out = new java.util.ArrayList<>();
        int port = 55001;
        for (ExchangeServer s : org.servers()) {
            out.add(new Lab.Endpoint(s.name(), "127.0.0.1", port, false, "http://127.0.0.1:" + port++ + "/wsman"));
        }
        return out;
    }

    @Test
    void theOutsideInventoryScenarioLeavesTwoServersOfTheOrganisationOut() throws Exception {
        Scenario scenario = Scenario.load("outside-inventory");
        Organisation org = scenario.build(scenario.defaultServers(), CLOCK);

        String yaml = LabInventory.render(scenario, endpoints(org), org, "labadmin", "pw", null);
        JsonNode inventory = new ObjectMapper(new YAMLFactory()).readTree(yaml);

        assertThat(org.servers()).extracting(ExchangeServer::name).containsExactly("ex01", "ex02", "ex03", "ex04");
        assertThat(inventory.at("/all/children/exchange/hosts").fieldNames()).toIterable().containsExactly("ex01", "ex02");
        assertThat(inventory.at("/all/children/edge").isMissingNode()).as("ex04, the Edge server, is left out too").isTrue();
        assertThat(yaml).contains("# Left out on purpose (the organisation has them): ex03, ex04.");
    }

    @Test
    void aScenarioWithoutTheKeyLeavesNothingOut() {
        Scenario scenario = Scenario.load("with-edge");
        Organisation org = scenario.build(3, CLOCK);

        String yaml = LabInventory.render(scenario, endpoints(org), org, "labadmin", "pw", null);

        assertThat(yaml).contains("        ex01:", "        ex02:", "    edge:", "        ex03:").doesNotContain("Left out");
    }

    @Test
    void leavingOutEveryServerOrAnUnknownKeyIsRefused() {
        Scenario all = Scenario.parse("all", "inventory: {leave_out: [all]}\n");
        Scenario typo = Scenario.parse("typo", "inventory: {leaveout: [ex02]}\n");

        assertThatThrownBy(() -> all.leftOutOfInventory(List.of("ex01", "ex02"))).hasMessageContaining("keep at least one");
        assertThatThrownBy(() -> typo.leftOutOfInventory(List.of("ex01", "ex02")))
                .hasMessageContaining("unknown key 'inventory.leaveout'; expected leave_out");
    }
}
