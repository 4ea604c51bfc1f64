package io.authcert.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The organisation's servers as gather.ps1 prints them, how the facts document keeps them, and their names. */
class OrganizationServersTest {

    private static final Instant GATHERED = Instant.parse("2026-11-26T09:00:00Z");
    private static final String SERVER = "\"server\": {\"name\": \"EX01\", \"fqdn\": \"ex01.contoso.local\", \"roles\": [\"Mailbox\"],"
            + " \"version\": \"Version 15.2 (Build 1544.4)\", \"is_edge\": false}, \"auth_config\": {\"current_thumbprint\": null,"
            + " \"distinguished_name\": \"CN=Auth Configuration,CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=local\"}";

    private static HostFacts parse(String rest) throws FactsParseException {
        return new GatherOutputParser().parse("ex01", GATHERED, "{\"format_version\": 1, " + SERVER + rest + "}", null);
    }

    @Test
    void theListAsGatherPrintsIt() throws Exception {
        HostFacts h = parse(", \"organization_servers\": [{\"name\": \"EX01\", \"fqdn\": \"ex01.contoso.local\","
                + " \"site\": \"contoso.local/Configuration/Sites/Default-First-Site-Name\", \"roles\": [\"Mailbox\"],"
                + " \"version\": \"Version 15.2 (Build 1544.4)\", \"is_mailbox\": true, \"is_client_access\": true, \"is_edge\": false},"
                + " {\"name\": \"EDGE01\", \"fqdn\": \"edge01.contoso.local\", \"roles\": [\"Edge\"],"
                + " \"version\": \"Version 15.2 (Build 1544.4)\", \"is_mailbox\": false, \"is_client_access\": false, \"is_edge\": true}],"
                + " \"organization_servers_error\": null, \"errors\": []");

        assertThat(h.organizationServers().known()).isTrue();
        assertThat(h.organizationServers().servers()).extracting(OrganizationServer::name).containsExactly("EX01", "EDGE01");
        assertThat(h.organizationServers().needingAuthCertificate()).extracting(OrganizationServer::name).containsExactly("EX01");
        assertThat(h.organizationServers().servers().get(0).site()).endsWith("/Default-First-Site-Name");
        assertThat(h.errors()).isEmpty();
    }

    @Test
    void aFailedGetExchangeServerIsUnknownWithItsReason() throws Exception {
        String why = "Get-ExchangeServer (every server of the organisation) failed: Active Directory server dc01 is not available.";
        HostFacts h = parse(", \"organization_servers\": null, \"organization_servers_error\": \"" + why + "\", \"errors\": [\"" + why + "\"]");

        assertThat(h.organizationServers().known()).isFalse();
        assertThat(h.organizationServers().unknownReason()).isEqualTo(why);
        assertThat(h.errors()).containsExactly(why);
    }

    @Test
    void factsWithoutTheListDoNotSayThereAreNoOtherServers() throws Exception {
        HostFacts h = parse("");

        assertThat(h.organizationServers().known()).isFalse();
        assertThat(h.organizationServers().unknownReason()).isEqualTo(OrganizationServers.NOT_GATHERED);
    }

    @Test
    void anEmptyListIsKnownAndEmpty() throws Exception {
        assertThat(parse(", \"organization_servers\": []").organizationServers().known()).isTrue();
    }

    @Test
    void theFactsDocumentKeepsKnownAndUnknownLists() throws Exception {
        OrganizationServer ex03 = new OrganizationServer("EX03", "ex03.contoso.local", "contoso.local/Configuration/Sites/Branch",
                List.of("Mailbox"), "Version 15.1 (Build 2507.18)", true, true, false);
        OrganizationServer partial = new OrganizationServer("EX04", null, null, List.of(), null, null, null, null);
        HostFacts known = new HostFacts("ex01", GATHERED, null, null, null, null, null, null, false, null, null,
                OrganizationServers.known(List.of(ex03, partial)));
        HostFacts unknown = new HostFacts("ex02", GATHERED, null, null, null, null, null, null, false, null, null,
                OrganizationServers.unknown("RBAC: Get-ExchangeServer is not granted"));

        Facts read = FactsDocument.read(FactsDocument.toJson(new Facts(java.util.Map.of("ex01", known))), "facts.json");
        Facts readUnknown = FactsDocument.read(FactsDocument.toJson(new Facts(java.util.Map.of("ex02", unknown))), "facts.json");

        assertThat(read.hosts().get("ex01").organizationServers()).isEqualTo(known.organizationServers());
        assertThat(readUnknown.hosts().get("ex02").organizationServers()).isEqualTo(unknown.organizationServers());
    }

    @ParameterizedTest(name = "{0} names EX03: {1}")
    @CsvSource({"EX03, true", "ex03, true", "ex03.contoso.local, true", "EX03.CONTOSO.LOCAL, true", "ex03.other.test, true",
        "ex3, false", "ex030, false", "'', false", "ex04.contoso.local, false"})
    void aServerIsNamedByItsNameOrFqdnInAnyCase(String name, boolean named) {
        OrganizationServer ex03 = new OrganizationServer("EX03", "ex03.contoso.local", null, List.of("Mailbox"),
                "Version 15.2 (Build 1544.4)", true, true, false);

        assertThat(ex03.isNamed(name)).isEqualTo(named);
    }
}
