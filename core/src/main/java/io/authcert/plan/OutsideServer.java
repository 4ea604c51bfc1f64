package io.authcert.plan;

import java.util.List;

/**
 * A server of the organisation that needs the Auth certificate ({@code Get-ExchangeServer}: Mailbox or
 * Client Access, Version 15) but is not one of the plan's hosts, so nothing checks or changes it.
 *
 * @param organisation the organisation it belongs to
 * @param ignored      true when the person said it is decommissioned or unreachable on purpose
 *                     ({@code --ignore-server}); false when it holds back what it could break
 */
public record OutsideServer(String organisation, String name, String fqdn, String site, List<String> roles, String version,
        boolean ignored) {

    public OutsideServer {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** "EX03 (ex03.contoso.local, site Default-First-Site-Name, Mailbox, Version 15.2 (Build 1544.4))". */
    public String describe() {
        StringBuilder sb = new StringBuilder(name == null ? String.valueOf(fqdn) : name).append(" (");
        sb.append(fqdn == null ? "no FQDN" : fqdn);
        if (site != null) {
            sb.append(", site ").append(site.substring(site.lastIndexOf('/') + 1));
        }
        if (!roles.isEmpty()) {
            sb.append(", ").append(String.join(", ", roles));
        }
        if (version != null) {
            sb.append(", ").append(version);
        }
        return sb.append(')').toString();
    }
}
