package io.authcert.facts;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One server of the organisation as {@code Get-ExchangeServer} lists it on the server that was asked
 * (every server of the organisation, not only the inventory's).
 *
 * @param site         the AD site's canonical name ({@code contoso.local/Configuration/Sites/Default-First-Site-Name})
 * @param version      {@code AdminDisplayVersion} as printed ({@code Version 15.2 (Build 1544.4)}); null when not read
 * @param mailbox      {@code IsMailboxServer}; null when not read
 * @param clientAccess {@code IsClientAccessServer}; null when not read
 * @param edge         {@code IsEdgeServer}; null when not read
 */
public record OrganizationServer(String name, String fqdn, String site, List<String> roles, String version,
        Boolean mailbox, Boolean clientAccess, Boolean edge) {

    /** MonitorExchangeAuthCertificate's filter: {@code $_.AdminDisplayVersion -match "^Version 15"}. */
    private static final Pattern VERSION_15 = Pattern.compile("^Version 15", Pattern.CASE_INSENSITIVE);

    public OrganizationServer {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /**
     * True when this server must hold the Auth certificate: a Mailbox or Client Access server of
     * Exchange 2013 or later ("Version 15"), as Microsoft's MonitorExchangeAuthCertificate script
     * selects them. Edge Transport servers drop out because they are neither; Exchange 2010
     * ("Version 14") because it has no Auth configuration. A flag or version that was not read counts
     * as "may need it": unknown is never absent.
     */
    public boolean needsAuthCertificate() {
        boolean unknownRole = mailbox == null && clientAccess == null && roles.isEmpty();
        boolean mbx = mailbox != null ? mailbox : hasRole("Mailbox");
        boolean cas = clientAccess != null ? clientAccess : hasRole("ClientAccess");
        boolean v15 = version == null || VERSION_15.matcher(version.trim()).find();
        return (unknownRole || mbx || cas) && v15;
    }

    /**
     * True when {@code other} names this server: its name or FQDN, or a host name whose first label is
     * its name (the inventory may say {@code ex03.contoso.local} for {@code EX03}); case-insensitive.
     */
    public boolean isNamed(String other) {
        if (other == null || other.isBlank()) {
            return false;
        }
        String o = other.trim().toLowerCase(Locale.ROOT);
        return o.equals(lower(name)) || o.equals(lower(fqdn)) || firstLabel(o).equals(lower(name))
                || (fqdn != null && o.equals(firstLabel(lower(fqdn))));
    }

    /**
     * {@link #isNamed} against many names at once, in time linear in their number: an organisation of N servers is
     * checked against a plan of N hosts without N x N comparisons.
     */
    public static Predicate<OrganizationServer> namedByAnyOf(Collection<String> others) {
        Set<String> names = new HashSet<>();
        Set<String> namesAndFirstLabels = new HashSet<>();
        for (String other : others) {
            if (other != null && !other.isBlank()) {
                String o = other.trim().toLowerCase(Locale.ROOT);
                names.add(o);
                namesAndFirstLabels.add(o);
                namesAndFirstLabels.add(firstLabel(o));
            }
        }
        return s -> (s.name != null && namesAndFirstLabels.contains(lower(s.name)))
                || (s.fqdn != null && (names.contains(lower(s.fqdn)) || names.contains(firstLabel(lower(s.fqdn)))));
    }

    /** How the plan names it: the name, else the FQDN. */
    public String displayName() {
        return name != null && !name.isBlank() ? name : fqdn;
    }

    private boolean hasRole(String role) {
        return roles.stream().anyMatch(r -> r.equalsIgnoreCase(role));
    }

    private static String firstLabel(String host) {
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
