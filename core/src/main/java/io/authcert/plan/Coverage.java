package io.authcert.plan;

import io.authcert.facts.OrganizationServer;
import io.authcert.facts.OrganizationServers;
import java.util.List;

/**
 * Which servers of one organisation the plan covers, by {@code Get-ExchangeServer} on one of its servers: the
 * servers that need the Auth certificate and are not hosts of the plan, split into those the person
 * ignored on purpose and those nobody vouches for. Incomplete coverage holds back whatever a server
 * outside the plan could be broken by.
 *
 * @param readOn  the host whose list it is (the primary, unless only another server listed them)
 * @param listed  that list, or why it is unknown
 * @param outside servers needing the Auth certificate, not in the plan and not ignored
 * @param ignored servers needing it, not in the plan, ignored with {@code --ignore-server}
 */
record Coverage(String organisation, String readOn, OrganizationServers listed, List<OrganizationServer> outside,
        List<OrganizationServer> ignored) {

    Coverage {
        outside = List.copyOf(outside);
        ignored = List.copyOf(ignored);
    }

    /** True when every server of the organisation that needs the Auth certificate is in the plan or ignored. */
    boolean complete() {
        return listed.known() && outside.isEmpty();
    }

    /** Who may be left behind, for the reasons of held steps: "EX03, a server of organisation Contoso outside this plan,". */
    String gap() {
        if (!listed.known()) {
            return "servers of organisation " + shortName(organisation) + " outside this plan, which could not be listed on "
                    + readOn + " (" + listed.unknownReason() + "),";
        }
        List<String> names = outside.stream().map(OrganizationServer::displayName).toList();
        return String.join(", ", names) + (names.size() == 1 ? ", a server" : ", servers")
                + " of organisation " + shortName(organisation) + " outside this plan,";
    }

    /** "Contoso" for "CN=Contoso,CN=Microsoft Exchange,..."; a name that is not a DN as it is. */
    static String shortName(String organisation) {
        if (organisation == null || !organisation.regionMatches(true, 0, "CN=", 0, 3)) {
            return organisation;
        }
        int comma = organisation.indexOf(',');
        return organisation.substring(3, comma < 0 ? organisation.length() : comma);
    }

    /** Why the organisation cannot be called healthy (only when {@link #complete()} is false). */
    String verdict() {
        if (!listed.known()) {
            return "organisation " + shortName(organisation) + " is not known to be healthy: its servers could not be listed on "
                    + readOn + " (" + listed.unknownReason() + "), so servers outside this plan cannot be ruled out";
        }
        List<String> names = outside.stream().map(OrganizationServer::displayName).toList();
        return "organisation " + shortName(organisation) + " is not known to be healthy: " + String.join(", ", names)
                + (names.size() == 1 ? " is" : " are") + " outside this plan and " + (names.size() == 1 ? "was" : "were")
                + " not checked, so " + (names.size() == 1 ? "it" : "they") + " may lack the Auth certificate the organisation"
                + " signs with";
    }
}
