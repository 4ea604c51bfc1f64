package io.authcert.lab.wsman;

import io.authcert.security.ntlm.NtlmTarget;
import io.authcert.security.ntlm.PasswordLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The lab's Active Directory domain and every server's local accounts, so NTLM logons are checked
 * against real-looking accounts ({@code CONTOSO\\user}, {@code user@contoso.local}, {@code user}).
 */
public final class LabAccounts {

    /** One account; {@code domain} is null for a server's local account. */
    public record Account(String domain, String name, String password, List<String> groups) {
        public Account {
            groups = List.copyOf(groups);
        }

        @Override
        public String toString() {
            return "Account[" + (domain == null ? "." : domain) + "\\" + name + ", groups=" + groups + "]";
        }
    }

    private final String netbiosDomain;
    private final String dnsDomain;
    private final List<Account> domainUsers;
    private final Map<String, List<Account>> localUsers;

    /** @param localUsers by server name; key "*" applies to every server */
    public LabAccounts(String netbiosDomain, String dnsDomain, List<Account> domainUsers,
                       Map<String, List<Account>> localUsers) {
        this.netbiosDomain = netbiosDomain;
        this.dnsDomain = dnsDomain;
        this.domainUsers = List.copyOf(domainUsers);
        this.localUsers = Map.copyOf(localUsers);
    }

    /** CONTOSO / contoso.local with only a local account {@code user} on every server. */
    public static LabAccounts localOnly(String user, String password) {
        return new LabAccounts("CONTOSO", "contoso.local", List.of(),
                Map.of("*", List.of(new Account(null, user, password, List.of("Administrators")))));
    }

    /** The same accounts plus a local account on every server. */
    public LabAccounts withLocal(String user, String password) {
        Map<String, List<Account>> copy = new java.util.HashMap<>(localUsers);
        List<Account> all = new ArrayList<>(copy.getOrDefault("*", List.of()));
        all.add(new Account(null, user, password, List.of("Administrators")));
        copy.put("*", all);
        return new LabAccounts(netbiosDomain, dnsDomain, domainUsers, copy);
    }

    /**
     * The same accounts with the one the lab's clients are given: {@code DOMAIN\\name} or
     * {@code name@dns-domain} is a domain account (Domain Admins, Organization Management, local
     * Administrators), replacing one of that name, so its password is the one given; a bare name (or
     * {@code .\\name}) is a local Administrator of every server.
     *
     * @throws IllegalArgumentException when {@code user} names a domain other than this one
     */
    public LabAccounts withAccount(String user, String password) {
        int slash = user.indexOf('\\');
        int at = user.indexOf('@');
        String domain = slash >= 0 ? user.substring(0, slash) : at > 0 ? user.substring(at + 1) : "";
        String name = slash >= 0 ? user.substring(slash + 1) : at > 0 ? user.substring(0, at) : user;
        if (domain.isEmpty() || domain.equals(".")) {
            return withLocal(name, password);
        }
        if (!domain.equalsIgnoreCase(netbiosDomain) && !domain.equalsIgnoreCase(dnsDomain)) {
            throw new IllegalArgumentException("the lab's user '" + user + "' names the domain " + domain + ", but the"
                    + " lab's domain is " + netbiosDomain + " (" + dnsDomain + "): write " + netbiosDomain + "\\" + name
                    + ", " + name + "@" + dnsDomain + ", or a local account without a domain");
        }
        List<Account> users = new ArrayList<>(domainUsers.stream().filter(a -> !a.name().equalsIgnoreCase(name)).toList());
        users.add(new Account(netbiosDomain, name, password,
                List.of("Domain Admins", "Organization Management", "Administrators")));
        return new LabAccounts(netbiosDomain, dnsDomain, users, localUsers);
    }

    public String netbiosDomain() {
        return netbiosDomain;
    }

    public String dnsDomain() {
        return dnsDomain;
    }

    public List<Account> domainUsers() {
        return domainUsers;
    }

    /** Every account's password, domain and local (for logs that must never hold one). */
    public List<String> passwords() {
        List<String> all = new ArrayList<>();
        domainUsers.forEach(a -> all.add(a.password()));
        localUsers.values().forEach(list -> list.forEach(a -> all.add(a.password())));
        return all;
    }

    /** The account a logon names on {@code server}: DOMAIN\\user, user@dns-domain, SERVER\\user or a bare user. */
    public Optional<Account> resolve(String server, String domain, String user) {
        String d = domain == null ? "" : domain;
        String u = user;
        int at = u.indexOf('@');
        if (d.isEmpty() && at > 0) {
            d = u.substring(at + 1);
            u = u.substring(0, at);
        }
        String name = u;
        if (d.isEmpty() || d.equals(".") || d.equalsIgnoreCase(server)) {
            Optional<Account> local = locals(server).stream().filter(a -> a.name().equalsIgnoreCase(name)).findFirst();
            if (local.isPresent() || !d.isEmpty()) {
                return local;
            }
        }
        if (d.isEmpty() || d.equalsIgnoreCase(netbiosDomain) || d.equalsIgnoreCase(dnsDomain)) {
            return domainUsers.stream().filter(a -> a.name().equalsIgnoreCase(name)).findFirst();
        }
        return Optional.empty();
    }

    /**
     * The domain account a Kerberos client principal ({@code user@REALM}) names when {@code REALM} is the
     * lab's own realm; empty for another realm (the lab trusts none), a service or multi-part principal,
     * or a user the domain lacks. Local accounts never log on with Kerberos.
     */
    public Optional<Account> kerberosAccount(String principal, String realm) {
        int at = principal.lastIndexOf('@');
        if (at <= 0 || !principal.substring(at + 1).equals(realm)) {
            return Optional.empty();
        }
        String user = principal.substring(0, at);
        if (user.contains("/")) {
            return Optional.empty();
        }
        return domainUsers.stream().filter(a -> a.name().equalsIgnoreCase(user)).findFirst();
    }

    /** How Windows names an account in a logon: {@code CONTOSO\\administrator}, or {@code EX01\\user} when local. */
    public String logonName(String server, Account account) {
        return (account.domain() == null ? server.toUpperCase(Locale.ROOT) : account.domain()) + "\\" + account.name();
    }

    /** NTLM's view of {@link #resolve} on one server. */
    public PasswordLookup lookupOn(String server) {
        return (domain, user) -> resolve(server, domain, user).map(a -> a.password().toCharArray());
    }

    /** The names one server puts in its NTLM CHALLENGE. */
    public NtlmTarget targetFor(String server) {
        return new NtlmTarget(netbiosDomain, server.toUpperCase(Locale.ROOT), dnsDomain, server + "." + dnsDomain);
    }

    private List<Account> locals(String server) {
        List<Account> all = new ArrayList<>(localUsers.getOrDefault("*", List.of()));
        all.addAll(localUsers.getOrDefault(server, List.of()));
        return all;
    }
}
