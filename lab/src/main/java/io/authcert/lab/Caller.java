package io.authcert.lab;

import java.util.List;

/**
 * Who a script runs as on a simulated server: the logon its authentication gave, carried into cmdlet
 * execution. Whether it has network credentials decides whether the Exchange snap-in can reach Active
 * Directory from it (a second hop): Kerberos with a delegated ticket, CredSSP and Basic (a clear-text logon)
 * have them; NTLM and Kerberos without delegation do not.
 *
 * @param account            as Windows writes it: {@code CONTOSO\\administrator}, or {@code EX01\\admin} (local)
 * @param groups             the account's groups ({@code Organization Management}, {@code Administrators}...)
 * @param domainAccount      false for a server's local account (no identity in Active Directory)
 * @param networkCredentials whether the logon can authenticate onwards (to a domain controller)
 */
public record Caller(String account, List<String> groups, boolean domainAccount, boolean networkCredentials) {

    public Caller {
        groups = List.copyOf(groups);
    }

    /**
     * Someone signed in at the server's console (an interactive logon, so it can reach AD): what a script
     * run directly ({@code runScript}, no WinRM) runs as.
     */
    public static Caller console(String account) {
        return new Caller(account, List.of("Domain Admins", "Organization Management", "Administrators"), true, true);
    }

    public boolean inGroup(String group) {
        return groups.stream().anyMatch(g -> g.equalsIgnoreCase(group));
    }

    /** The same account with (or without) network credentials. */
    public Caller withNetworkCredentials(boolean has) {
        return new Caller(account, groups, domainAccount, has);
    }
}
