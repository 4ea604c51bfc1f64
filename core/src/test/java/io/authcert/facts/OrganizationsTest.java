package io.authcert.facts;

import static org.assertj.core.api.Assertions.assertThat;

import io.authcert.inventory.InventoryHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrganizationsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "CN=Auth Configuration,CN=SoloORG,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=Solo,DC=local|NULL|CN=SoloORG,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=Solo,DC=local",
        "cn=auth configuration,CN=Org2,DC=x|NULL|CN=Org2,DC=x",
        "CN=Something Else,CN=Org|NULL|NULL",
        "NULL|NULL|NULL",
        "CN=Auth Configuration,CN=Org2,DC=x|contoso|contoso",
        "NULL|contoso|contoso",
        "CN=Auth Configuration,CN=Org2,DC=x|'  '|CN=Org2,DC=x",
    })
    void organisationFromDistinguishedNameUnlessOverridden(String dn, String override, String expected) {
        assertThat(Organizations.resolve(override, dn)).isEqualTo(expected);
    }

    @Test
    void inventoryNamesTheOrganisationOfOnlyTheHostsThatSetExchangeOrg() {
        InventoryHost ex01 = new InventoryHost("ex01", Map.of("exchange_org", "contoso"));
        InventoryHost ex02 = new InventoryHost("ex02", Map.of());
        InventoryHost ex03 = new InventoryHost("ex03", Map.of("exchange_org", 42));

        assertThat(Organizations.fromInventory(ex02)).isNull();
        assertThat(Organizations.fromInventory(List.of(ex03, ex02, ex01)))
                .containsExactly(Map.entry("ex03", "42"), Map.entry("ex01", "contoso"));
    }
}
