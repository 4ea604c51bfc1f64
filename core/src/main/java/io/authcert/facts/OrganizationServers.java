package io.authcert.facts;

import java.util.List;
import java.util.Objects;

/**
 * Every server of the organisation as one server read it ({@code Get-ExchangeServer} without
 * {@code -Identity}), or why that list is unknown. Unknown is never "no other servers": whatever
 * needs the list (clearing the previous certificate, calling the organisation healthy) waits for it.
 *
 * @param servers       the servers listed; empty when unknown
 * @param unknownReason why the list is unknown (one plain line), or null when it was read
 */
public record OrganizationServers(List<OrganizationServer> servers, String unknownReason) {

    /** For facts that predate the organisation's server list, and for failed hosts. */
    public static final String NOT_GATHERED = "the organisation's servers were not gathered with these facts";

    /** What {@code gather.ps1} says on a server the engine did not ask: another server of the organisation lists them. */
    public static final String NOT_ASKED = "not asked: another server of the organisation lists its servers";

    public OrganizationServers {
        servers = servers == null ? List.of() : List.copyOf(servers);
        if (unknownReason != null && !servers.isEmpty()) {
            throw new IllegalArgumentException("an unknown server list has no servers");
        }
    }

    public static OrganizationServers known(List<OrganizationServer> servers) {
        return new OrganizationServers(Objects.requireNonNull(servers, "servers"), null);
    }

    public static OrganizationServers unknown(String why) {
        return new OrganizationServers(List.of(), why == null || why.isBlank() ? NOT_GATHERED : why);
    }

    public boolean known() {
        return unknownReason == null;
    }

    /** Unknown only because another server was asked for the list: says nothing about this server. */
    public boolean notAsked() {
        return NOT_ASKED.equals(unknownReason);
    }

    /** The listed servers that must hold the Auth certificate ({@link OrganizationServer#needsAuthCertificate()}). */
    public List<OrganizationServer> needingAuthCertificate() {
        return servers.stream().filter(OrganizationServer::needsAuthCertificate).toList();
    }
}
