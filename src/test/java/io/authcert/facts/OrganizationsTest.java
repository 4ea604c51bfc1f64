package io.authcert.facts;

import static org.assertj.core.api.Assertions.assertThat;

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
}
