package io.authcert.facts;

import java.time.Instant;
import java.util.List;

/**
 * The server as Exchange describes it ({@code Get-ExchangeServer}) plus its own clock.
 *
 * @param organization the organisation it belongs to: the distinguished name of its AuthConfig's
 *                     organisation container (or the {@code exchange_org} variable when set)
 * @param clockUtc     the server's own clock when it answered
 */
public record ServerInfo(
        String name,
        String fqdn,
        String version,
        List<String> roles,
        String adSite,
        boolean edge,
        String organization,
        Instant clockUtc) {

    public ServerInfo {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public boolean isMailbox() {
        return roles.stream().anyMatch(r -> r.equalsIgnoreCase("Mailbox"));
    }
}
